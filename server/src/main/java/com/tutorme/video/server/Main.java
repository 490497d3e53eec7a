package com.tutorme.video.server;

import com.tutorme.video.server.dev.DemoLesson;
import com.tutorme.video.storage.DatabaseUnavailableException;
import com.tutorme.video.storage.SchemaMigrationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs the server from environment variables until SIGTERM or SIGINT, then stops it cleanly and
 * exits 0. A configuration or database problem at start-up is one error line and a non-zero
 * exit, not a stack trace.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  /** Exit status for a configuration error. */
  static final int EXIT_CONFIG = 2;
  /** Exit status when the database cannot be reached or migrated. */
  static final int EXIT_DATABASE = 3;
  /** Exit status when the port cannot be bound. */
  static final int EXIT_BIND = 4;

  private Main() {}

  /** How long a stop asked for during start-up waits for the server to be up. */
  static final Duration START_UP_GRACE = Duration.ofSeconds(10);

  /** What logback takes for LOG_LEVEL; it reads anything else as DEBUG, without a word. */
  private static final Set<String> LOG_LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF", "ALL");

  public static void main(String[] args) throws InterruptedException {
    NettyDefaults.apply();
    // Handling the signals ourselves, rather than in a shutdown hook, is what lets a requested
    // stop exit 0 instead of the JVM's 143; from the start, so that one during start-up (which
    // takes seconds on a loaded machine) stops the server as soon as it is up.
    StopSignals signals = new StopSignals(START_UP_GRACE, System::exit);
    Signal.handle(new Signal("TERM"), signal -> signals.signalled(StopSignals.EXIT_TERM));
    Signal.handle(new Signal("INT"), signal -> signals.signalled(StopSignals.EXIT_INT));
    TutorMeServer server;
    try {
      checkTheJarsOwnSettings(args, System.getenv("LOG_LEVEL"));
      ServerConfig config = ServerConfig.from(EnvFile.load(System.getenv()));
      server = TutorMeServer.start(config);
      log.info("TutorMe Video listening on http://{}:{} ({} transport, {} event loops), "
          + "database {}", config.host(), server.port(), server.transportName(),
          server.eventLoops(), config.database().describe());
      server.demoLesson().ifPresent(demo -> announceDevelopmentMode(demo, server.port()));
    } catch (ConfigException e) {
      log.error("configuration error: {}", e.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    } catch (DatabaseUnavailableException | SchemaMigrationException e) {
      log.error("{}", e.getMessage());
      System.exit(EXIT_DATABASE);
      return;
    } catch (ListenException e) {
      log.error("{}", e.getMessage());
      System.exit(EXIT_BIND);
      return;
    }

    signals.started();
    signals.await();
    log.info("stopping");
    server.close();
    System.exit(0);
  }

  /** What the runnable jar reads beside the server's settings: its arguments, LOG_LEVEL. */
  static void checkTheJarsOwnSettings(String[] args, String logLevel) {
    if (args.length > 0) {
      // scripts/run --port 9000 started on 8080 as if nothing had been said.
      throw new ConfigException("the server takes no arguments (got '" + String.join(" ", args)
          + "'): it is configured by environment variables, e.g. PORT=9000 (README)");
    }
    if (logLevel != null && !LOG_LEVELS.contains(logLevel.strip().toUpperCase(Locale.ROOT))) {
      throw new ConfigException("LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF"
          + " or ALL, got '" + logLevel + "'");
    }
  }

  private static void announceDevelopmentMode(DemoLesson demo, int port) {
    String base = "http://localhost:" + port;
    log.warn("DEVELOPMENT MODE: no JWT key is configured (JWT_SECRET, JWT_PUBLIC_KEY or "
        + "JWT_JWKS_URL), so tokens are signed with a random secret and /api/dev/demo hands "
        + "them to anyone who can reach this port. Never run it like this in production.");
    log.warn("demo lesson {}: open these two links in two browser tabs", demo.bookingId());
    log.warn("  student: {}", demo.url(base, demo.studentToken()));
    log.warn("  tutor:   {}", demo.url(base, demo.tutorToken()));
  }
}
