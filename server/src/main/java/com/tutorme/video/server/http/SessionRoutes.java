package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.session.SessionService;

/**
 * The original app's three endpoints, same paths and meaning: create-or-get, get, and end a
 * booking's video session.
 */
public final class SessionRoutes {
  private SessionRoutes() {}

  /** Body of {@code POST /api/video/session}. */
  record CreateRequest(String bookingId) {}

  public static void register(Router router, HttpAuthenticator auth, SessionService sessions) {
    router.post("/api/video/session", request -> {
      Principal caller = auth.authenticate(request);
      CreateRequest body = JsonBodies.read(request, CreateRequest.class);
      String bookingId = Validation.id("bookingId", body.bookingId());
      return sessions.createOrGet(caller, bookingId)
          .thenApply(session -> ApiResponse.ok(SessionBody.of(session)));
    });

    router.get("/api/video/session", request -> {
      Principal caller = auth.authenticate(request);
      String bookingId = Validation.id("bookingId", request.queryParam("bookingId").orElseThrow(
          () -> new ApiException(ErrorCode.INVALID_REQUEST, "query parameter bookingId is required")));
      return sessions.findForBooking(caller, bookingId)
          .thenApply(session -> ApiResponse.ok(SessionBody.of(session)));
    });

    router.post("/api/video/session/{id}/end", request -> {
      Principal caller = auth.authenticate(request);
      String sessionId = Validation.id("session id", request.pathParam("id"));
      return sessions.end(caller, sessionId)
          .thenApply(session -> ApiResponse.ok(SessionBody.of(session)));
    });
  }
}
