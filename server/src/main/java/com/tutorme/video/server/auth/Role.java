package com.tutorme.video.server.auth;

/** Stub until the auth branch lands. */
public enum Role { STUDENT, TUTOR, ADMIN, SERVICE }
