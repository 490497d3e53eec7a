package com.tutorme.video.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written peer id check must agree with {@link ClientMessage#PEER_ID}. */
class PeerIdTest {
  @Test
  void theHandCheckAgreesWithThePattern() {
    String alphabet = "aAzZ09_-mQ5/:@[`{ é\u0000\u0660";
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 100_000; n++) {
      StringBuilder id = new StringBuilder();
      for (int length = random.nextInt(67); length > 0; length--) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String value = id.toString();
      assertThat(ClientMessage.Checks.isPeerId(value)).as(value)
          .isEqualTo(ClientMessage.PEER_ID.matcher(value).matches());
    }
  }

  @Test
  void edgesOfTheLength() {
    assertThat(ClientMessage.Checks.isPeerId("")).isFalse();
    assertThat(ClientMessage.Checks.isPeerId("a")).isTrue();
    assertThat(ClientMessage.Checks.isPeerId("a".repeat(64))).isTrue();
    assertThat(ClientMessage.Checks.isPeerId("a".repeat(65))).isFalse();
  }
}
