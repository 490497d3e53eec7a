package com.tutorme.video.server;

/**
 * Work handed to a server that has been closed, or is closing: an embedder's call after
 * {@link TutorMeServer#close()}, or a request that arrived while the server drained (answered
 * 503).
 */
public final class ServerClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ServerClosedException() {
    super("the server is closed");
  }
}
