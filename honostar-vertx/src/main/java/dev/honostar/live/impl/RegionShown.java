package dev.honostar.live.impl;

import dev.honostar.view.impl.RegionFingerprints;

import java.util.Map;

/**
 * A region as a tab shows it after receiving it whole: its name and HTML, with the fingerprint
 * computed only when a joining tab presents one to compare ({@link RegionFingerprints}).
 */
final class RegionShown {

  private final String region;
  private final String html;
  /** Racing event loops may both compute it, with equal results. */
  private volatile String fingerprint;

  RegionShown(String region, String html) {
    this.region = region;
    this.html = html;
  }

  String region() {
    return region;
  }

  /** @return whether the page the tab loaded rendered this region exactly so */
  boolean shownIn(Map<String, String> pageFingerprints) {
    String theirs = pageFingerprints.get(region);
    if (theirs == null) {
      return false;
    }
    String fp = fingerprint;
    if (fp == null) {
      fp = RegionFingerprints.of(html);
      fingerprint = fp;
    }
    return fp.equals(theirs);
  }
}
