package com.tutorme.video.server;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty settings for a server run from {@link Main}, where the JVM is ours (and for the bare
 * relay it is measured against, so the two compare like for like); a JVM that embeds the
 * server keeps its own.
 */
public final class NettyDefaults {
  private static final String LEAK_DETECTION = "io.netty.leakDetection.level";

  private NettyDefaults() {}

  /**
   * Turns Netty's buffer leak detection off unless {@code -Dio.netty.leakDetection.level} asks
   * for it. Its default sampling records a stack trace for one buffer in 128, and the relay
   * allocates two per message: a profile at 5,000 msg/s put it at 4 % of the event loops' CPU.
   * The test suite, which starts servers without Main, keeps Netty's sampling on. (Its paranoid
   * level, every buffer traced, slowed the loops enough to fail liveness tests.)
   */
  public static void apply() {
    if (System.getProperty(LEAK_DETECTION) == null
        && System.getProperty("io.netty.leakDetectionLevel") == null) { // the older name
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }
}
