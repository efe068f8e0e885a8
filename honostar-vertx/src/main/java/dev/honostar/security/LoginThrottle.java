package dev.honostar.security;

import dev.honostar.page.HaltException;
import dev.honostar.security.impl.LoginThrottleImpl;
import io.vertx.ext.web.RoutingContext;

/**
 * Slows down password guessing, per account and per client address. After
 * {@code loginFreeAttempts} wrong passwords for one account (or {@code loginFreeAttemptsPerAddress}
 * from one address, whatever the account), each further attempt must wait, twice as long after
 * every failure (1 s, 2 s, 4 s, ...) but never more than {@code loginMaxDelaySeconds} (60): an
 * attacker gets about one guess a minute, and a real user locked out by someone else's guessing
 * waits at most that long. A success clears the account's failures; failures are forgotten
 * {@code loginWindowSeconds} after the last one. Thread-safe, per node, bounded memory.
 *
 * <pre>{@code
 * LoginThrottle throttle = LoginThrottle.create(options.getSecurity());   // one per app
 *
 * LoginThrottle.Attempt attempt = throttle.begin(ctx.routingContext(), email); // 429 + Retry-After when too early
 * if (passwordMatches) { attempt.succeeded(); signIn(); } else { attempt.failed(); showError(); }
 * }</pre>
 */
public interface LoginThrottle {

  static LoginThrottle create(SecurityOptions options) {
    return new LoginThrottleImpl(options, System::nanoTime);
  }

  /** One login attempt, to be reported as failed or succeeded once the password was checked. */
  interface Attempt {
    void failed();

    void succeeded();
  }

  /**
   * @return seconds until an attempt for {@code account} from {@code address} may be checked;
   *     0 when it may now
   */
  long retryAfterSeconds(String account, String address);

  /**
   * Starts an attempt for {@code account} (compared without case) from the request's client
   * address (see {@link SecurityHandlers#clientAddress}).
   *
   * @throws HaltException a 429 whose message says how long to wait, with {@code Retry-After}
   *     already on the response, when the attempt comes too early; the password must then not be
   *     checked
   */
  Attempt begin(RoutingContext ctx, String account);
}
