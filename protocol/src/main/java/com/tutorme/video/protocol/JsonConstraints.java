package com.tutorme.video.protocol;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Optional;

/**
 * What reading a JSON document from outside may cost, and words for the bound it crossed.
 * Jackson enforces the bounds as it parses, so a document over one costs no more than reading
 * up to it.
 */
public final class JsonConstraints {
  /**
   * The bounds of a signaling message. Within 64 KiB, each keeps one shape of frame from
   * costing far more than the largest real one (a 60 KB offer, about 40 µs to read):
   * <ul>
   *   <li>nesting: each level is a frame of the reader's stack;
   *   <li>tokens: a frame of thousands of distinct fields took 2–4 ms, so one connection
   *       within its message rate could keep a third of an event loop busy;
   *   <li>name length: Jackson keeps the field names it has read, thousands of them, in a
   *       table shared by every parser of a mapper. Names of 49 KB, one a frame, held 300 MB
   *       there after 3,000 frames.
   * </ul>
   */
  public static final StreamReadConstraints MESSAGES = StreamReadConstraints.builder()
      .maxNestingDepth(Limits.MAX_JSON_DEPTH)
      .maxTokenCount(Limits.MAX_JSON_TOKENS)
      .maxNameLength(Limits.MAX_FIELD_NAME_BYTES)
      .maxStringLength(Limits.MAX_FRAME_BYTES)
      .maxNumberLength(32)
      .build();

  private JsonConstraints() {}

  /** The bound {@code failure} or one of its causes reports crossing, if any. */
  public static Optional<StreamConstraintsException> crossedIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StreamConstraintsException crossed) {
        return Optional.of(crossed);
      }
    }
    return Optional.empty();
  }

  /**
   * What a document that crossed a bound of {@code limits} has too much of, to follow its
   * subject in an error reply: "the message " + this. Jackson's own words name its settings.
   */
  public static String describe(StreamConstraintsException crossed,
      StreamReadConstraints limits) {
    String what = crossed.getMessage() == null ? "" : crossed.getMessage();
    if (what.startsWith("Token count")) {
      return "has more than " + limits.getMaxTokenCount()
          + " JSON tokens (field names, values and brackets)";
    }
    if (what.startsWith("Name length")) {
      return "has a field name longer than " + limits.getMaxNameLength() + " bytes";
    }
    if (what.startsWith("Document nesting depth")) {
      return "is nested more than " + limits.getMaxNestingDepth() + " levels deep";
    }
    if (what.startsWith("Number value length")) {
      return "has a number longer than " + limits.getMaxNumberLength() + " characters";
    }
    return "is too long";
  }
}
