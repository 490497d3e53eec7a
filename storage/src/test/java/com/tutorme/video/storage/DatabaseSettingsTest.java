package com.tutorme.video.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

  @Test
  void aPrismaStyleUrlBecomesAJdbcUrlWithItsCredentials() {
    DatabaseSettings settings = DatabaseSettings.fromUrl(
        "postgresql://app:s%40cret@db.internal:6543/tutorme?sslmode=require", null, null);

    assertThat(settings.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:6543/tutorme?sslmode=require");
    assertThat(settings.user()).isEqualTo("app");
    assertThat(settings.password()).isEqualTo("s@cret");
  }

  @Test
  void prismasSchemaParameterIsTheDriversCurrentSchema() {
    assertThat(DatabaseSettings.fromUrl(
        "postgresql://app@db:5432/tutorme?schema=tutor&sslmode=require", null, null).jdbcUrl())
        .isEqualTo("jdbc:postgresql://db:5432/tutorme?currentSchema=tutor&sslmode=require");
  }

  @Test
  void aContainersHostNameWithAnUnderscoreIsAHost() {
    DatabaseSettings settings = DatabaseSettings.fromUrl(
        "postgresql://app:pw@my_db:5432/tutorme", null, null);
    assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://my_db:5432/tutorme");
    assertThat(settings.user()).isEqualTo("app");
    assertThat(settings.password()).isEqualTo("pw");
    assertThat(DatabaseSettings.fromUrl("postgresql://my_db/tutorme", null, null).jdbcUrl())
        .isEqualTo("jdbc:postgresql://my_db/tutorme");
  }

  @Test
  void aPlusInTheUrlsCredentialsIsAPlus() {
    // A URL's user info is percent-encoded, not a form: '+' is no space there.
    DatabaseSettings settings = DatabaseSettings.fromUrl(
        "postgresql://a+dm%2Bin:a+b%2Bc%20d@db.internal:5432/tutorme", null, null);

    assertThat(settings.user()).isEqualTo("a+dm+in");
    assertThat(settings.password()).isEqualTo("a+b+c d");
  }

  @Test
  void explicitCredentialsWinOverThoseInTheUrl() {
    DatabaseSettings settings =
        DatabaseSettings.fromUrl("postgres://app:old@localhost/tutorme", "ops", "new");

    assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/tutorme");
    assertThat(settings.user()).isEqualTo("ops");
    assertThat(settings.password()).isEqualTo("new");
  }

  @Test
  void jdbcUrlsPassThroughAndH2GetsPostgresMode() {
    assertThat(DatabaseSettings.fromUrl("jdbc:postgresql://h/db", "u", "p").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h/db");
    assertThat(DatabaseSettings.fromUrl("jdbc:h2:mem:x", null, null).jdbcUrl())
        .contains(";MODE=PostgreSQL");
  }

  @Test
  void theEmbeddedDatabaseIsAnH2FileUnderTheDirectory(@org.junit.jupiter.api.io.TempDir Path dir) {
    DatabaseSettings settings = DatabaseSettings.embedded(dir);

    assertThat(settings.isEmbeddedH2()).isTrue();
    assertThat(settings.jdbcUrl()).startsWith("jdbc:h2:file:" + dir.toAbsolutePath());
  }

  @Test
  void malformedUrlsAreRejectedWithoutEchoingThePassword() {
    assertThatThrownBy(() -> DatabaseSettings.fromUrl("mysql://u:hunter2@h/db", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> DatabaseSettings.fromUrl("postgresql://u:hunter2@/", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> DatabaseSettings.fromUrl("postgresql://u:hun ter2@h/db", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hun ter2");
  }

  @Test
  void describeAndToStringNeverShowThePassword() {
    DatabaseSettings settings = DatabaseSettings.fromUrl(
        "jdbc:postgresql://h:5432/db?password=hunter2", "app", "hunter3");

    assertThat(settings.describe()).isEqualTo("jdbc:postgresql://h:5432/db as app");
    assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("hunter3");
  }
}
