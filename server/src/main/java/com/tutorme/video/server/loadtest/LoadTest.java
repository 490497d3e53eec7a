package com.tutorme.video.server.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tutorme.video.server.NettyDefaults;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/** {@code scripts/loadtest}: runs one scenario against a running server and reports it. */
public final class LoadTest {
  private LoadTest() {}

  public static void main(String[] args) throws Exception {
    NettyDefaults.apply(); // no leak-detector stack traces in the generator either
    Options options;
    try {
      options = Options.parse(args);
      OpenFiles.checkRoomFor(options.connectionsMade());
    } catch (Options.UsageException e) {
      if (e.getMessage() != null) {
        System.err.println("loadtest: " + e.getMessage() + " (see --help)");
        System.exit(2);
      }
      System.out.print(Options.HELP);
      System.exit(0);
      return;
    }
    // One scenario for every run: join-storm leads in on its first run only.
    Callable<Report> scenario = switch (options.scenario()) {
      case "join-storm" -> new JoinStormScenario(options)::run;
      case "idle" -> new IdleScenario(options)::run;
      case "ramp" -> new RampScenario(options)::run;
      default -> () -> new RelayScenario(options).run().asReport();
    };
    List<String> problems = new ArrayList<>();
    try {
      for (int run = 0; run < options.runs(); run++) {
        Report report = scenario.call();
        System.out.print(report.summary());
        Map<String, Object> json = new LinkedHashMap<>(report.json());
        json.put("problems", report.problems());
        System.out.println(new ObjectMapper().writeValueAsString(json));
        problems.addAll(report.problems());
      }
    } catch (Exception e) {
      System.err.println("loadtest: " + explain(e, options));
      if (!expected(e)) {
        e.printStackTrace(); // a fault of the generator's own: where it was matters
      }
      System.exit(1);
    }
    // After every run's figures, which are printed whatever they are: said once more here,
    // and in the exit status, so that a script does not take them for the server's.
    for (String problem : problems) {
      System.err.println("loadtest: " + problem);
    }
    System.exit(problems.isEmpty() ? 0 : 1);
  }

  /** One line for a failed run, rather than a stack trace (futures wrap what went wrong). */
  static String explain(Throwable failure, Options options) {
    int depth = 0;
    for (Throwable cause = failure; cause != null && depth++ < 32; cause = cause.getCause()) {
      // The JDK's HTTP client wraps it in a ConnectException; said before that is.
      if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
        return "cannot resolve the host of " + options.server() + ": check --server";
      }
    }
    depth = 0;
    for (Throwable cause = failure; cause != null && depth++ < 32; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        String detail = cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        if (cause instanceof ConnectTimeoutException
            || cause.getMessage() != null && !cause.getMessage().contains("refused")) {
          // Not answered in time (a backlog full, a host away), or no ports left here.
          return "could not connect to " + options.server() + detail;
        }
        return "nothing answers at " + options.server() + detail + (options.bare()
            ? "; start the bare relay (" + bareRelayAdvice(options.server())
            : "; start the server (scripts/run) or pass --server");
      }
    }
    return "the run failed: " + rootOf(failure);
  }

  /**
   * How to start the bare relay where {@code server} points; on its default port instead when
   * that is a port only root may take (none given: 80), which the relay need not have.
   */
  private static String bareRelayAdvice(String server) {
    int port = URI.create(server).getPort();
    if (port >= 1024) {
      return "scripts/loadtest bare-relay " + port + "; it listens on 127.0.0.1) or pass"
          + " --server where it runs (its default port is " + BareRelay.DEFAULT_PORT + ")";
    }
    return "scripts/loadtest bare-relay; it listens on 127.0.0.1:" + BareRelay.DEFAULT_PORT
        + ") and pass --server http://127.0.0.1:" + BareRelay.DEFAULT_PORT;
  }

  /** A failure of the server or the network, not of the generator's own code. */
  static boolean expected(Throwable failure) {
    Throwable root = rootOf(failure);
    return root instanceof IOException || root instanceof TimeoutException
        || root instanceof UnresolvedAddressException // Netty's unknown host
        || root instanceof WsPeer.Failure; // a join refused, a connection closed
  }

  private static Throwable rootOf(Throwable failure) {
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && depth < 32; depth++) { // a cycle ends too
      root = root.getCause();
    }
    return root;
  }
}
