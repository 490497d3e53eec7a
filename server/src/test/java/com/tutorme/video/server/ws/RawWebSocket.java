package com.tutorme.video.server.ws;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bare-socket WebSocket client that does only what a test tells it: it can go silent (no
 * pongs, no close), or stop reading altogether, which a well-behaved client never does.
 */
final class RawWebSocket implements AutoCloseable {
  static final int OPCODE_TEXT = 0x1;
  static final int OPCODE_BINARY = 0x2;
  static final int OPCODE_CLOSE = 0x8;
  static final int OPCODE_PING = 0x9;
  static final int OPCODE_PONG = 0xA;

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RawWebSocket(int port, String token) throws IOException {
    socket = new Socket("127.0.0.1", port);
    try {
      socket.setSoTimeout(10_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream()); // frames are read a byte at a time
      byte[] nonce = new byte[16];
      new SecureRandom().nextBytes(nonce);
      out.write(("GET /ws?access_token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = readHeaders();
      if (!status.startsWith("HTTP/1.1 101")) {
        throw new IOException("upgrade refused: " + status);
      }
    } catch (IOException | RuntimeException e) {
      socket.close(); // a refused upgrade (a test retrying one, say) holds no socket
      throw e;
    }
  }

  private String readHeaders() throws IOException {
    StringBuilder headers = new StringBuilder();
    while (!headers.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during handshake: " + headers);
      }
      headers.append((char) b);
    }
    return headers.toString();
  }

  /** Sends one masked text frame, as a client must. */
  void sendText(String text) throws IOException {
    sendFrame(true, OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends text frames in one write, so that the server reads them together: what it does for
   * the first cannot come between them.
   */
  void sendTexts(String... texts) throws IOException {
    ByteArrayOutputStream frames = new ByteArrayOutputStream();
    for (String text : texts) {
      writeFrame(frames, true, OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }
    out.write(frames.toByteArray());
    out.flush();
  }

  /**
   * Sends one masked frame of any payload: {@code opcode} 0x1 text, 0x0 continuation; {@code
   * last} false leaves the message open for continuations.
   */
  void sendFrame(boolean last, int opcode, byte[] bytes) throws IOException {
    writeFrame(out, last, opcode, bytes);
    out.flush();
  }

  private static void writeFrame(OutputStream out, boolean last, int opcode, byte[] bytes)
      throws IOException {
    byte[] payload = bytes.clone();
    byte[] mask = new byte[4];
    new SecureRandom().nextBytes(mask);
    out.write((last ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      out.write(0x80 | 126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xff);
    } else {
      out.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (((long) payload.length >>> shift) & 0xff));
      }
    }
    out.write(mask);
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    out.write(payload);
  }

  /** Sends bytes as they are, which a test uses to break the framing rules. */
  void sendRaw(byte... bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads frames until a text frame arrives and returns its payload (server frames are unmasked). */
  String readText() throws IOException {
    return new String(readUntil(OPCODE_TEXT), StandardCharsets.UTF_8);
  }

  /** Reads frames until a close frame arrives and returns its status code (-1 if none). */
  int readCloseCode() throws IOException {
    byte[] payload = readUntil(OPCODE_CLOSE);
    return payload.length < 2 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
  }

  /** Reads frames until a pong arrives and returns its payload. */
  byte[] readPong() throws IOException {
    return readUntil(OPCODE_PONG);
  }

  /** True once the server has closed the connection and nothing more is left to read. */
  boolean isClosedByServer() throws IOException {
    return in.read() < 0;
  }

  private byte[] readUntil(int opcode) throws IOException {
    while (true) {
      Frame frame = readFrame();
      if (frame.opcode() == opcode) {
        return frame.payload();
      }
    }
  }

  /**
   * Reads frames, answering each ping with a pong as a browser does, until {@code pings} pings
   * have come; false if the server closed the connection first.
   */
  boolean answerPings(int pings) throws IOException {
    for (int seen = 0; seen < pings; ) {
      Frame frame = readFrame();
      if (frame.opcode() == OPCODE_CLOSE) {
        return false;
      }
      if (frame.opcode() == OPCODE_PING) {
        sendFrame(true, OPCODE_PONG, frame.payload());
        seen++;
      }
    }
    return true;
  }

  private record Frame(int opcode, byte[] payload) {}

  private Frame readFrame() throws IOException {
    int first = in.read();
    int second = in.read();
    if (first < 0 || second < 0) {
      throw new IOException("closed");
    }
    long length = second & 0x7f;
    if (length == 126) {
      length = (in.read() << 8) | in.read();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | in.read();
      }
    }
    return new Frame(first & 0x0f, in.readNBytes((int) length));
  }

  int localPort() {
    return socket.getLocalPort();
  }

  /** Drops the connection with a TCP reset, as a crashed client or a dead NAT does. */
  void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
