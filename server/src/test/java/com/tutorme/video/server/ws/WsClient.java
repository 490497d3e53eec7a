package com.tutorme.video.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that queues what it receives, for tests. */
public final class WsClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private WsClient(URI uri, String origin) {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .subprotocols("tutorme-v1");
    if (origin != null) {
      builder.header("Origin", origin);
    }
    this.socket = builder.buildAsync(uri, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Connects to /ws with the token in the query. */
  public static WsClient connect(int port, String token) {
    return new WsClient(URI.create("ws://127.0.0.1:" + port + "/ws?access_token=" + token),
        null);
  }

  public static WsClient connect(int port, String token, String origin) {
    return new WsClient(URI.create("ws://127.0.0.1:" + port + "/ws?access_token=" + token),
        origin);
  }

  /** The HTTP status an upgrade attempt was refused with, or 101 if it succeeded. */
  public static int upgradeStatus(int port, String query, String origin) {
    try {
      new WsClient(URI.create("ws://127.0.0.1:" + port + "/ws" + query), origin).close();
      return 101;
    } catch (CompletionException e) {
      if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  public WsClient send(String json) {
    socket.sendText(json, true).orTimeout(5, TimeUnit.SECONDS).join();
    return this;
  }

  public void sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(5, TimeUnit.SECONDS).join();
  }

  /** The next message, failing after five seconds. */
  public JsonNode next() {
    try {
      JsonNode message = messages.poll(5, TimeUnit.SECONDS);
      if (message == null) {
        throw new AssertionError("no message within 5 s (closed: " + closed.getNow(null) + ")");
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next message, which must be of this type. */
  public JsonNode next(String type) {
    JsonNode message = next();
    if (!type.equals(message.path("type").asText())) {
      throw new AssertionError("expected " + type + " but got " + message);
    }
    return message;
  }

  /** Skips messages until one of this type arrives. */
  public JsonNode awaitType(String type) {
    while (true) {
      JsonNode message = next();
      if (type.equals(message.path("type").asText())) {
        return message;
      }
    }
  }

  /** Messages received and not yet taken. */
  public BlockingQueue<JsonNode> pending() {
    return messages;
  }

  /** The close code the server sent, waiting up to the given time. */
  public int awaitClose(Duration timeout) {
    return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Joins a session and returns the acknowledgement. */
  public JsonNode join(String sessionToken) {
    send("{\"type\":\"join-session\",\"id\":\"j\",\"sessionToken\":\"" + sessionToken + "\"}");
    return next();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(1000, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
          .join();
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new AssertionError("server sent invalid JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }
}
