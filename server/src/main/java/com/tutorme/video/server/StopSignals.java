package com.tutorme.video.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SIGTERM and SIGINT do to the runnable server. Once it is up, the first asks for a clean
 * stop (exit 0). One during start-up stops it as soon as it is up, unless start-up is still
 * going a while later (waiting on a database, say): then the process exits as the JVM's own
 * handling would (143 for SIGTERM, 130 for SIGINT). A second signal exits so at once: the
 * operator means it.
 */
final class StopSignals {
  private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
  /** The JVM's exit status for a process ended by SIGTERM. */
  static final int EXIT_TERM = 143;
  /** ... and by SIGINT (Ctrl-C). */
  static final int EXIT_INT = 130;

  private final CountDownLatch stop = new CountDownLatch(1);
  private final Duration startUpGrace;
  private final IntConsumer exit;
  private volatile boolean started;

  /** @param exit System::exit, or a test's stand-in */
  StopSignals(Duration startUpGrace, IntConsumer exit) {
    this.startUpGrace = startUpGrace;
    this.exit = exit;
  }

  /**
   * A stop signal arrived; from the JVM's signal thread.
   *
   * @param exitStatus what the JVM would have exited with: {@link #EXIT_TERM} or {@link
   *     #EXIT_INT}
   */
  void signalled(int exitStatus) {
    if (stop.getCount() == 0) {
      log.warn("asked again to stop: exiting now");
      exit.accept(exitStatus);
      return;
    }
    stop.countDown();
    if (!started) {
      log.info("asked to stop during start-up: stopping once up");
      Thread watchdog = new Thread(() -> exitIfStillStarting(exitStatus),
          "tutorme-stop-during-start");
      watchdog.setDaemon(true);
      watchdog.start();
    }
  }

  /** Start-up has ended, up or failed. */
  void started() {
    started = true;
  }

  /** Until a stop is asked for. */
  void await() throws InterruptedException {
    stop.await();
  }

  private void exitIfStillStarting(int exitStatus) {
    try {
      Thread.sleep(startUpGrace.toMillis());
    } catch (InterruptedException e) {
      return;
    }
    if (!started) {
      log.warn("start-up still going {} s after the request to stop: exiting",
          startUpGrace.toSeconds());
      exit.accept(exitStatus);
    }
  }
}
