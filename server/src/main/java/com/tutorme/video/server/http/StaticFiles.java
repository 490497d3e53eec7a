package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web client's files ({@link #WEB_CLIENT} in the web-client module), all read from the
 * classpath when the server starts and then served from memory: they are a few small files. So
 * a request for a file never waits on I/O, and one for a missing name, however many, costs a
 * map look-up.
 * Which files there are comes from the directory's {@code files.txt}, since a class loader
 * cannot list a directory; each is read as a resource, which works wherever the server is
 * embedded (a shaded jar, a jar inside a jar, a directory).
 */
public final class StaticFiles {
  /**
   * Where the web-client module puts its files on the classpath: a name of our own, since an
   * application embedding the server may well have a {@code web/} of its own that would win.
   */
  public static final String WEB_CLIENT = "com/tutorme/video/web";

  private static final Logger log = LoggerFactory.getLogger(StaticFiles.class);
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "mjs", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "json", "application/json; charset=utf-8");

  private final Map<String, StaticFile> files;

  /**
   * Reads the files {@code classpathRoot/files.txt} names; blocking, at start-up. Without that
   * list (an embedding without the web client) nothing is served; a listed file that cannot be
   * read is left out, with a warning, and the server starts all the same.
   */
  public StaticFiles(String classpathRoot) {
    this.files = Map.copyOf(readListed(classpathRoot));
  }

  /** A file's bytes and type. */
  public record StaticFile(byte[] bytes, String contentType) {}

  /** The file at a relative path ({@code classroom.js}), or 404 NOT_FOUND. */
  public CompletableFuture<StaticFile> get(String relativePath) {
    StaticFile file = files.get(relativePath);
    return file != null ? CompletableFuture.completedFuture(file)
        : CompletableFuture.failedFuture(new ApiException(ErrorCode.NOT_FOUND, "no such file"));
  }

  /** The names served; for tests. */
  Set<String> names() {
    return files.keySet();
  }

  private static Map<String, StaticFile> readListed(String root) {
    Map<String, StaticFile> files = new HashMap<>();
    try (InputStream list = resource(root + "/files.txt")) {
      if (list == null) {
        return files;
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(list,
          StandardCharsets.UTF_8));
      for (String line; (line = lines.readLine()) != null; ) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          read(root, name).ifPresent(file -> files.put(name, file));
        }
      }
    } catch (IOException e) {
      log.warn("cannot read the web client's list of files; serving none", e);
      files.clear();
    }
    return files;
  }

  private static Optional<StaticFile> read(String root, String name) {
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
    try (InputStream in = type == null ? null : resource(root + "/" + name)) {
      if (in == null) {
        log.warn("web client file {} is listed but {}; not served", name,
            type == null ? "of no served type" : "missing");
        return Optional.empty();
      }
      return Optional.of(new StaticFile(in.readAllBytes(), type));
    } catch (IOException e) {
      log.warn("cannot read web client file {}; not served", name, e);
      return Optional.empty();
    }
  }

  private static InputStream resource(String path) {
    return StaticFiles.class.getClassLoader().getResourceAsStream(path);
  }
}
