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

class EnvFileTest {
  @TempDir Path temp;

  @Test
  void aDotEnvFileIsReadAndTheEnvironmentWinsOverIt() throws IOException {
    Path file = write("""
        # the booking app's .env
        export DATABASE_URL="postgresql://app:pw@db:5432/tutorme"
        JWT_SECRET='a-secret#of-at-least-thirty-two-$bytes!'   # as written, quoted
        ALLOWED_ORIGINS = https://app.example#a comment, as dotenv reads it
        APP_NOTE="two\\nlines"
        STUN_URLS=
        PORT=9000

        """);

    Map<String, String> merged = EnvFile.withFile(Map.of("ENV_FILE", file.toString(),
        "PORT", "9100"));

    assertThat(merged).containsEntry("JWT_SECRET", "a-secret#of-at-least-thirty-two-$bytes!")
        .containsEntry("DATABASE_URL", "postgresql://app:pw@db:5432/tutorme")
        .containsEntry("ALLOWED_ORIGINS", "https://app.example")
        .containsEntry("APP_NOTE", "two\nlines").containsEntry("STUN_URLS", "")
        .containsEntry("PORT", "9100");
    ServerConfig config = ServerConfig.fromEnvironment(merged);
    assertThat(config.port()).isEqualTo(9100);
    assertThat(config.auth().isDevelopment()).isFalse();
    assertThat(EnvFile.withFile(Map.of("PORT", "1"))).isEqualTo(Map.of("PORT", "1"));
  }

  @Test
  void aBadFileIsOneErrorThatNamesTheLineAndNotItsValue() throws IOException {
    Path file = write("PORT=9000\nJWT_SECRET hunter2-hunter2-hunter2-hunter2-hunter2\n");

    assertThatThrownBy(() -> EnvFile.withFile(Map.of("ENV_FILE", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ENV_FILE " + file + " line 2 is not NAME=value");
    assertThatThrownBy(() -> EnvFile.read(write("A=\"open\n")))
        .hasMessageEndingWith("line 1 has a quote that does not close");
    assertThatThrownBy(() -> EnvFile.withFile(Map.of("ENV_FILE",
        temp.resolve("missing.env").toString()))).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ENV_FILE " + temp.resolve("missing.env") + " cannot be read");
    assertThatThrownBy(() -> EnvFile.withFile(Map.of("ENV_FILE", " ")))
        .hasMessage("ENV_FILE is set but empty: give it a value, or unset it");
    Path blank = write("\uFEFFPORT=1\nNEXTAUTH_URL=\n");
    assertThatThrownBy(() -> EnvFile.read(blank)).hasMessage("ENV_FILE " + blank
        + " line 2: NEXTAUTH_URL is empty: give it a value, or remove the line for the default");
    assertThatThrownBy(() -> EnvFile.read(write("JWT_SECRET=abc$HOME-and-more\n")))
        .hasMessageEndingWith("line 1 holds a $, which the booking app's dotenv-expand would"
            + " expand and this server does not: single-quote the value if it is meant as"
            + " written");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(Files.createTempFile(temp, "config", ".env"), text,
        StandardCharsets.UTF_8);
  }
}
