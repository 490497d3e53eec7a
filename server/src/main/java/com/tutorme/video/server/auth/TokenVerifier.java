package com.tutorme.video.server.auth;

/** Turns a bearer token into the caller it names, or refuses it. Never does I/O. */
@FunctionalInterface
public interface TokenVerifier {
  Principal verify(String token) throws InvalidTokenException;
}
