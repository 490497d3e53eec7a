package com.tutorme.video.server.auth;

/** Stub until the auth branch lands. */
public class InvalidTokenException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidTokenException(String message) {
    super(message);
  }
}
