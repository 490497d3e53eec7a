package com.tutorme.video.server.auth;

/** Stub until the auth branch lands. */
public interface TokenVerifier {
  Principal verify(String token) throws InvalidTokenException;
}
