package com.tutorme.video.server.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tutorme.video.server.NettyDefaults;
import java.net.ConnectException;

/** {@code scripts/loadtest}: runs one scenario against a running server and reports it. */
public final class LoadTest {
  private LoadTest() {}

  public static void main(String[] args) throws Exception {
    NettyDefaults.apply(); // no leak-detector stack traces in the generator either
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.UsageException e) {
      if (e.getMessage() != null) {
        System.err.println("loadtest: " + e.getMessage() + " (see --help)");
        System.exit(2);
      }
      System.out.print(Options.HELP);
      System.exit(0);
      return;
    }
    try {
      for (int run = 0; run < options.runs(); run++) {
        Report report = switch (options.scenario()) {
          case "join-storm" -> new JoinStormScenario(options).run();
          case "idle" -> new IdleScenario(options).run();
          case "ramp" -> new RampScenario(options).run();
          default -> new RelayScenario(options).run().asReport();
        };
        System.out.print(report.summary());
        System.out.println(new ObjectMapper().writeValueAsString(report.json()));
      }
    } catch (Exception e) {
      System.err.println("loadtest: " + explain(e, options));
      System.exit(1);
    }
    System.exit(0);
  }

  /** One line for a failed run, rather than a stack trace (futures wrap what went wrong). */
  static String explain(Throwable failure, Options options) {
    Throwable root = failure;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "nothing answers at " + options.server()
            + (options.bare() ? " (start it with scripts/loadtest bare-relay)"
                : "; start the server (scripts/run) or pass --server");
      }
      root = cause;
    }
    return "the run failed: " + root;
  }
}
