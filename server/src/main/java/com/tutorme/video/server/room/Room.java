package com.tutorme.video.server.room;

import java.util.ArrayList;
import java.util.List;

/**
 * The peers of one session, oldest first. Changes happen under the registry's lock for the
 * room; readers take the current list without locking (it is replaced, never mutated).
 */
final class Room {
  final String sessionId;
  private volatile List<Peer> peers = List.of();

  Room(String sessionId) {
    this.sessionId = sessionId;
  }

  List<Peer> peers() {
    return peers;
  }

  void add(Peer peer) {
    List<Peer> next = new ArrayList<>(peers);
    next.add(peer);
    peers = List.copyOf(next);
  }

  boolean remove(Peer peer) {
    List<Peer> next = new ArrayList<>(peers);
    boolean removed = next.remove(peer);
    peers = List.copyOf(next);
    return removed;
  }

  Peer find(String peerId) {
    for (Peer peer : peers) {
      if (peer.peerId().equals(peerId)) {
        return peer;
      }
    }
    return null;
  }
}
