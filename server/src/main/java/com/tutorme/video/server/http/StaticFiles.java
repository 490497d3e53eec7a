package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.server.BlockingExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web client's files, read once from the classpath ({@code web/} in the web-client module)
 * off the event loop, then kept in memory: they are a few small files. Misses are not kept:
 * their names come from whoever asks, and would grow the map without bound.
 */
public final class StaticFiles {
  /** Safe relative paths only: no "..", no backslashes, no hidden files. */
  private static final Pattern SAFE_PATH =
      Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "mjs", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "json", "application/json; charset=utf-8");

  private final String root;
  private final Map<String, StaticFile> cache = new ConcurrentHashMap<>();

  public StaticFiles(String classpathRoot) {
    this.root = classpathRoot;
  }

  /** A file's bytes and type; {@code null} bytes never happen. */
  public record StaticFile(byte[] bytes, String contentType) {}

  /**
   * The file at a relative path, or 404 NOT_FOUND. The first read of a file is classpath
   * I/O, so it runs on the blocking executor; later reads come from memory on the caller.
   */
  public CompletableFuture<StaticFile> get(String relativePath, BlockingExecutor blocking) {
    StaticFile cached = cache.get(relativePath);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return blocking.submit(() -> get(relativePath));
  }

  /** The file at a relative path, or 404 NOT_FOUND; may read the classpath. */
  StaticFile get(String relativePath) {
    if (!SAFE_PATH.matcher(relativePath).matches()) {
      throw new ApiException(ErrorCode.NOT_FOUND, "no such file");
    }
    StaticFile file = cache.get(relativePath);
    if (file == null) {
      file = load(relativePath)
          .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such file"));
      cache.putIfAbsent(relativePath, file);
    }
    return file;
  }

  /** How many files are kept in memory; for tests. */
  int cachedFiles() {
    return cache.size();
  }

  private Optional<StaticFile> load(String relativePath) {
    String extension = relativePath.substring(relativePath.lastIndexOf('.') + 1)
        .toLowerCase(Locale.ROOT);
    String type = TYPES.get(extension);
    if (type == null) {
      return Optional.empty();
    }
    try (InputStream in = StaticFiles.class.getClassLoader()
        .getResourceAsStream(root + "/" + relativePath)) {
      return in == null ? Optional.empty() : Optional.of(new StaticFile(in.readAllBytes(), type));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
