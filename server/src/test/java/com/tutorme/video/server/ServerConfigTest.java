package com.tutorme.video.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tutorme.video.server.auth.AuthSettings;
import com.tutorme.video.server.ice.IceSettings;
import com.tutorme.video.storage.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Test
  void developmentModeListensOnThisMachineOnlyUnlessToldOtherwise() {
    assertThat(ServerConfig.fromEnvironment(Map.of()).host()).isEqualTo("127.0.0.1");
    assertThat(ServerConfig.fromEnvironment(Map.of("HOST", "0.0.0.0")).host())
        .isEqualTo("0.0.0.0");
    assertThat(ServerConfig.fromEnvironment(Map.of("JWT_SECRET", SECRET)).host())
        .isEqualTo("0.0.0.0");
  }

  @Test
  void allowedOriginsDefaultFromNextAuthUrlAsTheOriginalDid() {
    assertThat(ServerConfig.fromEnvironment(Map.of("NEXTAUTH_URL",
        "https://tutorme.example/api/auth")).allowedOrigins())
        .containsExactly("https://tutorme.example");
    assertThat(ServerConfig.fromEnvironment(Map.of("ALLOWED_ORIGINS",
        "https://a.example, http://localhost:3000")).allowedOrigins())
        .containsExactly("https://a.example", "http://localhost:3000");
    assertThat(ServerConfig.fromEnvironment(Map.of("ALLOWED_ORIGINS",
        "HTTPS://A.example/")).allowedOrigins()).containsExactly("https://a.example");
    assertThat(ServerConfig.fromEnvironment(Map.of("PORT", "9000")).allowedOrigins())
        .contains("http://localhost:9000");
  }

  @Test
  void settingsMadeInCodeAreHeldToTheRulesOfTheEnvironmentsOnes() {
    ServerConfig local = ServerConfig.local(DatabaseSettings.fromUrl("jdbc:h2:mem:x", null, null));

    // Kept as given, this entry would never equal the Origin header a browser sends.
    assertThat(local.withAllowedOrigins(List.of("https://App.Example/",
        "https://b.example:443", "http://c.example:80", "http://d.example:8443"))
        .allowedOrigins()).containsExactly("https://app.example", "https://b.example",
        "http://c.example", "http://d.example:8443");
    assertThatThrownBy(() -> local.withAllowedOrigins(List.of("https://a.example/app")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("without a path");
    // No signer takes a key this short: the server would start and admit no token.
    assertThatThrownBy(() -> AuthSettings.hmac(new byte[8]))
        .isInstanceOf(ConfigException.class).hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> new AuthSettings(new byte[8], null, null, null, null, 30, false))
        .isInstanceOf(ConfigException.class).hasMessageContaining("at least 32 bytes");
    assertThat(local.withAddress("0.0.0.0", 9000)).extracting(ServerConfig::host,
        ServerConfig::port).containsExactly("0.0.0.0", 9000);
    // Every ice-servers request would have failed.
    assertThatThrownBy(() -> new IceSettings(List.of(), List.of("turn:turn.example"), null,
        IceSettings.DEFAULT_TTL)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("TURN_SECRET");
  }

  @Test
  void aVariableSetButEmptyIsRefusedNotTakenForUnset() {
    for (String name : List.of("JWT_SECRET", "JWT_PUBLIC_KEY", "JWT_JWKS_URL", "DATABASE_URL",
        "PORT", "ALLOWED_ORIGINS", "TURN_SECRET")) {
      assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(name, " \t")))
          .as(name).isInstanceOf(ConfigException.class)
          .hasMessage(name + " is set but empty: give it a value, or unset it for the default");
    }
    // The one variable whose empty value means something: no STUN servers.
    assertThat(ServerConfig.fromEnvironment(Map.of("STUN_URLS", "")).ice().stunUrls())
        .isEmpty();
  }

  @Test
  void aDataDirectoryThatCannotBeOneIsRefused(@TempDir Path temp) throws IOException {
    Path file = Files.createFile(temp.resolve("a-file"));

    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("DATA_DIR", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DATA_DIR " + file + ": " + file + " is a file, not a directory");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("DATA_DIR",
        file.resolve("db").toString()))).hasMessageEndingWith(file + " is a file, not a directory");
    assertThat(ServerConfig.fromEnvironment(Map.of("DATA_DIR", temp.resolve("new/db")
        .toString())).database().jdbcUrl()).contains(temp.resolve("new/db").toString());
  }

  @Test
  void malformedValuesNameTheVariable() {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("PORT", "70000")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PORT");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("ALLOWED_ORIGINS", "ftp://x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ALLOWED_ORIGINS");
    // A browser's Origin has no path: an entry with one is not the narrower rule it looks.
    for (String notAnOrigin : List.of("https://a.example/app", "https://a.example?x=1",
        "https://a.example#top", "https://user@a.example")) {
      assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("ALLOWED_ORIGINS",
          "http://localhost:3000," + notAnOrigin))).isInstanceOf(ConfigException.class)
          .hasMessageContainingAll("ALLOWED_ORIGINS", notAnOrigin,
              "did you mean 'https://a.example'");
    }
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("ROOM_CAPACITY", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ROOM_CAPACITY");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TURN_URLS", "turn:t")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TURN_SECRET");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("WS_LOOP_AFFINITY", "maybe")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("WS_LOOP_AFFINITY");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("WS_CLOSE_GRACE_MS", "5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("WS_CLOSE_GRACE_MS");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("WS_MESSAGES_PER_LOOP", "-1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("WS_MESSAGES_PER_LOOP");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("WS_MESSAGES_PER_LOOP", "lots")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("WS_MESSAGES_PER_LOOP");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("EVENT_LOOPS", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("EVENT_LOOPS");
  }

  @Test
  void oneEventLoopPerCoreUnlessToldOtherwise() {
    assertThat(ServerConfig.fromEnvironment(Map.of()).resolvedEventLoops())
        .isEqualTo(io.netty.util.NettyRuntime.availableProcessors());
    assertThat(ServerConfig.fromEnvironment(Map.of("EVENT_LOOPS", "3")).resolvedEventLoops())
        .isEqualTo(3);
  }

  @Test
  void loopAffinityIsOnUnlessTurnedOff() {
    assertThat(ServerConfig.fromEnvironment(Map.of()).signaling().loopAffinity()).isTrue();
    assertThat(ServerConfig.fromEnvironment(Map.of("WS_LOOP_AFFINITY", "off")).signaling()
        .loopAffinity()).isFalse();
    assertThat(ServerConfig.fromEnvironment(Map.of("WS_LOOP_AFFINITY", " TRUE ")).signaling()
        .loopAffinity()).isTrue();
  }

  @Test
  void aClosingConnectionHasTwoSecondsToAnswerUnlessToldOtherwise() {
    assertThat(ServerConfig.fromEnvironment(Map.of()).signaling().closeGraceMillis())
        .isEqualTo(2_000);
    assertThat(ServerConfig.fromEnvironment(Map.of("WS_CLOSE_GRACE_MS", "500")).signaling()
        .closeGraceMillis()).isEqualTo(500);
  }

  @Test
  void sessionsGatherOnAsFewLoopsAsTenThousandMessagesASecondNeedUnlessToldOtherwise() {
    assertThat(ServerConfig.fromEnvironment(Map.of()).signaling().messagesPerLoop())
        .isEqualTo(10_000);
    assertThat(ServerConfig.fromEnvironment(Map.of()).signaling().balancesLoops()).isTrue();
    assertThat(ServerConfig.fromEnvironment(Map.of("WS_MESSAGES_PER_LOOP", "0")).signaling()
        .balancesLoops()).isFalse();
    // Balancing works by keeping partners on one loop: without that, it has nothing to move.
    assertThat(ServerConfig.fromEnvironment(Map.of("WS_LOOP_AFFINITY", "false")).signaling()
        .balancesLoops()).isFalse();
  }
}
