package com.tutorme.video.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns frames into {@link ClientMessage}s and {@link ServerMessage}s into frames, with the one
 * configured ObjectMapper of the protocol. Thread-safe. Every way a frame can be wrong becomes
 * a {@link ProtocolException} with {@code INVALID_MESSAGE} and a message naming the problem.
 */
public final class SignalingCodec {
  private static final ObjectMapper MAPPER = StrictJsonTypes.apply(JsonMapper.builder(
          JsonFactory.builder().streamReadConstraints(JsonConstraints.MESSAGES).build()))
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer clients may add fields
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      // A field given twice has two meanings: a browser's JSON.parse keeps the last value,
      // other parsers the first. Which one the sender meant cannot be known, so neither is.
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /**
   * The streaming reader's parsers: as the mapper's, but leaving repeated fields to the
   * reader, which declines them itself without the set of names per object Jackson would
   * allocate for every relayed message.
   */
  private static final JsonFactory COMMON_PARSERS = MAPPER.getFactory().rebuild()
      .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(JsonConstraints.MESSAGES)
      .build();

  /**
   * Reads a refused frame whatever it repeats, to say what is wrong with it. (A reader of the
   * mapper's set to allow repeated fields still refuses them in Jackson 2.20.)
   */
  private static final ObjectMapper LENIENT = lenientCopy();

  private static ObjectMapper lenientCopy() {
    ObjectMapper copy = MAPPER.copy(); // with a copy of the factory, which this changes
    copy.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    return copy;
  }

  private SignalingCodec() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The parsers of the streaming reader of common messages. */
  static JsonFactory commonParsers() {
    return COMMON_PARSERS;
  }

  /**
   * Reads one client frame. The happy path parses once, straight into the record; only a
   * failing frame is parsed again, to find its id and say what is wrong.
   */
  public static ClientMessage decode(String frame) {
    if (!startsLikeAnObject(frame)) {
      throw ProtocolException.invalid(isJson(frame)
          ? "a message must be a JSON object with a type" : "the message is not valid JSON");
    }
    try {
      byte[] bytes = readableBytes(frame);
      return bytes == null ? MAPPER.readValue(frame, ClientMessage.class)
          : MAPPER.readValue(bytes, ClientMessage.class);
    } catch (IOException | IllegalArgumentException e) {
      throw explain(frame, e);
    }
  }

  /**
   * Reads one client frame given as its UTF-8 bytes (a WebSocket text frame's payload, already
   * checked to be UTF-8), so the happy path builds no string of the whole frame; the common
   * messages are read in one streaming pass. Fails exactly as {@link #decode(String)} does.
   */
  public static ClientMessage decodeUtf8(byte[] frame, int offset, int length) {
    int first = offset;
    int end = offset + length;
    while (first < end && isJsonWhitespace(frame[first])) {
      first++;
    }
    if (first < end && frame[first] == '{' && !hasZeroInFirstFour(frame, offset, end)) {
      ClientMessage common = CommonMessageReader.read(COMMON_PARSERS, frame, offset, length);
      if (common != null) {
        return common;
      }
      try {
        return MAPPER.readValue(frame, offset, length, ClientMessage.class);
      } catch (IOException | IllegalArgumentException e) {
        throw explain(new String(frame, offset, length, StandardCharsets.UTF_8), e);
      }
    }
    // Not an object, or bytes Jackson would take for UTF-16 or UTF-32: it guesses the
    // encoding of bytes from NULs among the first four, and NUL is valid UTF-8. The string
    // path reads them as the UTF-8 they are, and refuses them as decode(String) does.
    return decode(new String(frame, offset, length, StandardCharsets.UTF_8));
  }

  private static boolean hasZeroInFirstFour(byte[] frame, int offset, int end) {
    for (int i = offset; i < Math.min(end, offset + 4); i++) {
      if (frame[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJsonWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private static ProtocolException explain(String frame, Exception failure) {
    JsonNode tree;
    try {
      tree = lenientTree(frame);
    } catch (StreamConstraintsException e) {
      return ProtocolException.invalid(overLimit(e));
    } catch (IOException e) {
      return ProtocolException.invalid("the message is not valid JSON");
    }
    String ref = refOf(tree);
    Optional<String> repeated = DuplicateFields.first(frame);
    if (repeated.isPresent()) { // neither of two ids is echoed
      return new ProtocolException(ErrorCode.INVALID_MESSAGE,
          DuplicateFields.message(repeated.get()), repeated.get().equals("id") ? null : ref);
    }
    JsonNode type = tree.get("type");
    if (type == null || !type.isTextual() || type.asText().isEmpty()) {
      return new ProtocolException(ErrorCode.INVALID_MESSAGE, "a message needs a type", ref);
    }
    if (failure instanceof InvalidTypeIdException) {
      return new ProtocolException(ErrorCode.INVALID_MESSAGE,
          "unknown message type '" + clip(type.asText()) + "'", ref);
    }
    if (failure instanceof ValueInstantiationException e
        && e.getCause() instanceof IllegalArgumentException invalid) {
      return new ProtocolException(ErrorCode.INVALID_MESSAGE, invalid.getMessage(), ref);
    }
    if (failure instanceof StreamConstraintsException e) {
      return new ProtocolException(ErrorCode.INVALID_MESSAGE, overLimit(e), ref);
    }
    if (failure instanceof MismatchedInputException e) {
      return new ProtocolException(ErrorCode.INVALID_MESSAGE, mismatch(e, tree), ref);
    }
    return new ProtocolException(ErrorCode.INVALID_MESSAGE, "the message is not valid", ref);
  }

  /**
   * The frame's UTF-8 bytes, which Jackson reads as it reads frames, so that the bound on a
   * name counts bytes on every path; null when a NUL is among the first four, which Jackson
   * would take for UTF-16 or UTF-32 (such a frame is no JSON: its string says so).
   */
  private static byte[] readableBytes(String frame) {
    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
    return hasZeroInFirstFour(bytes, 0, bytes.length) ? null : bytes;
  }

  private static JsonNode lenientTree(String frame) throws IOException {
    byte[] bytes = readableBytes(frame);
    return bytes == null ? LENIENT.readTree(frame) : LENIENT.readTree(bytes);
  }

  private static String overLimit(StreamConstraintsException e) {
    return "the message " + JsonConstraints.describe(e, JsonConstraints.MESSAGES);
  }

  private static boolean startsLikeAnObject(String frame) {
    for (int i = 0; i < frame.length(); i++) {
      char c = frame.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{';
      }
    }
    return false;
  }

  private static boolean isJson(String frame) {
    try {
      lenientTree(frame);
      return true;
    } catch (StreamConstraintsException e) {
      return true; // JSON, only too much of it; what matters first is that it is no object
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes one server frame. */
  public static String encode(ServerMessage message) {
    return new String(encodeUtf8(message), StandardCharsets.UTF_8);
  }

  /**
   * Writes one server frame as UTF-8 into {@code out} (a transport's buffer), through the
   * mapper's recycled buffers: no array per message. Relayed messages, the hot path, are
   * written field by field, a plain ASCII ICE candidate without a generator at all; the rest
   * through databind.
   */
  public static void encodeUtf8(ServerMessage message, OutputStream out) {
    try {
      if (message instanceof ServerMessage.IceCandidate candidate
          && AsciiCandidateWriter.write(candidate, out)) {
        return;
      }
      try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
        if (!RelayedMessageWriter.write(message, generator)) {
          MAPPER.writeValue(generator, message);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("server message not written", e);
    }
  }

  /** Writes one server frame as UTF-8, ready for the socket without another conversion. */
  public static byte[] encodeUtf8(ServerMessage message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    encodeUtf8(message, out);
    return out.toByteArray();
  }

  /**
   * What databind alone writes for {@code message} as UTF-8 (where, unlike into a string, it
   * escapes characters outside the BMP): the reference the relay path must match.
   */
  static String encodeWithDatabind(ServerMessage message) throws JsonProcessingException {
    return new String(MAPPER.writeValueAsBytes(message), StandardCharsets.UTF_8);
  }

  /** Says which field is missing or of the wrong type; the frame's tree tells which of the two. */
  private static String mismatch(MismatchedInputException e, JsonNode tree) {
    if (e.getPath().isEmpty()) {
      return "a message must be a JSON object with a type";
    }
    String field = e.getPath().get(e.getPath().size() - 1).getFieldName();
    if (field == null) {
      return "a field has the wrong type";
    }
    JsonNode node = tree;
    for (JsonMappingException.Reference step : e.getPath()) {
      node = step.getFieldName() != null ? node.path(step.getFieldName())
          : node.path(step.getIndex());
    }
    return node.isMissingNode() ? field + " is required" : "field '" + field
        + "' has the wrong type";
  }

  /** The message's id, if it has a short string one; for error replies. */
  private static String refOf(JsonNode tree) {
    JsonNode id = tree.get("id");
    return id != null && id.isTextual() && !id.asText().isEmpty()
        && id.asText().length() <= Limits.MAX_ID_CHARS ? id.asText() : null;
  }

  private static String clip(String value) {
    return value.length() > 32 ? value.substring(0, 32) + "…" : value;
  }
}
