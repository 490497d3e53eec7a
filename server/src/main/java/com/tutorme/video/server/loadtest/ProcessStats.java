package com.tutorme.video.server.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, from /proc (Linux), and of this JVM. */
record ProcessStats(long cpuMillis, long rssKb) {
  /** Linux's USER_HZ: /proc reports CPU time in these ticks, 100 per second on every kernel we run. */
  private static final long TICKS_PER_SECOND = 100;

  static ProcessStats of(long pid) {
    if (pid <= 0) {
      return new ProcessStats(-1, -1);
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
      long rss = -1;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new ProcessStats(ticks * 1000 / TICKS_PER_SECOND, rss);
    } catch (IOException | RuntimeException e) {
      return new ProcessStats(-1, -1);
    }
  }

  /** This generator's own CPU time, so a saturated client shows in the report. */
  static long selfCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
  }
}
