package com.tutorme.video.server.room;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.ServerMessage;

/**
 * Where a peer's messages go: its WebSocket on this node, or, later, a route to another node.
 * Both methods are safe from any thread and never block; messages sent from one thread arrive
 * in the order they were sent.
 */
public interface PeerSink {
  void send(ServerMessage message);

  /** Closes the peer's connection with this code, after the messages already sent. */
  void close(CloseCode code);
}
