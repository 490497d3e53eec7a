package com.tutorme.video.server.auth;

import java.util.regex.Pattern;

/**
 * What a user id may be, wherever one arrives: a token's {@code sub}, a booking's student or
 * tutor, a dev token's {@code userId}. One rule, so a user a token names can always be one a
 * booking names. Ids come from the identity provider (cuid, uuid, e-mail, {@code auth0|…}):
 * ASCII letters and digits ({@code \p{Alnum}} is ASCII in Java) and a few separators, bounded,
 * and never a space.
 */
public final class UserIds {
  private static final Pattern USER_ID = Pattern.compile("[\\p{Alnum}._:@|+-]{1,128}");

  /** The rule in words, for error messages: "{@code sub must be} " + RULE. */
  public static final String RULE =
      "1 to 128 characters of letters, digits, '.', '_', ':', '@', '|', '+' or '-'";

  private UserIds() {}

  public static boolean isValid(String userId) {
    return userId != null && USER_ID.matcher(userId).matches();
  }
}
