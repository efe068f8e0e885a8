package dev.honostar.view;

/**
 * Maps an asset name such as {@code honostar/honostar.css} to the URL a page should use, normally a
 * content-hashed one; used by the {@code asset} helper. {@link AssetHandler} implements it.
 *
 * <pre>{@code
 * AssetResolver plain = name -> "/static/" + name;
 * }</pre>
 */
@FunctionalInterface
public interface AssetResolver {

  /**
   * @param name asset name relative to the asset roots, e.g. {@code honostar/honostar.js}
   * @return the URL, not HTML-escaped
   * @throws IllegalArgumentException if the asset is unknown
   */
  String url(String name);
}
