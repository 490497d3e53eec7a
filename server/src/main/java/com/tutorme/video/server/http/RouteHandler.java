package com.tutorme.video.server.http;

import java.util.concurrent.CompletionStage;

/**
 * Serves one route. Runs on an event loop: it must not block; blocking work goes to the
 * blocking executor and comes back as the returned stage. Throwing {@link ApiException} (or
 * completing exceptionally with it) answers with that error.
 */
@FunctionalInterface
public interface RouteHandler {
  CompletionStage<ApiResponse> handle(ApiRequest request);
}
