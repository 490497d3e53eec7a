package com.tutorme.video.server;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration file DESIGN.md allows beside the environment: {@code ENV_FILE} names a
 * {@code .env} file, read by the rules of the dotenv that the booking app (Next.js) reads it
 * with, so that a secret both share is the same secret: {@code NAME=value} or {@code NAME:
 * value}, {@code export} allowed; an unquoted value ends at a {@code #}; single, double and
 * back quotes may span lines and are stripped; in double quotes {@code \n} is a newline. The
 * environment's own variables win over the file.
 *
 * <p>What the app's dotenv-expand would then make of a {@code $NAME} this does not do: such a
 * value, and an empty one, is unusable, which is said (naming the file and line, never the
 * value: it holds secrets) only if the server reads that variable, since the file may be the
 * app's own with much else in it. A line that is nothing dotenv reads is refused: dotenv would
 * skip it, and a mistyped {@code JWT_SECRET hunter2} skipped is development mode.
 */
final class EnvFile {
  /** dotenv's own line expression (v16), as Java writes it. */
  private static final Pattern ENTRY = Pattern.compile("^\\s*(?:export\\s+)?([\\w.-]+)"
      + "(?:\\s*=\\s*?|:\\s+?)(\\s*'(?:\\\\'|[^'])*'|\\s*\"(?:\\\\\"|[^\"])*\"|\\s*`(?:\\\\`|[^`])*`"
      + "|[^#\\r\\n]+)?\\s*(?:#.*)?$", Pattern.MULTILINE);
  private static final Pattern QUOTED = Pattern.compile("^(['\"`])([\\s\\S]*)\\1$");
  /** What dotenv-expand expands: $NAME or ${...}, unless the $ is escaped. */
  private static final Pattern EXPANDED = Pattern.compile("(?<!\\\\)\\$[A-Za-z0-9_{]");

  private EnvFile() {}

  /** The environment, with ENV_FILE's variables under it when it names one. */
  static Env load(Map<String, String> environment) {
    String file = environment.get("ENV_FILE");
    if (file == null) {
      return new Env(environment);
    }
    if (file.isBlank()) {
      throw new ConfigException("ENV_FILE is set but empty: give it a value, or unset it");
    }
    Parsed parsed = read(Path.of(file.strip()));
    Map<String, String> variables = new HashMap<>(parsed.values());
    Map<String, String> unusable = new HashMap<>(parsed.unusable());
    variables.putAll(environment);
    unusable.keySet().removeAll(environment.keySet()); // the environment's value is used
    return new Env(variables, unusable);
  }

  /** A file's values, and what is wrong with those that cannot be used as they stand. */
  record Parsed(Map<String, String> values, Map<String, String> unusable) {}

  static Parsed read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8)
          .replaceFirst("^\uFEFF", "").replaceAll("\r\n?", "\n");
    } catch (MalformedInputException e) {
      throw new ConfigException("ENV_FILE " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException("ENV_FILE " + file + " cannot be read: " + e);
    }
    Map<String, String> values = new HashMap<>();
    Map<String, String> unusable = new HashMap<>();
    List<int[]> read = new ArrayList<>();
    Matcher entry = ENTRY.matcher(text);
    while (entry.find()) {
      read.add(new int[] {entry.start(), entry.end()});
      String name = entry.group(1);
      String where = "ENV_FILE " + file + " line " + lineAt(text, entry.start()) + ": " + name;
      String value = entry.group(2) == null ? "" : entry.group(2).strip();
      char quote = value.isEmpty() ? 0 : value.charAt(0);
      Matcher quoted = QUOTED.matcher(value);
      if (quoted.matches()) {
        value = quoted.group(2);
      }
      if (quote == '"') {
        value = value.replace("\\n", "\n").replace("\\r", "\r");
      }
      if (EXPANDED.matcher(value).find()) {
        unusable.put(name, where + " holds a $, which the booking app's dotenv-expand would"
            + " expand and this server does not: write \\$ for a $ meant as written");
      } else if (value.isBlank() && !Env.MAY_BE_EMPTY.contains(name)) {
        unusable.put(name, where + " is empty: give it a value, or remove the line for the"
            + " default");
      }
      values.put(name, value.replace("\\$", "$"));
    }
    refuseUnread(file, text, read);
    return new Parsed(values, unusable);
  }

  /** A line no entry covers, neither blank nor a comment: a mistake, said with its number. */
  private static void refuseUnread(Path file, String text, List<int[]> read) {
    int lineStart = 0;
    int entry = 0;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineEnd = lineStart + lines[i].length();
      while (entry < read.size() && read.get(entry)[1] < lineStart) {
        entry++;
      }
      boolean covered = entry < read.size() && read.get(entry)[0] <= lineEnd
          && read.get(entry)[1] >= lineStart;
      String line = lines[i].strip();
      if (!covered && !line.isEmpty() && !line.startsWith("#")) {
        throw new ConfigException("ENV_FILE " + file + " line " + (i + 1)
            + " is not NAME=value");
      }
      lineStart = lineEnd + 1;
    }
  }

  private static int lineAt(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
