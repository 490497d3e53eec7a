package com.tutorme.video.protocol;

/** Who sent a relayed message; stamped by the server, never taken from the client. */
public record Sender(String peerId, String userId, String role) {}
