package com.tutorme.video.protocol;

/** A peer in a session, as presence messages describe it. */
public record PeerInfo(String peerId, String userId, String name, String role) {

  public Sender asSender() {
    return new Sender(peerId, userId, role);
  }
}
