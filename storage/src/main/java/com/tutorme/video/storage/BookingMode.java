package com.tutorme.video.storage;

/** How a booked lesson takes place; only online lessons have a video session. */
public enum BookingMode {
  ONLINE,
  IN_PERSON
}
