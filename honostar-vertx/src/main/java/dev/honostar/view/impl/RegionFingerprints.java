package dev.honostar.view.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a page rendered of its regions, as fingerprints: the {@code {{region}}} helper records
 * each region it renders, and the live element hands them to the stream, which then does not
 * send a tab a region it already shows (the region's render on the hub has the same
 * fingerprint). A stale or forged fingerprint only means the region is sent, as before.
 *
 * <pre>{@code
 * String fp = RegionFingerprints.of("<ul id=\"rows\"><li id=\"r1\">one</li></ul>");
 * }</pre>
 */
public final class RegionFingerprints {

  /** The render data entry that holds a page render's instance. */
  public static final String DATA = "hs.regionFingerprints";
  /** Regions recorded per page at most: the signal stays small whatever a template does. */
  public static final int MAX_REGIONS = 32;
  /** Length of a fingerprint: 12 bytes of SHA-256, base64url. */
  public static final int LENGTH = 16;

  private final Map<String, String> byRegion = new LinkedHashMap<>();

  /** Records a region as the page rendered it; a region rendered twice keeps its first render. */
  public void record(String region, String html) {
    if (byRegion.size() < MAX_REGIONS) {
      byRegion.putIfAbsent(region, of(html));
    }
  }

  /** @return region name to fingerprint, in render order */
  public Map<String, String> all() {
    return Collections.unmodifiableMap(byRegion);
  }

  /** @return the fingerprint of a region's HTML, surrounding whitespace ignored */
  public static String of(String html) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    byte[] digest = sha.digest(html.strip().getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
  }
}
