package com.tutorme.video.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The JDK's strict UTF-8 decoder is the oracle: it too refuses overlongs and surrogates. */
class Utf8Test {
  /** Bytes at the edges of every range the rules distinguish. */
  private static final int[] EDGES = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
      0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5,
      0xFF};
  /** A fourth byte only needs to be a continuation byte or not. */
  private static final int[] FOURTH = {0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xFF};

  @Test
  void agreesWithTheJdkOnEverySequenceOfUpToTwoBytes() {
    for (int first = 0; first < 256; first++) {
      check(new byte[] {(byte) first});
      for (int second = 0; second < 256; second++) {
        check(new byte[] {(byte) first, (byte) second});
      }
    }
  }

  @Test
  void agreesWithTheJdkOnEveryLeadByteFollowedByEdgeBytes() {
    for (int lead = 0; lead < 256; lead++) {
      for (int second : EDGES) {
        for (int third : EDGES) {
          check(new byte[] {(byte) lead, (byte) second, (byte) third});
          for (int fourth : FOURTH) {
            check(new byte[] {(byte) lead, (byte) second, (byte) third, (byte) fourth});
          }
        }
      }
    }
  }

  @Test
  void agreesWithTheJdkOnRandomTextAroundValidCharacters() {
    SplittableRandom random = new SplittableRandom(6);
    byte[] valid = "a é 漢 😀 \u2028".getBytes(StandardCharsets.UTF_8);
    for (int n = 0; n < 50_000; n++) {
      byte[] bytes = new byte[random.nextInt(12)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(3) == 0 ? (byte) EDGES[random.nextInt(EDGES.length)]
            : valid[random.nextInt(valid.length)];
      }
      check(bytes);
    }
  }

  @Test
  void readsOnlyTheGivenRange() {
    byte[] bytes = {(byte) 0xFF, 'o', 'k', (byte) 0xE2, (byte) 0x82};

    assertThat(Utf8.isValid(bytes, 1, 2)).isTrue();
    assertThat(Utf8.isValid(bytes, 1, 3)).isFalse(); // a character cut short at the end
    assertThat(Utf8.isValid(bytes, 0, 0)).isTrue();
  }

  private static void check(byte[] bytes) {
    boolean expected = jdkAccepts(bytes);
    if (Utf8.isValid(bytes, 0, bytes.length) != expected) { // described only when it fails
      assertThat(Utf8.isValid(bytes, 0, bytes.length)).as(hex(bytes)).isEqualTo(expected);
    }
  }

  private static final CharsetDecoder JDK = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

  private static boolean jdkAccepts(byte[] bytes) {
    CharBuffer chars = CharBuffer.allocate(bytes.length + 1);
    return !JDK.reset().decode(ByteBuffer.wrap(bytes), chars, true).isError()
        && !JDK.flush(chars).isError();
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02X ", b & 0xFF));
    }
    return out.toString();
  }
}
