package com.tutorme.video.server.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Each connection takes an open file. A run that needs more than this process may open fails
 * part-way with a bare "Too many open files"; checked before it starts instead.
 */
final class OpenFiles {
  /** The JVM's own (jars, sockets of the HTTP client, epoll): what connections leave over. */
  private static final int HEADROOM = 200;

  private OpenFiles() {}

  /** @throws Options.UsageException when the limit cannot take {@code connections} */
  static void checkRoomFor(int connections) {
    OptionalLong limit = softLimit();
    if (limit.isPresent() && connections + HEADROOM > limit.getAsLong()) {
      throw new Options.UsageException(connections + " connections need about "
          + (connections + HEADROOM) + " open files; this process may open " + limit.getAsLong()
          + " (ulimit -n; scripts/loadtest raises it up to the hard limit, ulimit -Hn)");
    }
  }

  /** The soft limit from /proc (Linux); empty where it cannot be read or is unlimited. */
  static OptionalLong softLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
          return soft.equals("unlimited") ? OptionalLong.empty()
              : OptionalLong.of(Long.parseLong(soft));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or a format we do not know: the run finds out as it goes
    }
    return OptionalLong.empty();
  }
}
