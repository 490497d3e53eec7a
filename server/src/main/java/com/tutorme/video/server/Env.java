package com.tutorme.video.server;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Typed, validated reads of configuration variables; every failure names the variable. */
final class Env {
  private final Map<String, String> variables;

  Env(Map<String, String> variables) {
    this.variables = variables;
  }

  /** The value, or empty when unset or blank (a blank variable counts as unset). */
  Optional<String> get(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** The value as set, blank included (an empty STUN_URLS means "no STUN"); null if unset. */
  String raw(String name) {
    return variables.get(name);
  }

  String get(String name, String fallback) {
    return get(name).orElse(fallback);
  }

  int integer(String name, int fallback, int min, int max) {
    Optional<String> value = get(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min || parsed > max) {
        throw new ConfigException(
            name + " must be between " + min + " and " + max + ", got " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, got '" + value.get() + "'");
    }
  }

  /** true/false (also yes/no, on/off, 1/0, any case); anything else is refused. */
  boolean bool(String name, boolean fallback) {
    Optional<String> value = get(name);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(
          name + " must be true or false, got '" + value.get() + "'");
    };
  }
}
