package dev.honostar.view.impl;

import dev.honostar.view.AssetHandler;
import dev.honostar.view.ViewOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** In-memory, content-hashed static assets. Lookups are exact map hits, so no path can escape a root. */
public final class AssetHandlerImpl implements AssetHandler {

  private record Asset(String name, String hashedName, Buffer content, String contentType, String etag) {
  }

  private final String prefix;
  /** Unhashed name to asset. */
  private final Map<String, Asset> byName;
  /** Request path (hashed or not) to asset and whether it is the immutable variant. */
  private final Map<String, Asset> byHashed;

  private AssetHandlerImpl(String prefix, Map<String, Asset> byName) {
    this.prefix = prefix;
    this.byName = Collections.unmodifiableMap(byName);
    Map<String, Asset> hashed = new HashMap<>();
    byName.values().forEach(a -> hashed.put(a.hashedName(), a));
    this.byHashed = Collections.unmodifiableMap(hashed);
  }

  public static Future<AssetHandler> create(Vertx vertx, ViewOptions options) {
    ViewOptions opts = new ViewOptions(options);
    ClassLoader appLoader = ViewEngineImpl.appClassLoader();
    return vertx.executeBlocking(() -> {
      Map<String, Asset> assets = new TreeMap<>();
      ClassLoader cl = AssetHandlerImpl.class.getClassLoader();
      ResourceScanner.classpath(cl, ViewEngineImpl.FRAMEWORK_ROOT).forEach((path, f) -> {
        // Templates are compiled by the engine, not served.
        if (!path.endsWith(ViewOptions.EXTENSION)) {
          add(assets, "honostar/" + path, f.content());
        }
      });
      Map<String, ResourceScanner.Found> app = opts.getAssetsDir() != null
          ? ResourceScanner.directory(Paths.get(opts.getAssetsDir()))
          : ResourceScanner.classpath(appLoader, opts.getAssetsRoot());
      app.forEach((path, f) -> {
        // honostar/ is the framework's namespace.
        if (!path.startsWith("honostar/")) {
          add(assets, path, f.content());
        }
      });
      if (opts.getDatastarFile() != null) {
        add(assets, ViewOptions.SELF_HOSTED_DATASTAR, readDatastarFile(opts.getDatastarFile()));
      }
      return (AssetHandler) new AssetHandlerImpl(opts.getAssetsPath(), assets);
    }, false);
  }

  private static byte[] readDatastarFile(String file) {
    try {
      return Files.readAllBytes(Paths.get(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Cannot read the self-hosted Datastar runtime (HONOSTAR_VIEW_DATASTAR_FILE, datastarFile) at "
          + file + ": " + e, e);
    }
  }

  private static void add(Map<String, Asset> assets, String name, byte[] content) {
    String hash = hash(content);
    String type = MimeMapping.mimeTypeForFilename(name);
    if (type == null) {
      type = "application/octet-stream";
    } else if (type.startsWith("text/") || type.equals("application/javascript") || type.equals("application/json")
        || type.equals("image/svg+xml")) {
      type = type + "; charset=utf-8";
    }
    assets.put(name, new Asset(name, hashedName(name, hash), Buffer.buffer(content), type, "\"" + hash + "\""));
  }

  /** {@code a/b/app.min.css} becomes {@code a/b/app.min.<hash>.css}; a name without extension gets a suffix. */
  static String hashedName(String name, String hash) {
    int slash = name.lastIndexOf('/');
    int dot = name.lastIndexOf('.');
    if (dot <= slash + 1) {
      return name + "." + hash;
    }
    return name.substring(0, dot) + "." + hash + name.substring(dot);
  }

  static String hash(byte[] content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String url(String name) {
    Asset a = byName.get(name.startsWith("/") ? name.substring(1) : name);
    if (a == null) {
      throw new IllegalArgumentException("Unknown asset '" + name + "'");
    }
    return prefix + a.hashedName();
  }

  @Override
  public Set<String> names() {
    return byName.keySet();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      ctx.next();
      return;
    }
    String name = ctx.pathParam("*");
    if (name == null) {
      String path = ctx.normalizedPath();
      name = path.startsWith(prefix) ? path.substring(prefix.length()) : null;
    }
    Asset asset = null;
    boolean immutable = false;
    if (name != null) {
      asset = byHashed.get(name);
      immutable = asset != null;
      if (asset == null) {
        asset = byName.get(name);
      }
    }
    if (asset == null) {
      ctx.fail(404);
      return;
    }
    HttpServerResponse res = ctx.response();
    res.putHeader(HttpHeaders.CACHE_CONTROL, immutable ? IMMUTABLE : NO_CACHE)
        .putHeader(HttpHeaders.ETAG, asset.etag())
        .putHeader("X-Content-Type-Options", "nosniff");
    String ifNoneMatch = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && ifNoneMatch.contains(asset.etag())) {
      res.setStatusCode(304).end();
      return;
    }
    res.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType())
        .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(asset.content().length()));
    if (method == HttpMethod.HEAD) {
      res.end();
    } else {
      res.end(asset.content());
    }
  }
}
