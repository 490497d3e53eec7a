package com.tutorme.video.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Names the field that a JSON document gives twice in one object. The mappers refuse such
 * documents (which of two values would be meant? a browser's JSON.parse keeps the last, other
 * parsers the first), but Jackson's refusal is a parse error like any other; this says which
 * field, for the error reply. Only on the error path, so it may allocate freely.
 */
public final class DuplicateFields {
  /**
   * Parsers that let repeated fields through (a factory of its own: a mapper's reader set to
   * allow them still refuses them in Jackson 2.20). No recursion below, so any depth is safe.
   * They keep no table of the names they read: the documents shown here are ones refused,
   * whose names may be anything, and such a table outlives them.
   */
  private static final JsonFactory PARSERS = JsonFactory.builder()
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .build();

  private DuplicateFields() {}

  /**
   * The first field given twice in one object of {@code json}; empty when there is none or
   * {@code json} is not valid JSON.
   */
  public static Optional<String> first(String json) {
    try (JsonParser parser = PARSERS.createParser(json)) {
      Deque<Set<String>> objects = new ArrayDeque<>();
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        switch (token) {
          case START_OBJECT -> objects.push(new HashSet<>());
          case END_OBJECT -> objects.pop();
          case FIELD_NAME -> {
            if (!objects.peek().add(parser.currentName())) {
              return Optional.of(parser.currentName());
            }
          }
          default -> { }
        }
      }
    } catch (IOException e) {
      // Not valid JSON: no repeated field to name; the caller says what else is wrong.
    }
    return Optional.empty();
  }

  /** The error message for a field given twice. */
  public static String message(String field) {
    String clipped = field.length() > 32 ? field.substring(0, 32) + "…" : field;
    return "field '" + clipped + "' is given more than once";
  }
}
