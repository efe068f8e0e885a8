package dev.honostar.examples.issues;

import dev.honostar.examples.issues.routes.Routes;
import dev.honostar.command.Command;
import dev.honostar.command.Handlers;
import dev.honostar.examples.issues.Forms.LabelInput;
import dev.honostar.examples.issues.Forms.Login;
import dev.honostar.examples.issues.Forms.Profile;
import dev.honostar.examples.issues.Forms.Signup;
import dev.honostar.examples.issues.Model.Label;
import dev.honostar.security.LoginThrottle;
import dev.honostar.security.PasswordHashing;

import java.util.Map;

/** Sign up, log in, log out, the profile, and creating labels. */
public final class AccountCommands {

  private AccountCommands() {
  }

  /**
   * POST /signup: creates the account, then sends the browser to the login page with the same
   * notice whether the address was new or already had an account (which stays untouched), so
   * sign-up does not tell who has an account. Both ways hash the password on the hashing pool,
   * so they also take the same time.
   */
  public static class SignupCommand implements Command {
    /** What the login page says after any sign-up. */
    static final String NOTICE = "If this e-mail address had no account, it has one now: log in with it and your password.";

    private final Store store;
    private final Passwords passwords;
    private final PasswordHashing hashing;

    public SignupCommand(Store store, Passwords passwords, PasswordHashing hashing) {
      this.store = store;
      this.passwords = passwords;
      this.hashing = hashing;
    }

    @Override
    public void handlers(Handlers on) {
      on.post(ctx -> {
        Signup in = Auth.inputWithoutSecrets(ctx, Signup.class);
        if (!Passwords.fits(in.password())) {
          throw Auth.withoutSecrets(Map.of("password", "Use at most 72 bytes"), Map.of("name", in.name(), "email", in.email(), "password", ""));
        }
        return hashing.submit(() -> passwords.hash(in.password()))
          .compose(hash -> ctx.blocking(() -> {
            try {
              store.createUser(in.name(), in.email(), hash);
            } catch (Store.Duplicate e) {
              // Same answer as a new account: the owner knows they have one, nobody else learns it.
            }
            return null;
          }))
          .map(v -> {
            ctx.session().put(Auth.NOTICE, NOTICE);
            ctx.redirect(Routes.login().href());
            return null;
          });
      });
    }
  }

  /**
   * POST /login. Throttled per account and per address ({@link LoginThrottle}: 429 with
   * {@code Retry-After}), and the password is checked on the hashing pool, so a flood of wrong
   * logins neither guesses fast nor slows page loads.
   */
  public static class LoginCommand implements Command {
    private final Store store;
    private final Passwords passwords;
    private final PasswordHashing hashing;
    private final LoginThrottle throttle;

    public LoginCommand(Store store, Passwords passwords, PasswordHashing hashing, LoginThrottle throttle) {
      this.store = store;
      this.passwords = passwords;
      this.hashing = hashing;
      this.throttle = throttle;
    }

    @Override
    public void handlers(Handlers on) {
      on.post(ctx -> {
        Login in = Auth.inputWithoutSecrets(ctx, Login.class);
        LoginThrottle.Attempt attempt = throttle.begin(ctx.routingContext(), in.email());
        return ctx.blocking(() -> store.credentials(in.email()))
          .compose(found -> hashing.submit(() -> passwords.verify(in.password(), found.map(Store.Credentials::passwordHash).orElse(null)))
            .map(ok -> {
              if (!ok || found.isEmpty()) {
                attempt.failed();
                throw Auth.withoutSecrets(Map.of("password", "Wrong e-mail address or password"), Map.of("email", in.email(), "password", ""));
              }
              attempt.succeeded();
              Auth.login(ctx.session(), found.get().user());
              ctx.redirect(Routes.issues().href());
              return null;
            }));
      });
    }
  }

  /** POST /logout. */
  public static class LogoutCommand implements Command {
    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        Auth.logout(ctx.session());
        ctx.redirect(Routes.login().href());
      });
    }
  }

  /** POST /profile: changes the display name (shown on issues and comments, so they re-render). */
  public static class ProfileCommand implements Command {
    private final Store store;

    public ProfileCommand(Store store) {
      this.store = store;
    }

    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        Long user = Auth.require(ctx);
        if (user == null) {
          return;
        }
        Profile in = ctx.input(Profile.class);
        store.renameUser(user, in.name());
        ctx.session().put(Auth.USER_NAME, in.name());
        ctx.publish(Topics.issues(), "user-renamed", Map.of("user", user));
        ctx.keepForm().reply(IssueCommands.toast("Saved", "You are now " + in.name()));
        if (!ctx.isDatastarRequest()) {
          ctx.redirect(Routes.profile().href());
        }
      });
    }
  }

  /** POST /labels: creates a label; names are unique regardless of case. */
  public static class CreateLabel implements Command {
    private final Store store;

    public CreateLabel(Store store) {
      this.store = store;
    }

    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        if (Auth.require(ctx) == null) {
          return;
        }
        LabelInput in = ctx.input(LabelInput.class);
        Label label;
        try {
          label = store.createLabel(in.name(), in.color());
        } catch (Store.Duplicate e) {
          throw new dev.honostar.command.ValidationException(Map.of("name", "There is a label with this name already"),
            Map.of("name", in.name(), "color", in.color()));
        }
        ctx.publish(Topics.labels(), "label-created", Map.of("label", label.id()));
        if (ctx.isDatastarRequest()) {
          ctx.reply(IssueCommands.toast("Label created", label.name()));
        }
      });
    }
  }
}
