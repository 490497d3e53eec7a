package com.tutorme.video.server;

/**
 * A configuration value is missing or malformed. The message names the setting and what is
 * wrong with it, never a secret's value, so it can be printed as the one line a server says
 * before exiting.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
