package com.tutorme.video.server.loadtest;

import java.util.Map;

/** A scenario's outcome: a summary for people and one JSON object for machines. */
record Report(String summary, Map<String, Object> json) {

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
