package com.tutorme.video.storage;

/** Where a booking stands in the booking backend's life cycle. */
public enum BookingStatus {
  PENDING,
  CONFIRMED,
  COMPLETED,
  CANCELLED
}
