package com.tutorme.video.server;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Typed, validated reads of configuration variables; every failure names the variable. */
final class Env {
  /** Variables whose empty value means something (read with {@link #raw}): no STUN servers. */
  static final Set<String> MAY_BE_EMPTY = Set.of("STUN_URLS");

  private final Map<String, String> variables;
  /** What is wrong with a variable a configuration file gave, said only if it is read. */
  private final Map<String, String> unusable;

  Env(Map<String, String> variables) {
    this(variables, Map.of());
  }

  Env(Map<String, String> variables, Map<String, String> unusable) {
    this.variables = variables;
    this.unusable = unusable;
  }

  /**
   * The value, or empty when unset.
   *
   * @throws ConfigException when it is set but blank: a secret that did not arrive (a
   *     deployment's missing secret is often an empty variable) must not be taken for none,
   *     which for JWT_SECRET meant development mode, handing out admin tokens.
   */
  Optional<String> get(String name) {
    String value = raw(name);
    if (value != null && value.isBlank()) {
      throw new ConfigException(name + " is set but empty: give it a value, or unset it for"
          + " the default");
    }
    return Optional.ofNullable(value).map(String::strip);
  }

  /** The value as set, blank included (an empty STUN_URLS means "no STUN"); null if unset. */
  String raw(String name) {
    String problem = unusable.get(name);
    if (problem != null) {
      throw new ConfigException(problem);
    }
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
