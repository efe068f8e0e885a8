package dev.honostar.examples.issues;

import dev.honostar.command.Command;
import dev.honostar.command.Handlers;
import dev.honostar.examples.issues.Forms.LabelInput;
import dev.honostar.examples.issues.Forms.Login;
import dev.honostar.examples.issues.Forms.Profile;
import dev.honostar.examples.issues.Forms.Signup;
import dev.honostar.examples.issues.Model.Label;
import dev.honostar.examples.issues.Model.User;

import java.util.Map;

/** Sign up, log in, log out, the profile, and creating labels. */
final class AccountCommands {

  private AccountCommands() {
  }

  /** POST /signup: creates the account and signs it in. */
  static final class SignupCommand implements Command {
    private final Store store;
    private final Passwords passwords;

    SignupCommand(Store store, Passwords passwords) {
      this.store = store;
      this.passwords = passwords;
    }

    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        Signup in = Auth.inputWithoutSecrets(ctx, Signup.class);
        if (!Passwords.fits(in.password())) {
          throw Auth.withoutSecrets(Map.of("password", "Use at most 72 bytes"), Map.of("name", in.name(), "email", in.email(), "password", ""));
        }
        User user;
        try {
          user = store.createUser(in.name(), in.email(), passwords.hash(in.password()));
        } catch (Store.Duplicate e) {
          throw Auth.withoutSecrets(Map.of("email", "An account with this e-mail address exists: log in instead"),
            Map.of("name", in.name(), "email", in.email(), "password", ""));
        }
        Auth.login(ctx.session(), user);
        ctx.redirect("/issues");
      });
    }
  }

  /** POST /login. */
  static final class LoginCommand implements Command {
    private final Store store;
    private final Passwords passwords;

    LoginCommand(Store store, Passwords passwords) {
      this.store = store;
      this.passwords = passwords;
    }

    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        Login in = Auth.inputWithoutSecrets(ctx, Login.class);
        var found = store.credentials(in.email());
        boolean ok = passwords.verify(in.password(), found.map(Store.Credentials::passwordHash).orElse(null));
        if (!ok || found.isEmpty()) {
          throw Auth.withoutSecrets(Map.of("password", "Wrong e-mail address or password"), Map.of("email", in.email(), "password", ""));
        }
        Auth.login(ctx.session(), found.get().user());
        ctx.redirect("/issues");
      });
    }
  }

  /** POST /logout. */
  static final class LogoutCommand implements Command {
    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        Auth.logout(ctx.session());
        ctx.redirect("/login");
      });
    }
  }

  /** POST /profile: changes the display name (shown on issues and comments, so they re-render). */
  static final class ProfileCommand implements Command {
    private final Store store;

    ProfileCommand(Store store) {
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
        ctx.reply(IssueCommands.clearErrors("name"), IssueCommands.toast("Saved", "You are now " + in.name()));
        if (!ctx.isDatastarRequest()) {
          ctx.redirect("/profile");
        }
      });
    }
  }

  /** POST /labels: creates a label; names are unique regardless of case. */
  static final class CreateLabel implements Command {
    private final Store store;

    CreateLabel(Store store) {
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
          ctx.reply(IssueCommands.clearErrors("name", "color"), IssueCommands.toast("Label created", label.name()),
            IssueCommands.fresh("labels/form"));
        }
      });
    }
  }
}
