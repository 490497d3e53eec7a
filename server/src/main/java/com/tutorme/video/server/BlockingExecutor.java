package com.tutorme.video.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where blocking work (JDBC) runs, so it never runs on an event loop. Sized to the connection
 * pool, since more threads would only wait for connections, with a bounded queue: when it is
 * full the work is refused at once (and answered 503) instead of piling up without limit.
 */
public final class BlockingExecutor implements AutoCloseable {
  private final ThreadPoolExecutor executor;

  public BlockingExecutor(int threads, int queueCapacity) {
    AtomicInteger count = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queueCapacity), runnable -> {
          Thread thread = new Thread(runnable, "tutorme-blocking-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Runs the work on a blocking thread. The future fails with RejectedExecutionException when
   * the queue is full, ServerClosedException once closing, and with whatever the work throws.
   */
  public <T> CompletableFuture<T> submit(Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          result.complete(work.call());
        } catch (Throwable t) {
          result.completeExceptionally(t);
        }
      });
    } catch (RuntimeException rejected) {
      // Shut down: an embedder calling after close() is told so, not shown our lambda's name.
      result.completeExceptionally(executor.isShutdown() ? new ServerClosedException() : rejected);
    }
    return result;
  }

  /** Work waiting for a thread: a database slower than the load shows here first. */
  public int queued() {
    return executor.getQueue().size();
  }

  /** Lets queued work finish for up to the grace period, then interrupts what remains. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
