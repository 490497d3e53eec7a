package com.tutorme.video.server.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The relay at rising rates on the same pairs: from --rate, up by --rate each step of
 * --seconds, until p99 passes 50 ms, delivery falls under 99.9 %, or --max-rate is passed.
 * Reports every step and the last rate that held.
 */
final class RampScenario {
  static final double P99_LIMIT_MS = 50;
  static final double DELIVERY_LIMIT = 0.999;

  private final Options options;

  RampScenario(Options options) {
    this.options = options;
  }

  Report run() throws Exception {
    RelayScenario relay = new RelayScenario(options);
    List<RelayResult> steps = relay.run(pairs -> {
      List<RelayResult> results = new ArrayList<>();
      relay.leadIn(pairs, options.rate(), options.leadInSeconds());
      for (int rate = options.rate(); rate <= options.maxRate(); rate += options.rate()) {
        RelayResult step = relay.measure(pairs, rate, options.seconds());
        results.add(step);
        if (!holds(step)) {
          break;
        }
      }
      return results;
    });
    return report(steps);
  }

  /** Under both limits, and measured on every connection, with no message refused. */
  static boolean holds(RelayResult step) {
    return step.p99() <= P99_LIMIT_MS
        && step.delivered() >= DELIVERY_LIMIT * step.sent()
        && step.problems().isEmpty();
  }

  private Report report(List<RelayResult> steps) {
    int held = steps.stream().filter(RampScenario::holds).mapToInt(RelayResult::targetRate)
        .max().orElse(0);
    StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
        "ramp: %d pairs, +%d msg/s every %d s, until p99 > %.0f ms or delivery < 99.9 %%%n",
        options.pairs(), options.rate(), options.seconds(), P99_LIMIT_MS));
    List<Map<String, Object>> stepJson = new ArrayList<>();
    for (RelayResult step : steps) {
      summary.append(String.format(Locale.ROOT,
          "  %7d msg/s: delivered %.0f/s, lost %d, p99 %.2f ms, server %s ms CPU/1000%s%n",
          step.targetRate(), step.deliveredPerSecond(), step.lost(), step.p99(),
          step.serverCpuMsPer1000() < 0 ? "n/a"
              : String.format(Locale.ROOT, "%.1f", step.serverCpuMsPer1000()),
          holds(step) ? "" : "  <- did not hold"));
      for (String problem : step.problems()) {
        summary.append("           ").append(problem).append(System.lineSeparator());
      }
      stepJson.add(step.asJson());
    }
    // Every step held up to the highest rate asked for: the server's limit is further on.
    boolean capped = !steps.isEmpty() && holds(steps.get(steps.size() - 1));
    summary.append(String.format(Locale.ROOT, "  last rate that held: %d msg/s%s%n", held,
        capped ? " (--max-rate reached: the limit is higher)" : ""));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "ramp");
    json.put("pairs", options.pairs());
    json.put("lastRateThatHeld", held);
    json.put("maxRateReached", capped);
    json.put("generatorLoops", options.loops());
    json.put("steps", stepJson);
    List<String> problems = held > 0 ? List.of()
        : List.of("no step held, not even the first at " + options.rate() + " msg/s");
    return new Report(summary.toString(), json, problems);
  }
}
