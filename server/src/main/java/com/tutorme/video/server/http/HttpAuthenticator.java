package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.server.auth.InvalidTokenException;
import com.tutorme.video.server.auth.TokenKeysUnavailableException;
import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.auth.TokenVerifier;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Map;

/**
 * Finds the caller of an HTTP request from its {@code Authorization: Bearer} header. Failures
 * carry the {@code WWW-Authenticate} challenge of RFC 6750. Verification uses keys in memory,
 * so it runs on the event loop without blocking.
 */
public final class HttpAuthenticator {
  private static final String REALM = "Bearer realm=\"tutorme-video\"";

  private final TokenVerifier verifier;

  public HttpAuthenticator(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  /** The authenticated caller, or a 401 {@link ApiException} that reveals nothing else. */
  public Principal authenticate(ApiRequest request) {
    String header = request.header(HttpHeaderNames.AUTHORIZATION).orElse(null);
    if (header == null || header.isBlank()) {
      throw new ApiException(ErrorCode.UNAUTHENTICATED,
          "send Authorization: Bearer <token>", Map.of("WWW-Authenticate", REALM));
    }
    if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiException(ErrorCode.UNAUTHENTICATED,
          "the Authorization header must use the Bearer scheme",
          Map.of("WWW-Authenticate", REALM));
    }
    try {
      return verifier.verify(header.substring(7).strip());
    } catch (InvalidTokenException e) {
      throw new ApiException(ErrorCode.INVALID_TOKEN, "invalid access token: " + e.getMessage(),
          Map.of("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
    } catch (TokenKeysUnavailableException e) {
      throw keysUnavailable();
    }
  }

  /** The answer while no token can be checked: try again soon, the token may be fine. */
  public static ApiException keysUnavailable() {
    return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "cannot check tokens yet: "
        + TokenKeysUnavailableException.MESSAGE, Map.of("Retry-After", "5"));
  }
}
