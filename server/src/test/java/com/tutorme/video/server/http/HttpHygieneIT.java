package com.tutorme.video.server.http;

import static com.tutorme.video.server.http.ApiClient.errorCode;
import static com.tutorme.video.server.http.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Limits, methods, media types, CORS and timeouts, each with its documented answer. */
class HttpHygieneIT {
  static ApiServer api;

  @BeforeAll
  static void start() throws InterruptedException {
    api = ApiServer.start(config -> config
        .withAllowedOrigins(List.of("https://app.tutorme.example"))
        .withSessionCreatesPerMinute(3)
        .withRequestTimeoutMillis(500));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aPathWithTrailingSlashesIsAnotherPath() {
    HttpResponse<String> response = api.client.get("/api/video/session////?bookingId=b",
        api.token("stu", "student"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(errorCode(response)).isEqualTo("NOT_FOUND");
  }

  @Test
  void aWrongMethodGets405WithAllow() {
    HttpResponse<String> response = api.client.send(api.client.request("/api/video/session",
        api.token("stu", "student")).DELETE());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("allow")).hasValue("POST, GET");
    assertThat(errorCode(response)).isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  void bodiesMustBeJson() {
    HttpResponse<String> response = api.client.send(api.client.request("/api/video/session",
        api.token("stu", "student")).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("bookingId=1")));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(errorCode(response)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    // A media type merely starting like JSON's is another one.
    assertThat(api.client.send(api.client.request("/api/video/session",
        api.token("stu", "student")).header("Content-Type", "application/jsonx")
        .POST(HttpRequest.BodyPublishers.ofString("{\"bookingId\":\"1\"}"))).statusCode())
        .isEqualTo(415);
    // Bytes that are no UTF-8 inside a value: it was "field 'bookingId' ... wrong type".
    HttpResponse<String> notUtf8 = api.client.send(api.client.request("/api/video/session",
        api.token("stu", "student")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', 'b', 'o', 'o', 'k',
            'i', 'n', 'g', 'I', 'd', '"', ':', '"', (byte) 0xff, '"', '}'})));
    assertThat(notUtf8.statusCode()).isEqualTo(400);
    assertThat(notUtf8.body()).contains("request body is not valid UTF-8");
  }

  @Test
  void anOversizedBodyGetsJson413() {
    String huge = "{\"bookingId\":\"" + "x".repeat(70_000) + "\"}";
    HttpResponse<String> response = api.client.post("/api/video/session",
        api.token("stu", "student"), huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(errorCode(response)).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void aLongUriGets414AndHugeHeadersGet431() throws Exception {
    String longUri = "GET /api/video/session?bookingId=" + "x".repeat(9_000) + " HTTP/1.1\r\n"
        + "Host: localhost\r\n\r\n";
    String bigHeaders = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: "
        + "y".repeat(20_000) + "\r\n\r\n";

    assertThat(rawExchange(longUri)).startsWith("HTTP/1.1 414").contains("URI_TOO_LONG");
    assertThat(rawExchange(bigHeaders)).startsWith("HTTP/1.1 431")
        .contains("HEADERS_TOO_LARGE");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "GET /api/video/%zz HTTP/1.1",
      "GET /healthz?x=%zz HTTP/1.1",
      "POST /api/video/session/%/end HTTP/1.1",
      "GET /ws?access_token=%zz HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
  })
  void aMalformedPercentEscapeGets400(String requestLineAndHeaders) throws Exception {
    String request = requestLineAndHeaders + "\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    // Netty's decoder throws on it wherever the path or query is first read: a 500 and a
    // logged trace before, and an empty reply for a WebSocket upgrade.
    assertThat(rawExchange(request)).startsWith("HTTP/1.1 400")
        .contains("INVALID_REQUEST").contains("malformed percent-escape");
  }

  /** As a client set up for a proxy sends it (RFC 9112 §3.2.2): it was a 404. */
  @Test
  void aTargetInAbsoluteFormIsServed() throws Exception {
    assertThat(rawExchange("GET http://localhost/healthz HTTP/1.1\r\nHost: localhost\r\n"
        + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 200").contains("\"ok\"");
    assertThat(RequestTarget.originForm("HTTPS://h:8080?x=1")).isEqualTo("/?x=1");
    assertThat(RequestTarget.originForm("http://h")).isEqualTo("/");
    assertThat(RequestTarget.originForm("/http://h/x")).isEqualTo("/http://h/x");
  }

  /** protocol.md: a request to /ws that is no handshake is a 400, not an unknown endpoint. */
  @Test
  void aPlainRequestToTheWebSocketPathIsA400() throws Exception {
    assertThat(rawExchange("GET /ws HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400").contains("INVALID_REQUEST")
        .contains("open it with a WebSocket handshake");
  }

  @Test
  void pipelinedRequestsAreAnsweredInTheirOrder() throws Exception {
    String booking = "pipe-" + System.nanoTime();
    api.booking(booking, "piper", "tut", BookingMode.ONLINE, BookingStatus.CONFIRMED);
    String body = "{\"bookingId\":\"" + booking + "\"}";
    // The first waits on the database, the second is answered from memory and asks to close.
    String answers = rawExchange("POST /api/video/session HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + api.token("piper", "student") + "\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
        + body + "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

    assertThat(answers).contains("\"sessionToken\"", "{\"status\":\"ok\"}");
    assertThat(answers.indexOf("\"sessionToken\"")).as(answers)
        .isLessThan(answers.indexOf("{\"status\":\"ok\"}"));
  }

  @Test
  void expectationsItWillNotMeetGetJsonErrors() throws Exception {
    String tooLarge = "POST /api/video/session HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: 70000\r\n"
        + "Expect: 100-continue\r\n\r\n";
    String unknown = "POST /api/video/session HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: 2\r\nExpect: teapot\r\n\r\n";

    // The stock answers had empty bodies.
    assertThat(firstResponse(tooLarge)).startsWith("HTTP/1.1 413")
        .contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    assertThat(firstResponse(unknown)).startsWith("HTTP/1.1 417")
        .contains("\"code\":\"EXPECTATION_FAILED\"");
  }

  @Test
  void aRequestThatNeverFinishesArrivingGets408AndIsClosed() throws Exception {
    // Headers promise a body that never comes.
    String partial = "POST /api/video/session HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"book";

    assertThat(rawExchange(partial)).startsWith("HTTP/1.1 408").contains("REQUEST_TIMEOUT");
  }

  @Test
  void headersDribbledSlowerThanTheDeadlineGet408() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      // Half a request line, then nothing: the codec has not seen a request yet.
      out.write("GET /healthz HT".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String answer = new String(socket.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 408").contains("REQUEST_TIMEOUT");
    }
  }

  @Test
  void sessionCreationIsRateLimitedPerUser() {
    String booking = "rl-" + System.nanoTime();
    api.booking(booking, "eager", "tut", BookingMode.ONLINE, BookingStatus.CONFIRMED);
    String token = api.token("eager", "student");
    String body = "{\"bookingId\":\"" + booking + "\"}";

    for (int i = 0; i < 3; i++) {
      assertThat(api.client.post("/api/video/session", token, body).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> limited = api.client.post("/api/video/session", token, body);
    HttpResponse<String> otherUser = api.client.post("/api/video/session",
        api.token("tut", "tutor"), body);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(errorCode(limited)).isEqualTo("RATE_LIMITED");
    assertThat(limited.headers().firstValue("retry-after")).hasValueSatisfying(
        value -> assertThat(Integer.parseInt(value)).isPositive());
    assertThat(otherUser.statusCode()).isEqualTo(200);
  }

  @Test
  void corsAnswersAllowedOriginsAndNobodyElse() {
    HttpResponse<String> allowed = preflight("https://app.tutorme.example");
    HttpResponse<String> foreign = preflight("https://evil.example");
    HttpResponse<String> simple = api.client.send(api.client.request("/healthz", null)
        .header("Origin", "https://app.tutorme.example").GET());

    assertThat(allowed.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://app.tutorme.example");
    assertThat(allowed.headers().firstValue("access-control-allow-headers").orElse(""))
        .contains("authorization");
    // Netty's default preflight Date came out quoted, which is no HTTP date.
    assertThat(allowed.headers().allValues("date")).allSatisfy(
        date -> assertThat(date).doesNotStartWith("\""));
    assertThat(allowed.headers().firstValue("content-length")).hasValue("0");
    assertThat(foreign.headers().firstValue("access-control-allow-origin")).isEmpty();
    assertThat(simple.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://app.tutorme.example");
    assertThat(json(simple).get("status").asText()).isEqualTo("ok");
  }

  private HttpResponse<String> preflight(String origin) {
    return api.client.send(api.client.request("/api/video/session", null)
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  /** Sends the request and reads one response: its head, and the body its length gives. */
  private String firstResponse(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (head.indexOf("\r\n\r\n") < 0) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      Matcher length = Pattern
          .compile("(?i)content-length: (\\d+)").matcher(head);
      int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
      return head + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
    }
  }

  /** Sends raw bytes and reads until the server closes the connection. */
  private String rawExchange(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
