package com.tutorme.video.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tutorme.video.protocol.DuplicateFields;
import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.protocol.JsonConstraints;
import com.tutorme.video.protocol.StrictJsonTypes;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The HTTP API's JSON: request bodies read strictly into records (unknown fields are errors, so
 * a typo is reported instead of ignored), responses written with ISO-8601 timestamps.
 */
public final class JsonBodies {
  /**
   * Request bodies are already bounded in bytes; these bound nesting and tokens too, so a
   * deep or many-fielded body is cheap (no body has more than a dozen fields), and names, which
   * Jackson keeps in a table shared by every parser of the mapper (thousands of them: a long
   * name a request would hold megabytes there).
   */
  private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
      .maxNestingDepth(32)
      .maxTokenCount(256)
      .maxNameLength(64)
      .build();

  private static final ObjectMapper MAPPER = StrictJsonTypes.apply(JsonMapper.builder(
          JsonFactory.builder().streamReadConstraints(LIMITS).build()))
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      // A field given twice has two meanings (the last value to a browser, the first to some
      // parsers); which one the caller meant cannot be known, so neither is taken.
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonBodies() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads a request body, answering 400 with what is wrong (never a parser stack trace). */
  public static <T> T read(ApiRequest request, Class<T> type) {
    String contentType = request.header(HttpHeaderNames.CONTENT_TYPE).orElse("");
    String mediaType = contentType.split(";", 2)[0].strip(); // parameters, e.g. charset, aside
    if (!mediaType.equalsIgnoreCase("application/json")) {
      throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "send the body as JSON with Content-Type: application/json");
    }
    if (request.body().length == 0) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, "request body is empty; expected JSON");
    }
    try (JsonParser parser = MAPPER.createParser(request.body())) {
      T value = MAPPER.readValue(parser, type);
      if (value == null) {
        throw new ApiException(ErrorCode.INVALID_REQUEST, "request body must be a JSON object");
      }
      // Jackson stops after the first value; a second one or garbage after it is no JSON body.
      if (parser.nextToken() != null) {
        throw new ApiException(ErrorCode.INVALID_REQUEST,
            "request body has more after its JSON object");
      }
      return value;
    } catch (JsonMappingException e) {
      // A field repeated inside a nested value reaches here wrapped: name it all the same.
      throw new ApiException(ErrorCode.INVALID_REQUEST,
          boundOrRepeat(request, e).orElseGet(() -> describe(e)));
    } catch (JsonProcessingException e) {
      throw new ApiException(ErrorCode.INVALID_REQUEST,
          boundOrRepeat(request, e).orElse("request body is not valid JSON"));
    } catch (IOException e) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, "request body could not be read");
    }
  }

  /**
   * What to say of a body that crossed one of the bounds, or else gives a field twice (read
   * again only then: a body over a bound is not read whole).
   */
  private static Optional<String> boundOrRepeat(ApiRequest request, JsonProcessingException e) {
    return JsonConstraints.crossedIn(e)
        .map(crossed -> "request body " + JsonConstraints.describe(crossed, LIMITS))
        .or(() -> repeatedField(request));
  }

  /** What to say of a body that gives a field twice, if it does. */
  private static Optional<String> repeatedField(ApiRequest request) {
    return DuplicateFields.first(new String(request.body(), StandardCharsets.UTF_8))
        .map(DuplicateFields::message);
  }

  private static String describe(JsonMappingException e) {
    if (e.getCause() instanceof JsonParseException unreadable) {
      // Bytes that are no JSON inside a field's value: the body's fault, not the field's shape.
      return unreadable.getOriginalMessage().startsWith("Invalid UTF-8")
          ? "request body is not valid UTF-8" : "request body is not valid JSON";
    }
    if (e.getCause() instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
      return invalid.getMessage(); // a record's compact constructor rejected a value
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + unknown.getPropertyName() + "'";
    }
    if (e instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
      return "field '" + lastField(e) + "' must be one of "
          + Arrays.toString(invalid.getTargetType().getEnumConstants());
    }
    String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1)
        .getFieldName();
    return field == null
        ? "request body does not have the expected shape"
        : "field '" + field + "' is missing or has the wrong type";
  }

  private static String lastField(JsonMappingException e) {
    return e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
  }

  static byte[] write(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serialisable", e);
    }
  }
}
