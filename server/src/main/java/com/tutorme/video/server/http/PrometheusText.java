package com.tutorme.video.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Metrics in Prometheus's text exposition format (version 0.0.4), which Prometheus and most
 * other collectors scrape: one family after another, each with its help and type lines.
 */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder text = new StringBuilder(2048);

  /** A value that goes up and down. */
  public PrometheusText gauge(String name, String help, double value) {
    return family(name, help, "gauge").sample(name, "", value);
  }

  /** A count since the server started. */
  public PrometheusText counter(String name, String help, double value) {
    return family(name, help, "counter").sample(name, "", value);
  }

  /** The help and type lines of a family whose samples follow, e.g. one per label value. */
  public PrometheusText family(String name, String help, String type) {
    text.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /**
   * One sample; {@code labels} as written between the braces ({@code code="4001"}), or empty.
   * Label values here are our own words, never a client's, so they need no escaping.
   */
  public PrometheusText sample(String name, String labels, double value) {
    text.append(name);
    if (!labels.isEmpty()) {
      text.append('{').append(labels).append('}');
    }
    text.append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      text.append((long) value);
    } else {
      text.append(String.format(Locale.ROOT, "%.6g", value));
    }
    text.append('\n');
    return this;
  }

  public byte[] bytes() {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
