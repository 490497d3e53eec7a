package com.tutorme.video.server.http;

import com.tutorme.video.protocol.IceServer;
import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.ice.IceServersProvider;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code GET /api/video/ice-servers}: the STUN and TURN servers for the caller's browser. */
public final class IceRoutes {
  private IceRoutes() {}

  /** RTCConfiguration.iceServers, and how long TURN credentials in it last (0: none). */
  record IceBody(List<IceServer> iceServers, long ttlSeconds) {}

  public static void register(Router router, HttpAuthenticator auth, IceServersProvider ice) {
    router.get("/api/video/ice-servers", request -> {
      Principal caller = auth.authenticate(request);
      return CompletableFuture.completedFuture(ApiResponse.ok(
          new IceBody(ice.forUser(caller.userId()), ice.credentialTtlSeconds())));
    });
  }
}
