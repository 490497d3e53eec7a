package com.tutorme.video.protocol;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF), as a WebSocket text message must be. Signaling messages are almost all
 * ASCII, so an ASCII byte costs one comparison.
 */
public final class Utf8 {
  private Utf8() {}

  public static boolean isValid(byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int lead = bytes[i];
      if (lead >= 0) {
        i++;
        continue;
      }
      lead &= 0xFF;
      if (lead < 0xC2) {
        return false; // a continuation byte where a character starts, or overlong (C0, C1)
      } else if (lead < 0xE0) {
        if (end - i < 2 || !isContinuation(bytes[i + 1])) {
          return false;
        }
        i += 2;
      } else if (lead < 0xF0) {
        if (end - i < 3) {
          return false;
        }
        int second = bytes[i + 1] & 0xFF;
        if ((lead == 0xE0 && second < 0xA0) // overlong
            || (lead == 0xED && second > 0x9F) // a surrogate, U+D800..U+DFFF
            || !isContinuation(second) || !isContinuation(bytes[i + 2])) {
          return false;
        }
        i += 3;
      } else if (lead < 0xF5) {
        if (end - i < 4) {
          return false;
        }
        int second = bytes[i + 1] & 0xFF;
        if ((lead == 0xF0 && second < 0x90) // overlong
            || (lead == 0xF4 && second > 0x8F) // above U+10FFFF
            || !isContinuation(second) || !isContinuation(bytes[i + 2])
            || !isContinuation(bytes[i + 3])) {
          return false;
        }
        i += 4;
      } else {
        return false; // F5..FF never appear in UTF-8
      }
    }
    return true;
  }

  private static boolean isContinuation(int value) {
    return (value & 0xC0) == 0x80;
  }
}
