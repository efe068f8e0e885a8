package dev.honostar.observability;

import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id of a request: in the {@value #HEADER} response header, in every log line about the request and on error
 * pages (as {@code @requestId}), so a user's report can be matched to the logs. A well-formed {@value #HEADER} from
 * the client or a proxy in front (letters, digits and {@code ._:-}, at most 64) is kept, so ids match across tiers;
 * anything else is replaced by a fresh random id.
 *
 * <pre>{@code
 * router.route().handler(ctx -> {
 *   log.info("exporting for request {}", RequestId.of(ctx));
 *   ctx.next();
 * });
 * }</pre>
 */
public final class RequestId {

  /** RoutingContext data key holding the id. */
  public static final String KEY = "honostar.requestId";
  /** The request and response header. */
  public static final String HEADER = "X-Request-Id";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestId() {
  }

  /**
   * @return the request's id, assigned (and put on the response, if it has not started) on the first call
   */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    if (id != null) {
      return id;
    }
    String incoming = ctx.request().getHeader(HEADER);
    id = incoming != null && VALID.matcher(incoming).matches() ? incoming : generate();
    ctx.put(KEY, id);
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader(HEADER, id);
    }
    return id;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** 128 random bits as 32 hex digits: unique enough to find one request, and no secret. Runs per request: no format(). */
  static String generate() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] out = new char[32];
    for (int half = 0; half < 2; half++) {
      long bits = r.nextLong();
      for (int i = 15; i >= 0; i--) {
        out[half * 16 + i] = HEX[(int) (bits & 0xf)];
        bits >>>= 4;
      }
    }
    return new String(out);
  }
}
