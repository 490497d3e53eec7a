package com.tutorme.video.server.http;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The browser client: the home page, the lesson page for a booking ({@code
 * /lessons/{bookingId}}, as in the original app) and the ES modules they load.
 */
public final class WebRoutes {
  private WebRoutes() {}

  public static void register(Router router, StaticFiles files) {
    router.get("/", request -> page(files.get("index.html")));
    router.get("/lessons/{bookingId}", request -> {
      Validation.id("booking id", request.pathParam("bookingId"));
      return page(files.get("lesson.html"));
    });
    router.get("/static/{file}", request -> page(files.get(request.pathParam("file"))));
  }

  private static CompletableFuture<ApiResponse> page(
      CompletableFuture<StaticFiles.StaticFile> file) {
    // Revalidated on every load; the files are small and served from memory.
    return file.thenApply(found -> new ApiResponse(200, Map.of("Cache-Control", "no-cache"),
        new ApiResponse.RawBody(found.bytes(), found.contentType())));
  }
}
