package dev.honostar.examples.issues;

import dev.honostar.examples.issues.routes.Routes;
import dev.honostar.command.CommandContext;
import dev.honostar.command.Effect;
import dev.honostar.command.ValidationException;
import dev.honostar.examples.issues.Model.User;
import dev.honostar.page.HaltException;
import io.vertx.ext.web.Session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Who is signed in: the user id (and display name) in the framework's session. */
public final class Auth {

  static final String USER_ID = "issues.userId";
  static final String USER_NAME = "issues.userName";
  /** A one-time message for the next account page (after sign-up). */
  static final String NOTICE = "issues.notice";

  private Auth() {
  }

  /** @return the signed-in user's id, or {@code null} */
  public static Long userId(Session session) {
    Object v = session == null ? null : session.get(USER_ID);
    return v instanceof Number n ? n.longValue() : null;
  }

  public static String userName(Session session) {
    Object v = session == null ? null : session.get(USER_NAME);
    return v instanceof String s ? s : null;
  }

  /** Signs {@code user} in, under a new session id (no session fixation). */
  static void login(Session session, User user) {
    session.regenerateId();
    session.put(USER_ID, user.id());
    session.put(USER_NAME, user.name());
  }

  static void logout(Session session) {
    session.remove(USER_ID);
    session.remove(USER_NAME);
    session.regenerateId();
  }

  /** For pages only signed-in users see: sends everyone else to the login page. */
  static long requirePage(Session session) {
    Long id = userId(session);
    if (id == null) {
      throw HaltException.redirect(Routes.login().href());
    }
    return id;
  }

  /**
   * For commands: the signed-in user's id, or {@code null} after answering the tab (a toast
   * for Datastar, the login page for a plain form); the handler then simply returns.
   */
  static Long require(CommandContext ctx) {
    Long id = userId(ctx.session());
    if (id == null) {
      if (ctx.isDatastarRequest()) {
        ctx.reply(Effect.toast("Log in to do that.", "destructive"));
      } else {
        ctx.redirect(Routes.login().href());
      }
    }
    return id;
  }

  /** Refuses a change the user may not make: a toast for Datastar, 403 for a plain form. */
  static void refuse(CommandContext ctx, String message) {
    if (ctx.isDatastarRequest()) {
      ctx.reply(Effect.custom("toast", new io.vertx.core.json.JsonObject()
        .put("title", "Not allowed").put("message", message).put("variant", "destructive")));
      return;
    }
    throw HaltException.forbidden(message);
  }

  /**
   * Binds {@code type} like {@code ctx.input}, but never lets a password travel back into the
   * session's flashed input (the framework flashes every submitted field).
   */
  static <T> T inputWithoutSecrets(CommandContext ctx, Class<T> type) {
    try {
      return ctx.input(type);
    } catch (ValidationException e) {
      throw withoutSecrets(e.errors(), e.fields());
    }
  }

  static ValidationException withoutSecrets(Map<String, String> errors, Map<String, String> fields) {
    Map<String, String> safe = new LinkedHashMap<>(fields);
    for (String secret : Set.of("password", "_csrf")) {
      if (safe.containsKey(secret)) {
        safe.put(secret, "");
      }
    }
    return new ValidationException(errors, safe);
  }
}
