package com.tutorme.video.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.regex.Pattern;

/**
 * What a client sends: JSON text frames, each an object with a {@code type}. Every message may
 * carry an {@code id} (up to 64 characters); the server echoes it as {@code ref} in the reply
 * that concerns it. Unknown fields are ignored, so clients can be newer than the server.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClientMessage.JoinSession.class, name = "join-session"),
    @JsonSubTypes.Type(value = ClientMessage.Offer.class, name = "offer"),
    @JsonSubTypes.Type(value = ClientMessage.Answer.class, name = "answer"),
    @JsonSubTypes.Type(value = ClientMessage.IceCandidate.class, name = "ice-candidate"),
    @JsonSubTypes.Type(value = ClientMessage.LeaveSession.class, name = "leave-session"),
    @JsonSubTypes.Type(value = ClientMessage.Chat.class, name = "chat"),
    @JsonSubTypes.Type(value = ClientMessage.MediaState.class, name = "media-state"),
    @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
})
public sealed interface ClientMessage {
  Pattern PEER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The client's id for this message, or null. */
  String id();

  /** Dispatches to the handler's method for this variant. */
  <R> R accept(Handler<R> handler);

  /**
   * One method per message type. Java 17 has no pattern switch, so this is how a new variant
   * fails to compile until every handler handles it.
   */
  interface Handler<R> {
    R joinSession(JoinSession message);

    R offer(Offer message);

    R answer(Answer message);

    R iceCandidate(IceCandidate message);

    R leaveSession(LeaveSession message);

    R chat(Chat message);

    R mediaState(MediaState message);

    R ping(Ping message);
  }

  /** A message the server relays to the other peer(s), stamped with its sender. */
  sealed interface Relayable extends ClientMessage {
    /** The one peer to send to, or null for every other peer of the session. */
    String to();
  }

  /** Join the room of the session this token belongs to. */
  record JoinSession(String id, String sessionToken) implements ClientMessage {
    public JoinSession {
      Checks.id(id);
      Checks.text("sessionToken", sessionToken, Limits.MAX_TOKEN_CHARS);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.joinSession(this);
    }
  }

  /** A WebRTC offer (RTCSessionDescription.sdp of type "offer"). */
  record Offer(String id, String sdp, String to) implements Relayable {
    public Offer {
      Checks.id(id);
      Checks.text("sdp", sdp, Limits.MAX_SDP_CHARS);
      Checks.peer(to);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.offer(this);
    }
  }

  /** A WebRTC answer. */
  record Answer(String id, String sdp, String to) implements Relayable {
    public Answer {
      Checks.id(id);
      Checks.text("sdp", sdp, Limits.MAX_SDP_CHARS);
      Checks.peer(to);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.answer(this);
    }
  }

  /**
   * An ICE candidate as RTCIceCandidate.toJSON() gives it; null means end of candidates. The
   * field must be there: a message without it is a mistake, not the end of candidates.
   */
  record IceCandidate(String id, @JsonProperty(required = true) Candidate candidate, String to)
      implements Relayable {
    public IceCandidate {
      Checks.id(id);
      Checks.peer(to);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.iceCandidate(this);
    }
  }

  /** Leave the session's room; the connection stays open and may join again. */
  record LeaveSession(String id) implements ClientMessage {
    public LeaveSession {
      Checks.id(id);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.leaveSession(this);
    }
  }

  /** A chat message for the other peer(s). */
  record Chat(String id, String text, String to) implements Relayable {
    public Chat {
      Checks.id(id);
      Checks.text("text", text, Limits.MAX_CHAT_CHARS);
      Checks.peer(to);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.chat(this);
    }
  }

  /** The sender's microphone, camera and screen-share state, so the other side can show it. */
  record MediaState(String id, Boolean audio, Boolean video, Boolean screen, String to)
      implements Relayable {
    public MediaState {
      Checks.id(id);
      if (audio == null || video == null || screen == null) {
        throw new IllegalArgumentException("media-state needs booleans audio, video and screen");
      }
      Checks.peer(to);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.mediaState(this);
    }
  }

  /** An application-level ping (browsers cannot send WebSocket pings); answered with pong. */
  record Ping(String id) implements ClientMessage {
    public Ping {
      Checks.id(id);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.ping(this);
    }
  }

  /** The fields of an RTCIceCandidate. */
  record Candidate(String candidate, String sdpMid, Integer sdpMLineIndex,
      String usernameFragment) {
    public Candidate {
      if (candidate == null || candidate.length() > Limits.MAX_CANDIDATE_CHARS) {
        throw new IllegalArgumentException("candidate.candidate must be a string of at most "
            + Limits.MAX_CANDIDATE_CHARS + " characters");
      }
      if (sdpMid != null && sdpMid.length() > 64) {
        throw new IllegalArgumentException("candidate.sdpMid is too long");
      }
      if (sdpMLineIndex != null && (sdpMLineIndex < 0 || sdpMLineIndex > 1023)) {
        throw new IllegalArgumentException("candidate.sdpMLineIndex must be 0 to 1023");
      }
      if (usernameFragment != null && usernameFragment.length() > 256) {
        throw new IllegalArgumentException("candidate.usernameFragment is too long");
      }
    }
  }

  /** Field checks shared by the records; messages name the field. */
  final class Checks {
    private Checks() {}

    static void id(String id) {
      if (id != null && (id.isEmpty() || id.length() > Limits.MAX_ID_CHARS)) {
        throw new IllegalArgumentException("id must be 1 to " + Limits.MAX_ID_CHARS
            + " characters");
      }
    }

    static void text(String field, String value, int max) {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(field + " is required");
      }
      if (value.length() > max) {
        throw new IllegalArgumentException(field + " is longer than " + max + " characters");
      }
    }

    static void peer(String to) {
      if (to != null && !isPeerId(to)) {
        throw new IllegalArgumentException("to must be a peer id");
      }
    }

    /**
     * Whether {@code value} matches {@link #PEER_ID}, checked by hand: every relayed message
     * has a {@code to}, and the regular expression was a sixth of the cost of reading one.
     */
    static boolean isPeerId(String value) {
      int length = value.length();
      if (length < 1 || length > 64) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        char c = value.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
            || c == '-')) {
          return false;
        }
      }
      return true;
    }
  }
}
