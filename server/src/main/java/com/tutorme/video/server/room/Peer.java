package com.tutorme.video.server.room;

import com.tutorme.video.protocol.PeerInfo;
import com.tutorme.video.protocol.Sender;

/** One connection's membership of one session's room. */
public final class Peer {
  private final String sessionId;
  private final PeerInfo info;
  private final PeerSink sink;

  Peer(String sessionId, PeerInfo info, PeerSink sink) {
    this.sessionId = sessionId;
    this.info = info;
    this.sink = sink;
  }

  public String sessionId() {
    return sessionId;
  }

  public PeerInfo info() {
    return info;
  }

  public String peerId() {
    return info.peerId();
  }

  /** The stamp on everything this peer sends; built from the verified token, never the client. */
  public Sender sender() {
    return info.asSender();
  }

  PeerSink sink() {
    return sink;
  }

  @Override
  public String toString() {
    return "Peer[" + info.peerId() + " " + info.userId() + " in " + sessionId + "]";
  }
}
