package com.tutorme.video.server.loadtest;

import java.util.List;
import java.util.Map;

/**
 * A scenario's outcome: a summary for people, one JSON object for machines, and what went
 * wrong, if anything did, that makes its figures no measure of the server under load (the
 * generator then exits 1, after printing them).
 */
record Report(String summary, Map<String, Object> json, List<String> problems) {

  Report(String summary, Map<String, Object> json) {
    this(summary, json, List.of());
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
