package com.tutorme.video.storage.jdbi;

import com.tutorme.video.storage.DatabaseUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;
import org.jdbi.v3.core.ConnectionException;

/**
 * Tells a database that cannot be reached apart from every other failure, so the API can answer
 * 503 for the first and keep 500 for real bugs.
 */
final class Failures {
  private static final String UNIQUE_VIOLATION = "23505";
  /** A statement cancelled, here by its query timeout (PostgreSQL and H2 alike). */
  private static final String QUERY_CANCELED = "57014";

  private Failures() {}

  /** Runs the work, turning a lost or unobtainable connection into DatabaseUnavailable. */
  static <T> T translate(Supplier<T> work) {
    try {
      return work.get();
    } catch (DatabaseUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (isTimeout(e)) {
        throw new DatabaseUnavailableException("database unavailable: it did not answer within "
            + Database.QUERY_TIMEOUT_SECONDS + " s", e);
      }
      if (isConnectionFailure(e)) {
        throw new DatabaseUnavailableException("database unavailable: " + rootMessage(e), e);
      }
      throw e;
    }
  }

  /** A statement that ran out of its time: the database is there, but not answering. */
  static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTimeoutException
          || t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static boolean isConnectionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException) {
        return true;
      }
      // SQL state class 08: connection exception (SQL standard; PostgreSQL and H2 both use it).
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
      // H2 reports a closed database as 90098/90121, without class 08.
      if (t instanceof SQLException sql && (sql.getErrorCode() == 90098
          || sql.getErrorCode() == 90121)) {
        return true;
      }
    }
    return false;
  }

  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : firstLine(message);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
