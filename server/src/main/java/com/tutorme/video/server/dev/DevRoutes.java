package com.tutorme.video.server.dev;

import com.tutorme.video.server.http.ApiRequest;
import com.tutorme.video.server.http.ApiResponse;
import com.tutorme.video.server.http.Router;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/** {@code GET /api/dev/demo}: the demo lesson and a link for each of its users. */
public final class DevRoutes {
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?");

  private DevRoutes() {}

  /** What the endpoint answers. */
  record DemoBody(String bookingId, DemoUser student, DemoUser tutor, ServiceUser service,
      DemoUser stranger) {}

  /** The booking backend's token, for {@code PUT /api/bookings/{id}}. */
  record ServiceUser(String userId, String token) {}

  /** One user of the demo: who, their token, and the page that opens their lesson. */
  record DemoUser(String userId, String name, String token, String url) {}

  public static void register(Router router, DemoLesson demo, IntSupplier port) {
    router.get("/api/dev/demo", request -> {
      String base = baseUrl(request, port.getAsInt());
      return CompletableFuture.completedFuture(ApiResponse.ok(new DemoBody(demo.bookingId(),
          new DemoUser(demo.student().userId(), demo.student().name(), demo.studentToken(),
              demo.url(base, demo.studentToken())),
          new DemoUser(demo.tutor().userId(), demo.tutor().name(), demo.tutorToken(),
              demo.url(base, demo.tutorToken())),
          new ServiceUser("demo-booking-backend", demo.serviceToken()),
          new DemoUser(demo.stranger().userId(), demo.stranger().name(), demo.strangerToken(),
              demo.url(base, demo.strangerToken())))));
    });
  }

  /** Links point at the host the caller used, so they work from another machine too. */
  private static String baseUrl(ApiRequest request, int port) {
    String host = request.header(HttpHeaderNames.HOST).orElse("");
    return HOST.matcher(host).matches() ? "http://" + host : "http://localhost:" + port;
  }
}
