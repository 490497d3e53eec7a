package com.tutorme.video.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a real server (PostgreSQL, here) that a test can cut and restore, to
 * play a database outage without stopping the shared database. Cut: every proxied connection is
 * dropped and new ones are refused at once. Frozen: nothing is dropped or refused, and nothing
 * passes either way, as with a stopped database process or a dead network path.
 */
public final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;
  private volatile boolean closed;
  private final Object thaw = new Object();
  private boolean frozen; // guarded by thaw

  public TcpProxy(String targetHost, int targetPort) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Drops every connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    cut = true;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  /** Holds every byte either way, and new connections unanswered, until {@link #restore()}. */
  public void freeze() {
    synchronized (thaw) {
      frozen = true;
    }
  }

  public void restore() {
    cut = false;
    thawAll();
  }

  private void thawAll() {
    synchronized (thaw) {
      frozen = false;
      thaw.notifyAll();
    }
  }

  private void awaitThawed() throws InterruptedException {
    synchronized (thaw) {
      while (frozen) {
        thaw.wait();
      }
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        awaitThawed(); // accepted, as a hung server's kernel does, and then nothing
        if (cut || closed) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket();
        try {
          server.connect(target, 2_000);
        } catch (IOException e) {
          closeQuietly(client);
          continue;
        }
        open.add(client);
        open.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        if (closed) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          awaitThawed();
          out.write(buffer, 0, n);
        }
      } catch (IOException | InterruptedException e) {
        // one side went away (or the test ended); the finally below closes the other
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    cut();
    thawAll(); // frozen pumps wake, find their sockets closed, and end
  }
}
