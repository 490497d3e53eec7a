package com.tutorme.video.storage;

/**
 * The database answered but its schema could not be brought to this version: a table of ours
 * taken by another application, a migration changed since it was applied, or no right to
 * create tables. Unlike {@link DatabaseUnavailableException}, trying again will not help; the
 * message says what Flyway found.
 */
public final class SchemaMigrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaMigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
