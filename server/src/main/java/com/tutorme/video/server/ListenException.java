package com.tutorme.video.server;

import java.nio.channels.UnresolvedAddressException;

/**
 * The server could not listen on its address: the port is taken, the address is not one of
 * this machine's, or the host name does not resolve. Its message says which, and where.
 */
public final class ListenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ListenException(String host, int port, Throwable cause) {
    super("cannot listen on " + host + ":" + port + ": " + reason(cause), cause);
  }

  private static String reason(Throwable cause) {
    if (cause instanceof UnresolvedAddressException) {
      return "the host name does not resolve";
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
