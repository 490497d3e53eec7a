package com.tutorme.video.server.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, from /proc (Linux), and of this JVM. For a JVM it
 * also separates the JIT compiler threads' share: a window in which the compiler is still busy
 * measures warm-up, not the steady state.
 */
record ProcessStats(long cpuMillis, long rssKb, long compilerCpuMillis) {
  /** Linux's USER_HZ: /proc reports CPU time in these ticks, 100 per second on every kernel we run. */
  private static final long TICKS_PER_SECOND = 100;

  static ProcessStats of(long pid) {
    if (pid <= 0) {
      return new ProcessStats(-1, -1, -1);
    }
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      long rss = -1;
      for (String line : Files.readAllLines(proc.resolve("status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new ProcessStats(cpuMillis(proc.resolve("stat")), rss, compilerCpuMillis(proc));
    } catch (IOException | RuntimeException e) {
      return new ProcessStats(-1, -1, -1);
    }
  }

  /** Why a process's figures are unknown: none asked for, or the process has ended. */
  static String whyUnknown(long pid) {
    return pid <= 0 ? "no --server-pid" : "process " + pid + " is gone";
  }

  /** User plus system time of a process or thread, from its stat file. */
  private static long cpuMillis(Path stat) throws IOException {
    String line = Files.readString(stat);
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
    return ticks * 1000 / TICKS_PER_SECOND;
  }

  /**
   * HotSpot's "C1 CompilerThread0", "C2 CompilerThread1"...; 0 for a process with none. Only
   * the threads alive now: HotSpot stops extra compiler threads when idle, so on a machine with
   * many cores a window's figure can come out low.
   */
  private static long compilerCpuMillis(Path proc) throws IOException {
    long total = 0;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path thread : threads) {
        try {
          String name = Files.readString(thread.resolve("comm"));
          if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            total += cpuMillis(thread.resolve("stat"));
          }
        } catch (IOException e) {
          // the thread ended while we looked: its time is still in the process's total
        }
      }
    }
    return total;
  }

  /** This generator's own CPU time, so a saturated client shows in the report. */
  static long selfCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
  }
}
