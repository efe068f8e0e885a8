package dev.honostar.examples.issues;

import dev.honostar.bus.Topic;

/**
 * The app's topics, declared in one place. Every shared change is published on one or more
 * of them; pages subscribe their tabs and re-render their regions when an event arrives.
 */
public final class Topics {

  private Topics() {
  }

  /** The issue list: an issue was created, edited, closed, reopened, commented or labelled. */
  public static Topic issues() {
    return Topic.of("issues");
  }

  /** One issue: its text, status, labels or comments changed. */
  public static Topic issue(long id) {
    return Topic.of("issue", id);
  }

  /** The family of {@link #issue(long)}: what an issue page's queries listen to. */
  public static Topic anyIssue() {
    return Topic.of("issue");
  }

  /** The label catalogue: a label was created or its usage changed. */
  public static Topic labels() {
    return Topic.of("labels");
  }
}
