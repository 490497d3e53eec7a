package com.tutorme.video.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdsTest {
  @ParameterizedTest
  @ValueSource(strings = {"u-1", "ckv9x2k0a0000qzrm", "3f1c6a1e-2b7d-4c55-9a0e-1c2d3e4f5a6b",
      "ada@example.com", "auth0|5f7c8ec7c33c6c004bbafe82", "google-oauth2|1234", "a+b", "x.y:z_w"})
  void idsFromIdentityProvidersAreAccepted(String userId) {
    assertThat(UserIds.isValid(userId)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "ada lovelace", "u-1\n", "u\u00e9", "<script>", "a/b", "a\"b"})
  void spacesMarkupAndOtherCharactersAreRefused(String userId) {
    assertThat(UserIds.isValid(userId)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 129})
  void idsAreBoundedAt128Characters(int length) {
    assertThat(UserIds.isValid("u".repeat(length))).isEqualTo(length <= 128);
  }

  @Test
  void nullIsNotAnId() {
    assertThat(UserIds.isValid(null)).isFalse();
  }
}
