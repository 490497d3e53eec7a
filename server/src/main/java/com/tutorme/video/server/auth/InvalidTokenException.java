package com.tutorme.video.server.auth;

/**
 * A token was refused. The message is short and safe to show a client ("token expired"); it
 * never contains the token.
 */
public final class InvalidTokenException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidTokenException(String message) {
    super(message, null, false, false); // expected on bad input: no stack trace to fill
  }
}
