package com.tutorme.video.server;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration file DESIGN.md allows beside the environment: {@code ENV_FILE} names a
 * file of {@code NAME=value} lines, as a Next.js app's {@code .env} holds them, read by the
 * rules of the dotenv that app reads it with, so that a secret both share is the same secret:
 * an unquoted value ends at a {@code #}; a double-quoted one turns {@code \n} into a newline;
 * a single-quoted one is taken as written. What dotenv-expand would make of a {@code $} this
 * does not do, so a {@code $} outside single quotes is refused. The environment's own
 * variables win over the file. Errors name the line, never its value: the file holds secrets.
 */
final class EnvFile {
  /** NAME=value, NAME="value" or NAME='value', optionally after "export ", then a comment. */
  private static final Pattern LINE = Pattern.compile(
      "(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^#]*))"
          + "\\s*(?:#.*)?");

  private EnvFile() {}

  /** The environment with ENV_FILE's variables under it, or the environment alone. */
  static Map<String, String> withFile(Map<String, String> environment) {
    String file = environment.get("ENV_FILE");
    if (file == null) {
      return environment;
    }
    if (file.isBlank()) {
      throw new ConfigException("ENV_FILE is set but empty: give it a value, or unset it");
    }
    Map<String, String> merged = new HashMap<>(read(Path.of(file.strip())));
    merged.putAll(environment);
    return merged;
  }

  static Map<String, String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new ConfigException("ENV_FILE " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException("ENV_FILE " + file + " cannot be read: " + e);
    }
    Map<String, String> variables = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = (i == 0 ? lines.get(0).replaceFirst("^\uFEFF", "") : lines.get(i)).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "ENV_FILE " + file + " line " + (i + 1);
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        throw new ConfigException(where + " is not NAME=value");
      }
      String doubleQuoted = matcher.group(2);
      String singleQuoted = matcher.group(3);
      String unquoted = matcher.group(4);
      if (unquoted != null && (unquoted.startsWith("\"") || unquoted.startsWith("'"))) {
        throw new ConfigException(where + " has a quote that does not close");
      }
      String value = singleQuoted != null ? singleQuoted
          : doubleQuoted != null ? doubleQuoted.replace("\\n", "\n").replace("\\r", "\r")
          : unquoted.strip();
      if (singleQuoted == null && value.contains("$")) {
        throw new ConfigException(where + " holds a $, which the booking app's dotenv-expand"
            + " would expand and this server does not: single-quote the value if it is meant"
            + " as written");
      }
      if (value.isBlank() && !Env.MAY_BE_EMPTY.contains(matcher.group(1))) {
        throw new ConfigException(where + ": " + matcher.group(1) + " is empty: give it a"
            + " value, or remove the line for the default");
      }
      variables.put(matcher.group(1), value);
    }
    return variables;
  }
}
