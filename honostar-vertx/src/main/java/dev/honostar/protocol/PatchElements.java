package dev.honostar.protocol;

import java.util.Objects;

/**
 * Patches HTML elements into the page ({@code datastar-patch-elements}).
 *
 * <p>Without a selector, each top-level element is matched by its {@code id} and morphed
 * ({@link PatchMode#OUTER}). Options equal to their defaults are never written.
 *
 * <pre>{@code
 * // morph #issues-list into its new state
 * PatchElements.of(html);
 * // add a row at the end of a table body
 * PatchElements.of("<tr id=\"row-7\">…</tr>").selector("#rows").mode(PatchMode.APPEND);
 * // remove elements
 * PatchElements.remove("#toast-3");
 * }</pre>
 */
public final class PatchElements extends BaseEvent<PatchElements> implements DatastarEvent {

  private final String elements;
  private String selector;
  private PatchMode mode = PatchMode.DEFAULT;
  private ElementNamespace namespace = ElementNamespace.HTML;
  private boolean useViewTransition;
  private String viewTransitionSelector;

  private PatchElements(String elements) {
    this.elements = elements;
  }

  /**
   * @param elements one or more complete HTML elements; multi-line HTML is sent line by line
   */
  public static PatchElements of(String elements) {
    Objects.requireNonNull(elements, "elements");
    return new PatchElements(elements);
  }

  /** Removes the elements matching {@code selector}. */
  public static PatchElements remove(String selector) {
    return new PatchElements(null).selector(Objects.requireNonNull(selector, "selector")).mode(PatchMode.REMOVE);
  }

  /** Targets the elements matching a CSS selector instead of matching by id. */
  public PatchElements selector(String selector) {
    this.selector = selector == null || selector.isEmpty() ? null : Wire.selector(selector);
    return this;
  }

  /** Sets how elements are applied; {@link PatchMode#OUTER} by default. */
  public PatchElements mode(PatchMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Parses the elements as SVG or MathML instead of HTML. */
  public PatchElements namespace(ElementNamespace namespace) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    return this;
  }

  /** Applies the patch inside a view transition where the browser supports them. */
  public PatchElements useViewTransition(boolean useViewTransition) {
    this.useViewTransition = useViewTransition;
    return this;
  }

  /** Scopes the view transition to the element matching {@code selector}. */
  public PatchElements viewTransitionSelector(String selector) {
    this.viewTransitionSelector = selector == null || selector.isEmpty() ? null : Wire.selector(selector);
    return this;
  }

  public String elements() {
    return elements;
  }

  public String selector() {
    return selector;
  }

  public PatchMode mode() {
    return mode;
  }

  public ElementNamespace namespace() {
    return namespace;
  }

  public boolean useViewTransition() {
    return useViewTransition;
  }

  public String viewTransitionSelector() {
    return viewTransitionSelector;
  }

  /**
   * @throws IllegalStateException when the patch could not be applied by the browser: a mode
   *     other than outer or replace without a selector, or no elements outside remove mode
   */
  void validate() {
    if (selector == null && !mode.worksWithoutSelector()) {
      throw new IllegalStateException("Patch mode '" + mode.wireName() + "' needs a selector; only outer and replace match elements by id");
    }
    if (mode != PatchMode.REMOVE && (elements == null || elements.isEmpty())) {
      throw new IllegalStateException("Patch mode '" + mode.wireName() + "' needs elements");
    }
  }

  @Override
  public SseEvent toSseEvent() {
    validate();
    SseEvent.Builder b = sse(PATCH_ELEMENTS);
    if (selector != null) {
      b.data("selector", selector);
    }
    if (mode != PatchMode.DEFAULT) {
      b.data("mode", mode.wireName());
    }
    if (namespace != ElementNamespace.HTML) {
      b.data("namespace", namespace.wireName());
    }
    if (useViewTransition) {
      b.data("useViewTransition", "true");
    }
    if (viewTransitionSelector != null) {
      b.data("viewTransitionSelector", viewTransitionSelector);
    }
    if (elements != null && !elements.isEmpty()) {
      b.data("elements", elements);
    }
    return b.build();
  }

  @Override
  public boolean canReplyDirectly() {
    // The runtime reads selector, mode, namespace and useViewTransition from headers, and a
    // remove needs no body; nothing else survives a direct reply.
    return !hasStreamOptions() && viewTransitionSelector == null
      && mode != PatchMode.REMOVE;
  }

  @Override
  public String toString() {
    return toSseEvent().toString();
  }
}
