package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Liveness and readiness for orchestrators: {@code /healthz} says the process serves HTTP and
 * never touches the database, so a database outage does not get the node restarted; {@code
 * /readyz} says whether the node can serve: the database answers, and tokens can be checked
 * (a configured JWK set has been fetched), so a load balancer can route around it.
 */
public final class HealthRoutes {
  private HealthRoutes() {}

  /**
   * @param databaseCheck runs the (blocking) database check off the event loop and completes
   *     with whether it answered
   * @param tokensCheckable whether tokens can be checked now
   */
  public static void register(Router router,
      Function<Duration, CompletableFuture<Boolean>> databaseCheck,
      BooleanSupplier tokensCheckable) {
    router.get("/healthz", request -> CompletableFuture.completedFuture(
        ApiResponse.ok(Map.of("status", "ok"))));
    router.get("/readyz", request -> !tokensCheckable.getAsBoolean()
        ? CompletableFuture.completedFuture(ApiResponse.error(HttpAuthenticator.keysUnavailable()))
        : databaseCheck.apply(Duration.ofSeconds(1))
        .thenApply(ready -> ready
            ? ApiResponse.ok(Map.of("status", "ready", "database", "up"))
            : ApiResponse.error(ErrorCode.DATABASE_UNAVAILABLE,
                "the database does not answer", Map.of("Retry-After", "2")))
        // Stopping (the check refused with ServerClosedException), or the check's queue full.
        .exceptionally(HttpApiHandler::errorResponse));
  }

}
