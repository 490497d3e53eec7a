package com.tutorme.video.server;

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
}
