package com.tutorme.video.server.auth;

/**
 * No token can be checked yet: the identity provider's key set (JWT_JWKS_URL) has not been
 * fetched. Not the token's fault, so not a 401, which a client takes as "sign in again": the
 * API answers 503, and /readyz says not ready, until the keys arrive.
 */
public final class TokenKeysUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  public static final String MESSAGE =
      "the identity provider's keys (JWT_JWKS_URL) have not been fetched yet";

  TokenKeysUnavailableException() {
    super(MESSAGE, null, false, false);
  }
}
