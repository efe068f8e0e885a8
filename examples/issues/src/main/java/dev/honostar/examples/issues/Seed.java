package dev.honostar.examples.issues;

import dev.honostar.examples.issues.Model.Label;
import dev.honostar.examples.issues.Model.User;

import java.sql.SQLException;

/**
 * Fills a fresh database with a demo account ({@code demo@example.com} / {@code demo-password}),
 * a few labels and a welcome issue. Runs once, when the first migration created the schema;
 * {@code ISSUES_SEED=false} turns it off.
 */
final class Seed {

  static final String DEMO_EMAIL = "demo@example.com";
  static final String DEMO_PASSWORD = "demo-password";

  private Seed() {
  }

  static void run(Store store, Passwords passwords) throws SQLException {
    if (store.countUsers() > 0) {
      return;
    }
    try {
      User demo = store.createUser("Demo User", DEMO_EMAIL, passwords.hash(DEMO_PASSWORD));
      store.createLabel("bug", "destructive");
      store.createLabel("feature", "success");
      Label question = store.createLabel("question", "secondary");
      long id = store.createIssue(demo.id(), "Welcome to HonoStar Issues",
        "Open this page in two windows, sign in as two people and watch comments, labels and status changes arrive live.");
      store.addComment(id, demo.id(), "Comments appear in every open tab as soon as they are posted.");
      store.attach(id, question.id());
    } catch (Store.Duplicate e) {
      // Another node seeded first.
    }
  }
}
