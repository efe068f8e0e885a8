package dev.honostar.test;

/**
 * A Datastar expression the kit cannot evaluate without a JavaScript engine: it understands
 * {@code @get/@post/@put/@patch/@delete('url', {options})} with literal arguments and
 * {@code $signal = literal} assignments, separated by {@code ;}. Anything else fails with this
 * exception, naming the element and the expression.
 */
public class UnsupportedExpressionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public UnsupportedExpressionException(String message) {
    super(message);
  }
}
