package com.tutorme.video.server.dev;

import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.auth.Role;
import com.tutorme.video.server.auth.TokenMinter;
import com.tutorme.video.server.auth.UserIds;
import com.tutorme.video.server.http.ApiException;
import com.tutorme.video.server.http.ApiResponse;
import com.tutorme.video.server.http.Router;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/dev/token?userId=…&role=…}: a token for any user, so that the load
 * generator and hand-made experiments need no identity provider. Development mode only.
 */
public final class DevTokenRoutes {
  private static final Duration TTL = Duration.ofHours(12);

  private DevTokenRoutes() {}

  public static void register(Router router, TokenMinter minter) {
    router.get("/api/dev/token", request -> {
      String userId = request.queryParam("userId").orElse("");
      if (!UserIds.isValid(userId)) {
        throw new ApiException(ErrorCode.INVALID_REQUEST, "userId must be " + UserIds.RULE);
      }
      String roleName = request.queryParam("role").orElse("student").toUpperCase(Locale.ROOT);
      Role role;
      try {
        role = Role.valueOf(roleName);
      } catch (IllegalArgumentException e) {
        throw new ApiException(ErrorCode.INVALID_REQUEST,
            "role must be student, tutor, admin, service or user");
      }
      String token = minter.mint(new Principal(userId, null, role), TTL);
      return CompletableFuture.completedFuture(ApiResponse.ok(Map.of("token", token)));
    });
  }
}
