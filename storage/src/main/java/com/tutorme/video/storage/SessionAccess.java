package com.tutorme.video.storage;

/** A session with the booking it belongs to: what a join needs to decide, read at once. */
public record SessionAccess(VideoSession session, Booking booking) {}
