package com.tutorme.video.server.auth;

import java.util.Objects;

/** The authenticated caller: user id (the token's {@code sub}), display name and role. */
public record Principal(String userId, String name, Role role) {

  public Principal {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
    name = name == null || name.isBlank() ? userId : name;
  }

  /** Admins and the booking backend may use any booking's session. */
  public boolean isPrivileged() {
    return role == Role.ADMIN || role == Role.SERVICE;
  }
}
