package dev.honostar.examples.issues;

import dev.honostar.examples.issues.routes.Routes;
import dev.honostar.command.Command;
import dev.honostar.command.CommandContext;
import dev.honostar.command.Effect;
import dev.honostar.command.Handlers;
import dev.honostar.command.ValidationException;
import dev.honostar.examples.issues.Forms.CommentInput;
import dev.honostar.examples.issues.Forms.IssueInput;
import dev.honostar.examples.issues.Forms.LabelRef;
import dev.honostar.examples.issues.Forms.StatusInput;
import dev.honostar.examples.issues.Model.Label;
import dev.honostar.live.LiveEffects;
import dev.honostar.page.HaltException;
import dev.honostar.protocol.PatchElements;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Optional;

/**
 * The commands on issues. Each one checks who may do it against the database (never trusting
 * a signal), changes the database, publishes on the topics whose regions changed, and answers
 * only the tab that asked (toasts, a closed dialog); the framework resets the form a command came from.
 */
public final class IssueCommands {

  private IssueCommands() {
  }

  static Effect toast(String title, String message) {
    return Effect.custom("toast", new JsonObject().put("title", title).put("message", message).put("variant", "success"));
  }

  /**
   * @return whether the signed-in user wrote issue {@code id}; otherwise the tab has been
   *     answered (sign in, or {@code refusal}) and the handler should stop
   */
  static boolean signedInAuthor(CommandContext ctx, Store store, long id, String refusal) throws java.sql.SQLException {
    Long user = Auth.require(ctx);
    if (user == null) {
      return false;
    }
    long author = store.authorOf(id).orElseThrow(HaltException::notFound);
    if (author != user) {
      Auth.refuse(ctx, refusal);
      return false;
    }
    return true;
  }

  /** Tells the issue's page and the list that the issue changed; a plain form goes back to the issue. */
  static void issueChanged(CommandContext ctx, long id, String event) {
    issueChanged(ctx, id, event, null);
  }

  /** As above, with a one-off effect for the other tabs showing the issue (replayed to those that blink). */
  static void issueChanged(CommandContext ctx, long id, String event, Effect forOthers) {
    JsonObject payload = new JsonObject().put("id", id);
    ctx.publish(Topics.issue(id), event, forOthers == null ? payload : LiveEffects.attachForOthers(payload, ctx.routingContext(), forOthers))
      .publish(Topics.issues(), event, Map.of("id", id));
    if (!ctx.isDatastarRequest()) {
      ctx.redirect(Routes.issues().byId(id).href());
    }
  }

  static long issueId(CommandContext ctx) {
    return Routes.Issues_ById.ID.from(ctx);
  }


  /** POST /issues: creates an issue (inline form, the dialog, or the /issues/new page). */
  public static class Create implements Command {
    private final Store store;

    public Create(Store store) {
      this.store = store;
    }

    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        Long user = Auth.require(ctx);
        if (user == null) {
          return;
        }
        IssueInput in = ctx.input(IssueInput.class);
        long id = store.createIssue(user, in.title(), in.description());
        if (!store.publishesCreated()) { // else the store's outbox publishes it, even if this node dies now
          ctx.publish(Topics.issues(), "issue-created", Map.of("id", id));
        }
        if (!ctx.isDatastarRequest()) {
          ctx.redirect(Routes.issues().byId(id).href());
          return;
        }
        // The framework clears the form's messages and resets it; the dialog also closes.
        ctx.reply(toast("Issue #" + id + " created", in.title()));
        if ("new-issue-dialog".equals(ctx.form())) {
          ctx.reply(Effect.of(PatchElements.remove("#new-issue-dialog")));
        }
      });
    }
  }

  /** POST /issues/dialog: opens the "new issue" dialog in {@code #ds-overlays} (Datastar only). */
  public static class Dialog implements Command {
    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        if (Auth.require(ctx) == null) {
          return;
        }
        if (!ctx.isDatastarRequest()) {
          ctx.redirect(Routes.issues().new_().href());
          return;
        }
        ctx.reply(Effect.custom(IssuesApp.OVERLAY_EFFECT, new JsonObject().put("template", "issues/new-dialog")));
      });
    }
  }

  /** POST /issues/:id: edits title and description; only the author may. */
  public static class Edit implements Command {
    private final Store store;

    public Edit(Store store) {
      this.store = store;
    }

    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        long id = issueId(ctx);
        if (!signedInAuthor(ctx, store, id, "Only the author can edit this issue.")) {
          return;
        }
        IssueInput in = ctx.input(IssueInput.class);
        store.updateIssue(id, in.title(), in.description());
        // The form shows what was saved: keep it (its messages are still cleared).
        ctx.keepForm().reply(toast("Saved", "Issue #" + id + " updated"));
        issueChanged(ctx, id, "issue-edited");
      });
    }
  }

  /** POST /issues/:id/status: closes or reopens; only the author may. */
  public static class Status implements Command {
    private final Store store;

    public Status(Store store) {
      this.store = store;
    }

    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        long id = issueId(ctx);
        if (!signedInAuthor(ctx, store, id, "Only the author can close or reopen this issue.")) {
          return;
        }
        StatusInput in = ctx.input(StatusInput.class);
        store.setStatus(id, in.status(), Auth.userId(ctx.session()));
        ctx.reply(toast(in.status().equals("closed") ? "Closed" : "Reopened", "Issue #" + id));
        issueChanged(ctx, id, "issue-" + in.status(), toast("Issue #" + id,
          Auth.userName(ctx.session()) + (in.status().equals("closed") ? " closed it" : " reopened it")));
      });
    }
  }

  /** POST /issues/:id/comments: anyone signed in may comment. */
  public static class Comment implements Command {
    private final Store store;

    public Comment(Store store) {
      this.store = store;
    }

    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        Long user = Auth.require(ctx);
        if (user == null) {
          return;
        }
        long id = issueId(ctx);
        store.authorOf(id).orElseThrow(HaltException::notFound);
        CommentInput in = ctx.input(CommentInput.class);
        long comment = store.addComment(id, user, in.body());
        ctx.publish(Topics.issue(id), "comment-added", Map.of("id", id, "comment", comment))
          .publish(Topics.issues(), "comment-added", Map.of("id", id));
        if (!ctx.isDatastarRequest()) {
          ctx.redirect(Routes.issues().byId(id).href() + "#comment-" + comment);
          return;
        }
      });
    }
  }

  /** POST /issues/:id/labels (attach) and /issues/:id/labels/remove (detach): anyone signed in. */
  public static class Labels implements Command {
    private final Store store;
    private final boolean attach;

    public Labels(Store store, boolean attach) {
      this.store = store;
      this.attach = attach;
    }

    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        Long user = Auth.require(ctx);
        if (user == null) {
          return;
        }
        long id = issueId(ctx);
        store.authorOf(id).orElseThrow(HaltException::notFound);
        LabelRef in = ctx.input(LabelRef.class);
        Optional<Label> label = store.findLabel(in.labelId());
        if (label.isEmpty()) {
          throw new ValidationException(Map.of("labelId", "No such label"));
        }
        boolean changed = attach ? store.attach(id, in.labelId()) : store.detach(id, in.labelId());
        String event = attach ? "label-attached" : "label-detached";
        if (changed) {
          ctx.publish(Topics.labels(), event, Map.of("label", in.labelId()));
          issueChanged(ctx, id, event);
        } else if (!ctx.isDatastarRequest()) {
          ctx.redirect(Routes.issues().byId(id).href());
        }
      });
    }
  }
}
