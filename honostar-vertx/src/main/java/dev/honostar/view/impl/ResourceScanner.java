package dev.honostar.view.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists and reads every file under a classpath folder or a filesystem folder. Blocking: call at
 * startup or from {@code executeBlocking} only.
 */
public final class ResourceScanner {

  /** A file found under a root: path relative to the root with '/' separators. */
  public record Found(String path, byte[] content, long lastModified) {
  }

  private ResourceScanner() {
  }

  /** Normalises a classpath root to {@code a/b/} (no leading slash, one trailing slash; empty for the root). */
  public static String normalizeRoot(String root) {
    String r = root.replace('\\', '/');
    while (r.startsWith("/")) r = r.substring(1);
    if (!r.isEmpty() && !r.endsWith("/")) r = r + "/";
    return r;
  }

  /**
   * Every file under a classpath folder. When several classpath entries hold the same path, the first
   * one wins, as with {@link ClassLoader#getResource}.
   */
  public static Map<String, Found> classpath(ClassLoader loader, String root) {
    String r = normalizeRoot(root);
    if (r.isEmpty()) {
      throw new IllegalArgumentException("Refusing to scan the whole classpath; give a folder");
    }
    Map<String, Found> out = new TreeMap<>();
    try {
      Enumeration<URL> urls = loader.getResources(r.substring(0, r.length() - 1));
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        Map<String, Found> found;
        if ("file".equals(url.getProtocol())) {
          found = directory(Paths.get(url.toURI()));
        } else if ("jar".equals(url.getProtocol())) {
          found = jar(url, r);
        } else {
          continue;
        }
        found.forEach(out::putIfAbsent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** Every regular file under a filesystem folder; an absent folder yields nothing. */
  public static Map<String, Found> directory(Path dir) {
    Map<String, Found> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        out.put(rel, new Found(rel, Files.readAllBytes(p), Files.getLastModifiedTime(p).toMillis()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Fingerprint (modification time and size) of every file under a folder, for dev reload checks. */
  public static Map<String, String> fingerprint(Path dir) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.put(dir.relativize(p).toString().replace('\\', '/'),
            Files.getLastModifiedTime(p).toMillis() + ":" + Files.size(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Map<String, Found> jar(URL url, String root) throws IOException {
    Map<String, Found> out = new LinkedHashMap<>();
    JarURLConnection conn = (JarURLConnection) url.openConnection();
    // The JarFile is shared with the class loader's cache: do not close it.
    JarFile jar = conn.getJarFile();
    Enumeration<JarEntry> entries = jar.entries();
    while (entries.hasMoreElements()) {
      JarEntry e = entries.nextElement();
      if (e.isDirectory() || !e.getName().startsWith(root)) continue;
      String rel = e.getName().substring(root.length());
      try (InputStream in = jar.getInputStream(e)) {
        out.put(rel, new Found(rel, in.readAllBytes(), e.getTime()));
      }
    }
    return out;
  }
}
