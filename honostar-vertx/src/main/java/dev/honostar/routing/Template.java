package dev.honostar.routing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a page's or layout's template explicitly (relative to the templates root, without
 * {@code .hbs}) instead of the one its path implies.
 *
 * <pre>{@code
 * @Template("issues/list")
 * public class IssuesPage implements Page<IssueList> { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Template {
  String value();
}
