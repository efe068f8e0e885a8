package dev.honostar.protocol.compression;

/**
 * Combines the CRC-32 and Adler-32 checksums of two byte sequences into the checksum of their
 * concatenation, knowing only the second one's length. A shared event's checksum is computed
 * once; each stream then folds it into its running trailer checksum in constant time instead
 * of reading the event's bytes again.
 */
final class Checksums {

  /** CRC-32 (gzip) polynomial, bit-reversed. */
  private static final int POLY = 0xEDB88320;
  private static final int ADLER_BASE = 65521;
  /** {@code X2N[k]} = x^(2^k) modulo the polynomial, in the reflected bit order (bit 31 = x^0). */
  private static final int[] X2N = new int[32];

  static {
    int p = 1 << 30; // x^1
    for (int k = 0; k < 32; k++) {
      X2N[k] = p;
      p = multiply(p, p);
    }
  }

  private Checksums() {
  }

  /** @return a·b modulo the CRC-32 polynomial */
  static int multiply(int a, int b) {
    int product = 0;
    for (int m = 1 << 31; m != 0; m >>>= 1) {
      if ((a & m) != 0) {
        product ^= b;
      }
      b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
    }
    return product;
  }

  /**
   * @return the operator that shifts a CRC past {@code length} bytes: x^(8·length) modulo the
   *     polynomial; pass it to {@link #crc32Combine(int, int, int)}
   */
  static int crc32Shift(long length) {
    int p = 1 << 31; // x^0
    int k = 3; // 8 bits per byte: start at x^(2^3)
    for (long n = length; n != 0; n >>>= 1, k++) {
      if ((n & 1) != 0) {
        p = multiply(X2N[k & 31], p);
      }
    }
    return p;
  }

  /** @return the CRC-32 of A followed by B, from crc(A), crc(B) and {@link #crc32Shift} of B's length */
  static int crc32Combine(int crcA, int crcB, int shiftB) {
    return multiply(shiftB, crcA) ^ crcB;
  }

  /** @return the Adler-32 of A followed by B, from adler(A), adler(B) and B's length */
  static int adler32Combine(int adlerA, int adlerB, long lengthB) {
    long a1 = adlerA & 0xffff;
    long b1 = (adlerA >>> 16) & 0xffff;
    long a2 = adlerB & 0xffff;
    long b2 = (adlerB >>> 16) & 0xffff;
    long n = lengthB % ADLER_BASE;
    // adler = 1 + Σ bytes; its high half sums the running low half after each byte.
    long a = (a1 + a2 + ADLER_BASE - 1) % ADLER_BASE;
    long b = (b1 + b2 + n * ((a1 + ADLER_BASE - 1) % ADLER_BASE)) % ADLER_BASE;
    return (int) ((b << 16) | a);
  }
}
