package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The web client's files ({@code web/} in the web-client module), all read from the classpath
 * when the server starts and then served from memory: they are a few small files. So a request
 * for a file never waits on I/O, and one for a missing name, however many, costs a map look-up.
 */
public final class StaticFiles {
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

  /** Reads every file of a served type under {@code classpathRoot}; blocking, at start-up. */
  public StaticFiles(String classpathRoot) {
    this.files = Map.copyOf(readAll(classpathRoot));
  }

  /** A file's bytes and type. */
  public record StaticFile(byte[] bytes, String contentType) {}

  /** The file at a relative path ({@code static/app.js}), or 404 NOT_FOUND. */
  public CompletableFuture<StaticFile> get(String relativePath) {
    StaticFile file = files.get(relativePath);
    return file != null ? CompletableFuture.completedFuture(file)
        : CompletableFuture.failedFuture(new ApiException(ErrorCode.NOT_FOUND, "no such file"));
  }

  /** How many files are served; for tests. */
  int fileCount() {
    return files.size();
  }

  private static Map<String, StaticFile> readAll(String root) {
    URL url = StaticFiles.class.getClassLoader().getResource(root);
    if (url == null) {
      return Map.of(); // no web client on the classpath: an API-only embedding
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return readTree(Path.of(uri));
      }
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        return readTree(jar.getPath(root));
      } catch (FileSystemAlreadyExistsException e) { // opened by someone else: theirs to close
        return readTree(FileSystems.getFileSystem(uri).getPath(root));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the web client's files", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the web client's files: " + url, e);
    }
  }

  private static Map<String, StaticFile> readTree(Path root) throws IOException {
    Map<String, StaticFile> files = new HashMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String name = root.relativize(path).toString().replace('\\', '/');
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1)
            .toLowerCase(Locale.ROOT));
        if (type != null && Files.isRegularFile(path) && !name.startsWith(".")
            && !name.contains("/.")) {
          files.put(name, new StaticFile(Files.readAllBytes(path), type));
        }
      }
    }
    return files;
  }
}
