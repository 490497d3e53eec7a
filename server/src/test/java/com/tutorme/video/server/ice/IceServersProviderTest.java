package com.tutorme.video.server.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tutorme.video.protocol.IceServer;
import com.tutorme.video.server.ConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class IceServersProviderTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void theDefaultsAreTheOriginalsTwoStunServers() {
    List<IceServer> servers = new IceServersProvider(IceSettings.parse(null, null, null, 600),
        CLOCK).forUser("u-1");

    assertThat(servers).containsExactly(IceServer.stun(
        List.of("stun:stun.l.google.com:19302", "stun:stun1.l.google.com:19302")));
  }

  @Test
  void anEmptyStunListMeansNoStun() {
    assertThat(new IceServersProvider(IceSettings.parse("", null, null, 600), CLOCK)
        .forUser("u-1")).isEmpty();
  }

  @Test
  void turnCredentialsFollowTheCoturnRestScheme() throws Exception {
    IceSettings settings = IceSettings.parse("stun:stun.example:3478",
        "turn:turn.example:3478?transport=udp, turns:turn.example:5349", "s3cret", 300);

    List<IceServer> servers = new IceServersProvider(settings, CLOCK).forUser("u-1");

    long expiry = Instant.parse("2026-11-24T10:05:00Z").getEpochSecond();
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String expected = Base64.getEncoder().encodeToString(
        mac.doFinal((expiry + ":u-1").getBytes(StandardCharsets.UTF_8)));
    assertThat(servers).hasSize(2);
    assertThat(servers.get(1)).isEqualTo(new IceServer(
        List.of("turn:turn.example:3478?transport=udp", "turns:turn.example:5349"),
        expiry + ":u-1", expected));
  }

  @Test
  void misconfiguredUrlsAndHalfATurnSetupAreRefused() {
    assertThatThrownBy(() -> IceSettings.parse("http://stun.example", null, null, 600))
        .isInstanceOf(ConfigException.class).hasMessageContaining("STUN_URLS");
    assertThatThrownBy(() -> IceSettings.parse("stun:", null, null, 600))
        .isInstanceOf(ConfigException.class).hasMessageContaining("followed by a host");
    assertThatThrownBy(() -> IceSettings.parse(null, "turn::3478", "s", 600))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TURN_URLS");
    assertThatThrownBy(() -> IceSettings.parse(null, "turn:t.example", null, 600))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TURN_SECRET");
    assertThatThrownBy(() -> IceSettings.parse(null, null, "s3cret", 600))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TURN_URLS");
  }
}
