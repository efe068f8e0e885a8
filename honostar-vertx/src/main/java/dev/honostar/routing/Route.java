package dev.honostar.routing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a page or command an explicit path instead of the one its package implies.
 *
 * <pre>{@code
 * @Route("/sign-in")
 * public class LoginPage implements Page<LoginForm> { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Route {
  /** @return the absolute path, with {@code :name} parameters, e.g. {@code /issues/:id} */
  String value();
}
