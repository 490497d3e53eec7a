package com.tutorme.video.server.http;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the server's counters for Prometheus. Served without a token, as
 * scrapers expect, and holding counts only (no ids, no names); keep it from the public at the
 * proxy in front if the number of live lessons is not for everyone.
 */
public final class MetricsRoutes {
  private MetricsRoutes() {}

  /** @param scrape the metrics as Prometheus text; cheap, called on the event loop */
  public static void register(Router router, Supplier<byte[]> scrape) {
    router.get("/metrics", request -> CompletableFuture.completedFuture(new ApiResponse(200,
        Map.of("Cache-Control", "no-store"),
        new ApiResponse.RawBody(scrape.get(), PrometheusText.CONTENT_TYPE))));
  }
}
