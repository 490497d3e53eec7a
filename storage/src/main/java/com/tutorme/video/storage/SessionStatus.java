package com.tutorme.video.storage;

/** Whether a video session can still be joined. */
public enum SessionStatus {
  ACTIVE,
  ENDED
}
