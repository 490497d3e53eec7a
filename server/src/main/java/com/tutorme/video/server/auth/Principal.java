package com.tutorme.video.server.auth;

/** Stub until the auth branch lands. */
public record Principal(String userId, String name, Role role) {
  public boolean isPrivileged() {
    return role == Role.ADMIN || role == Role.SERVICE;
  }
}
