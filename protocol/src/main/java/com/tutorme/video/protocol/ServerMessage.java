package com.tutorme.video.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What the server sends: JSON text frames, each an object with a {@code type}. Relayed
 * messages are rebuilt from validated fields with the sender stamped in {@code from}; nothing a
 * client adds is passed on. Absent optional fields are omitted.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerMessage.SessionJoined.class, name = "session-joined"),
    @JsonSubTypes.Type(value = ServerMessage.UserJoined.class, name = "user-joined"),
    @JsonSubTypes.Type(value = ServerMessage.UserLeft.class, name = "user-left"),
    @JsonSubTypes.Type(value = ServerMessage.Offer.class, name = "offer"),
    @JsonSubTypes.Type(value = ServerMessage.Answer.class, name = "answer"),
    @JsonSubTypes.Type(value = ServerMessage.IceCandidate.class, name = "ice-candidate"),
    @JsonSubTypes.Type(value = ServerMessage.Chat.class, name = "chat"),
    @JsonSubTypes.Type(value = ServerMessage.MediaState.class, name = "media-state"),
    @JsonSubTypes.Type(value = ServerMessage.SessionEnded.class, name = "session-ended"),
    @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
    @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerMessage {

  /**
   * The join's acknowledgement: your peer id, who is already there (oldest first), and the ICE
   * servers to use.
   */
  record SessionJoined(String ref, String sessionId, String peerId, List<PeerInfo> peers,
      List<IceServer> iceServers) implements ServerMessage {}

  /** Another peer joined the session. */
  record UserJoined(String peerId, String userId, String name, String role)
      implements ServerMessage {
    public static UserJoined of(PeerInfo peer) {
      return new UserJoined(peer.peerId(), peer.userId(), peer.name(), peer.role());
    }
  }

  /** A peer left: by leave-session, by closing, or because its connection died. */
  record UserLeft(String peerId, String userId, String name, String role)
      implements ServerMessage {
    public static UserLeft of(PeerInfo peer) {
      return new UserLeft(peer.peerId(), peer.userId(), peer.name(), peer.role());
    }
  }

  /** A relayed offer. */
  record Offer(String sdp, Sender from) implements ServerMessage {}

  /** A relayed answer. */
  record Answer(String sdp, Sender from) implements ServerMessage {}

  /** A relayed ICE candidate; null candidate means end of candidates. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record IceCandidate(ClientMessage.Candidate candidate, Sender from) implements ServerMessage {}

  /** A relayed chat message, with the server's time of receipt (ISO-8601). */
  record Chat(String text, Sender from, String sentAt) implements ServerMessage {}

  /** A relayed media state. */
  record MediaState(boolean audio, boolean video, boolean screen, Sender from)
      implements ServerMessage {}

  /** The session ended ({@code ended} over the API, or {@code booking-cancelled}); the socket
   * closes next with 4002. */
  record SessionEnded(String reason) implements ServerMessage {}

  /** A message could not be served; {@code ref} is its id when it had one. */
  record Error(ErrorCode code, String message, String ref) implements ServerMessage {
    public static Error of(ProtocolException e) {
      return new Error(e.code(), e.getMessage(), e.ref());
    }
  }

  /** The answer to a ping. */
  record Pong(String ref) implements ServerMessage {}
}
