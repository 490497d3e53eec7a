package com.tutorme.video.server.auth;

import java.util.Locale;

/** What a user is, from the token's {@code role} claim; wire values are lower-case. */
public enum Role {
  STUDENT,
  TUTOR,
  /** May use any booking's session. */
  ADMIN,
  /** The booking backend: writes bookings, may use any booking's session. */
  SERVICE,
  /** A token without a role: an ordinary user, whose access comes from being in the booking. */
  USER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the role a wire name names may use any booking's session (admin, service). */
  public static boolean isPrivileged(String wireName) {
    return ADMIN.wireName().equals(wireName) || SERVICE.wireName().equals(wireName);
  }

  /** The role a claim names; null means {@link #USER}; anything unknown is refused. */
  static Role fromClaim(String claim) throws InvalidTokenException {
    if (claim == null) {
      return USER;
    }
    for (Role role : values()) {
      if (role.wireName().equals(claim)) {
        return role;
      }
    }
    throw new InvalidTokenException("unknown role");
  }
}
