package dev.honostar.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A fixed byte string found with Boyer-Moore-Horspool: most bytes of a patch are skipped, not compared. */
final class BytePattern {

  final byte[] bytes;
  private final int[] shift = new int[256];

  BytePattern(String text) {
    bytes = text.getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(shift, bytes.length);
    for (int i = 0; i < bytes.length - 1; i++) {
      shift[bytes[i] & 0xff] = bytes.length - 1 - i;
    }
  }

  int length() {
    return bytes.length;
  }

  /** @return the index of the pattern in {@code a[from, end)}, or -1 */
  int indexOf(byte[] a, int from, int end) {
    int m = bytes.length;
    byte lastOfPattern = bytes[m - 1];
    int i = from;
    while (i <= end - m) {
      byte last = a[i + m - 1];
      if (last == lastOfPattern) {
        int j = m - 2;
        while (j >= 0 && a[i + j] == bytes[j]) {
          j--;
        }
        if (j < 0) {
          return i;
        }
      }
      i += shift[last & 0xff];
    }
    return -1;
  }
}
