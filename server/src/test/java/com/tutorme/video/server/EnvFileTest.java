package com.tutorme.video.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ENV_FILE, read as the booking app's dotenv reads the same file. */
class EnvFileTest {
  @TempDir Path temp;

  @Test
  void aDotEnvFileIsReadAsDotenvReadsItAndTheEnvironmentWinsOverIt() throws IOException {
    Path file = write("""
        \uFEFF# the booking app's .env
        export DATABASE_URL="postgresql://app:pw@db:5432/tutorme"\r
        JWT_SECRET=a-secret-of-at-least-thirty-two-bytes!#and a comment, as dotenv has it
        ALLOWED_ORIGINS: https://app.example
        JWT_PUBLIC_KEY_NOTE="-----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
        -----END PUBLIC KEY-----"
        APP_NOTE="two\\nlines"
        APP_TICKS=`in backticks`
        APP_PRICE='costs \\$5'
        NEXT_PUBLIC_SITE=https://$VERCEL_URL
        SMTP_PASSWORD=
        STUN_URLS=
        PORT=9000
        """);

    Env env = EnvFile.load(Map.of("ENV_FILE", file.toString(), "PORT", "9100"));

    assertThat(env.raw("JWT_SECRET")).isEqualTo("a-secret-of-at-least-thirty-two-bytes!");
    assertThat(env.raw("DATABASE_URL")).isEqualTo("postgresql://app:pw@db:5432/tutorme");
    assertThat(env.raw("ALLOWED_ORIGINS")).isEqualTo("https://app.example");
    assertThat(env.raw("JWT_PUBLIC_KEY_NOTE")).startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("\n-----END PUBLIC KEY-----");
    assertThat(env.raw("APP_NOTE")).isEqualTo("two\nlines");
    assertThat(env.raw("APP_TICKS")).isEqualTo("in backticks");
    assertThat(env.raw("APP_PRICE")).isEqualTo("costs $5");
    assertThat(env.raw("STUN_URLS")).isEmpty();
    assertThat(env.raw("PORT")).isEqualTo("9100");
    // Lines the server never reads are the app's business: a $NAME or an empty value there
    // is said only if the server reads it.
    ServerConfig config = ServerConfig.from(env);
    assertThat(config.port()).isEqualTo(9100);
    assertThat(config.auth().isDevelopment()).isFalse();
    assertThatThrownBy(() -> env.raw("NEXT_PUBLIC_SITE")).isInstanceOf(ConfigException.class)
        .hasMessage("ENV_FILE " + file + " line 11: NEXT_PUBLIC_SITE holds a $, which the"
            + " booking app's dotenv-expand would expand and this server does not: write \\$"
            + " for a $ meant as written");
    assertThatThrownBy(() -> env.get("SMTP_PASSWORD")).hasMessage("ENV_FILE " + file
        + " line 12: SMTP_PASSWORD is empty: give it a value, or remove the line for the"
        + " default");
    assertThat(new Env(Map.of("PORT", "1")).raw("PORT")).isEqualTo("1");
  }

  @Test
  void aSecretTheServerReadsIsRefusedUnlessTheEnvironmentGivesIt() throws IOException {
    Path file = write("JWT_SECRET='abc$HOME-and-more-to-be-thirty-two-bytes'\n");

    assertThatThrownBy(() -> ServerConfig.from(EnvFile.load(Map.of("ENV_FILE",
        file.toString())))).hasMessageStartingWith("ENV_FILE " + file + " line 1: JWT_SECRET"
            + " holds a $");
    assertThat(ServerConfig.from(EnvFile.load(Map.of("ENV_FILE", file.toString(),
        "JWT_SECRET", "from-the-environment-at-least-32-bytes"))).auth().isDevelopment())
        .isFalse();
  }

  @Test
  void aLineDotenvWouldSkipIsAMistakeNamedByItsNumber() throws IOException {
    Path file = write("PORT=9000\nJWT_SECRET hunter2-hunter2-hunter2-hunter2-hunter2\n");

    assertThatThrownBy(() -> EnvFile.load(Map.of("ENV_FILE", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ENV_FILE " + file + " line 2 is not NAME=value");
    assertThat(EnvFile.read(write("A=\"open\nB=1\n")).values())
        .as("as dotenv reads a quote that does not close").containsEntry("A", "\"open")
        .containsEntry("B", "1");
    assertThatThrownBy(() -> EnvFile.load(Map.of("ENV_FILE",
        temp.resolve("missing.env").toString()))).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ENV_FILE " + temp.resolve("missing.env") + " cannot be read");
    assertThatThrownBy(() -> EnvFile.load(Map.of("ENV_FILE", " ")))
        .hasMessage("ENV_FILE is set but empty: give it a value, or unset it");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(Files.createTempFile(temp, "config", ".env"), text,
        StandardCharsets.UTF_8);
  }
}
