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
 * file of {@code NAME=value} lines, as a Next.js app's {@code .env} holds them, and the
 * environment's own variables win over it. Errors name the line, never its value: the file
 * holds secrets.
 */
final class EnvFile {
  /**
   * NAME=value, NAME="value" or NAME='value', optionally after "export ", and a comment after
   * a space: a '#' inside a value (a password's) is the value's.
   */
  private static final Pattern LINE = Pattern.compile(
      "(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|(.*?))"
          + "(?:\\s+#.*)?");

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
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        throw new ConfigException("ENV_FILE " + file + " line " + (i + 1)
            + " is not NAME=value");
      }
      String quoted = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
      String value = quoted != null ? quoted : matcher.group(4).strip();
      if (quoted == null && (value.startsWith("\"") || value.startsWith("'"))) {
        throw new ConfigException("ENV_FILE " + file + " line " + (i + 1)
            + " has a quote that does not close");
      }
      variables.put(matcher.group(1), value);
    }
    return variables;
  }
}
