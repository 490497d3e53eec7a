package com.tutorme.video.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tutorme.video.server.ConfigException;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Test
  void aLongEnoughSecretConfiguresHs256() {
    AuthSettings settings = AuthSettings.parse(SECRET, null, null, "iss", "aud", 30);

    assertThat(settings.hasKey()).isTrue();
    assertThat(settings.isDevelopment()).isFalse();
    assertThat(settings.toString()).doesNotContain(SECRET);
  }

  @Test
  void aShortSecretIsRefusedWithoutBeingRepeated() {
    assertThatThrownBy(() -> AuthSettings.parse("hunter2", null, null, null, null, 30))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("JWT_SECRET must be at least 32 bytes")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void twoKeySourcesAreRefused() {
    assertThatThrownBy(() -> AuthSettings.parse(SECRET, null, "https://id.example/jwks", null,
        null, 30)).isInstanceOf(ConfigException.class).hasMessageContaining("only one");
  }

  @Test
  void aBadPemOrUrlIsRefused() {
    assertThatThrownBy(() -> AuthSettings.parse(null, "-----BEGIN PUBLIC KEY-----\nnope\n",
        null, null, null, 30)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("JWT_PUBLIC_KEY");
    assertThatThrownBy(() -> AuthSettings.parse(null, null, "ftp://id.example/jwks", null,
        null, 30)).isInstanceOf(ConfigException.class).hasMessageContaining("JWT_JWKS_URL");
  }

  @Test
  void issuerWithoutAKeyIsAMistakeNotDevelopmentMode() {
    assertThatThrownBy(() -> AuthSettings.parse(null, null, null, "iss", null, 30))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no key");
  }

  @Test
  void developmentModeHasARandomSecretPerStart() {
    AuthSettings first = AuthSettings.forDevelopment();
    AuthSettings second = AuthSettings.forDevelopment();

    assertThat(first.isDevelopment()).isTrue();
    assertThat(first.hmacSecret()).hasSize(32).isNotEqualTo(second.hmacSecret());
  }
}
