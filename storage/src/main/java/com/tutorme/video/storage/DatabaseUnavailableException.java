package com.tutorme.video.storage;

/**
 * The database could not be reached (no connection within the pool's timeout, or the connection
 * broke). Callers answer "try again later" rather than "internal error".
 */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
