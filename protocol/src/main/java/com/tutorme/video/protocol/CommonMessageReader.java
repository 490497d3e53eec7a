package com.tutorme.video.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the messages a lesson sends most (ice-candidate, offer, answer, ping) in one streaming
 * pass, without databind's per-message work (finding the deserializer, resolving the type id,
 * buffering creator properties), which a profile of the relay at 5,000 msg/s put at about half
 * of the decoding's CPU. It is sure or it declines: anything unusual (a field twice, a value of
 * the wrong kind, an invalid value, trailing data, another type) returns null, and databind
 * then reads the frame and, if it is wrong, says how. So the records it returns are the ones
 * databind would (the tests compare the two on many thousands of mutated frames).
 */
final class CommonMessageReader {
  private static final Decline DECLINE = new Decline();

  private CommonMessageReader() {}

  /** The message, or null when databind should read this frame. */
  static ClientMessage read(JsonFactory json, byte[] frame, int offset, int length) {
    try (JsonParser parser = json.createParser(frame, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT
          || parser.nextToken() != JsonToken.FIELD_NAME || !"type".equals(parser.currentName())
          || parser.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      Fields<? extends ClientMessage> fields;
      switch (parser.getText()) {
        case "ice-candidate" -> fields = new IceCandidateFields();
        case "offer" -> fields = new DescriptionFields(true);
        case "answer" -> fields = new DescriptionFields(false);
        case "ping" -> fields = new PingFields();
        default -> {
          return null;
        }
      }
      ClientMessage message = fields.readAll(parser);
      return parser.nextToken() == null ? message : null; // trailing data: databind refuses it
    } catch (Decline | IOException | IllegalArgumentException e) {
      return null; // malformed, unusual or invalid: databind reads it and explains
    }
  }

  /**
   * The rest of one JSON object: each field to {@link #read}, which knows some by name; the
   * others are ignored, as databind ignores them. Unusual, and so declined: a second type, any
   * field given twice (databind refuses those), an unknown object or array, inside which this
   * reader does not look for repeated fields, and more than two unknown fields: comparing each
   * with all before it would cost a frame of thousands of them quadratic time on the loop,
   * where databind's check takes a set of names.
   */
  private abstract static class Fields<T> {
    private int seen;
    /** The unknown fields' names, the first two (browsers send none; a newer client a few). */
    private String firstUnknown;
    private String secondUnknown;

    final T readAll(JsonParser parser) throws IOException {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!read(parser, name, value)) {
          skipUnknown(name, value);
        }
      }
      return build();
    }

    private void skipUnknown(String name, JsonToken value) {
      if (name.equals("type") || value.isStructStart()) {
        throw DECLINE;
      }
      if (firstUnknown == null) {
        firstUnknown = name;
      } else if (secondUnknown == null && !name.equals(firstUnknown)) {
        secondUnknown = name;
      } else {
        throw DECLINE; // given twice, or a third: databind's to read
      }
    }

    /** Reads a known field (its first token is {@code value}); false for an unknown one. */
    abstract boolean read(JsonParser parser, String name, JsonToken value) throws IOException;

    /** The record of the fields read; its constructor validates them. */
    abstract T build();

    /** Field number {@code field} is being read; a second time is unusual. */
    final void once(int field) {
      if ((seen & (1 << field)) != 0) {
        throw DECLINE;
      }
      seen |= 1 << field;
    }

    /** A string or null field; any other kind of value is databind's to refuse. */
    final String string(JsonParser parser, JsonToken value, int field) throws IOException {
      once(field);
      if (value == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      if (value == JsonToken.VALUE_NULL) {
        return null;
      }
      throw DECLINE;
    }
  }

  private static final class IceCandidateFields extends Fields<ClientMessage> {
    private String id;
    private String to;
    private ClientMessage.Candidate candidate;
    private boolean candidateGiven; // null is the end of candidates; missing is a mistake

    @Override
    boolean read(JsonParser parser, String name, JsonToken value) throws IOException {
      switch (name) {
        case "id" -> id = string(parser, value, 0);
        case "to" -> to = string(parser, value, 1);
        case "candidate" -> {
          once(2);
          candidateGiven = true;
          if (value == JsonToken.START_OBJECT) {
            candidate = new CandidateFields().readAll(parser);
          } else if (value != JsonToken.VALUE_NULL) { // null: the end of candidates
            throw DECLINE;
          }
        }
        default -> {
          return false;
        }
      }
      return true;
    }

    @Override
    ClientMessage build() {
      if (!candidateGiven) {
        throw DECLINE; // databind's to refuse, saying so
      }
      return new ClientMessage.IceCandidate(id, candidate, to);
    }
  }

  private static final class CandidateFields extends Fields<ClientMessage.Candidate> {
    private String candidate;
    private String sdpMid;
    private Integer sdpMLineIndex;
    private String usernameFragment;

    @Override
    boolean read(JsonParser parser, String name, JsonToken value) throws IOException {
      switch (name) {
        case "candidate" -> candidate = string(parser, value, 0);
        case "sdpMid" -> sdpMid = string(parser, value, 1);
        case "usernameFragment" -> usernameFragment = string(parser, value, 2);
        case "sdpMLineIndex" -> {
          once(3);
          if (value == JsonToken.VALUE_NUMBER_INT
              && parser.getNumberType() == JsonParser.NumberType.INT) {
            sdpMLineIndex = parser.getIntValue();
          } else if (value != JsonToken.VALUE_NULL) {
            throw DECLINE;
          }
        }
        default -> {
          return false;
        }
      }
      return true;
    }

    @Override
    ClientMessage.Candidate build() {
      return new ClientMessage.Candidate(candidate, sdpMid, sdpMLineIndex, usernameFragment);
    }
  }

  /** An offer or an answer: the same fields. */
  private static final class DescriptionFields extends Fields<ClientMessage> {
    private final boolean offer;
    private String id;
    private String to;
    private String sdp;

    DescriptionFields(boolean offer) {
      this.offer = offer;
    }

    @Override
    boolean read(JsonParser parser, String name, JsonToken value) throws IOException {
      switch (name) {
        case "id" -> id = string(parser, value, 0);
        case "to" -> to = string(parser, value, 1);
        case "sdp" -> sdp = string(parser, value, 2);
        default -> {
          return false;
        }
      }
      return true;
    }

    @Override
    ClientMessage build() {
      return offer ? new ClientMessage.Offer(id, sdp, to) : new ClientMessage.Answer(id, sdp, to);
    }
  }

  private static final class PingFields extends Fields<ClientMessage> {
    private String id;

    @Override
    boolean read(JsonParser parser, String name, JsonToken value) throws IOException {
      if (!name.equals("id")) {
        return false;
      }
      id = string(parser, value, 0);
      return true;
    }

    @Override
    ClientMessage build() {
      return new ClientMessage.Ping(id);
    }
  }

  /** Thrown to leave the frame to databind; shared and without a stack trace, so free. */
  private static final class Decline extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Decline() {
      super(null, null, false, false);
    }
  }
}
