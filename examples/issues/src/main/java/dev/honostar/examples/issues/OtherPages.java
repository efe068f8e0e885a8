package dev.honostar.examples.issues;

import dev.honostar.examples.issues.routes.Routes;
import dev.honostar.examples.issues.Model.Blank;
import dev.honostar.examples.issues.Model.LabelsView;
import dev.honostar.examples.issues.Model.ProfileView;
import dev.honostar.examples.issues.Model.User;
import dev.honostar.bus.Topic;
import dev.honostar.page.BlockingPage;
import dev.honostar.page.Head;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import io.vertx.core.Future;

import java.util.Set;

/** The labels page, the account pages and the home redirect. */
public final class OtherPages {

  private OtherPages() {
  }

  /** {@code /}: the list is the home page. */
  public static class Home implements Page<Object> {
    @Override
    public Future<Object> load(PageContext ctx) {
      return ctx.redirect(Routes.issues().href());
    }
  }

  /** {@code /labels}: every label with its usage, live, and a form to add one. */
  public static class LabelsPage implements BlockingPage<LabelsView> {
    private final Store store;

    public LabelsPage(Store store) {
      this.store = store;
    }

    @Override
    public LabelsView loadBlocking(PageContext ctx) throws Exception {
      return new LabelsView(store.labelUses(), Auth.userId(ctx.session()) != null);
    }

    @Override
    public void head(Head head, LabelsView model) {
      head.title("Labels");
    }

    @Override
    public Set<Topic> topics(PageContext ctx, LabelsView model) {
      return Set.of(Topics.labels());
    }

    @Override
    public void queries(Queries q) {
      q.on(Topics.labels(), qc -> qc.blocking(() -> new LabelsView(store.labelUses(), false)), "labels/list");
    }
  }

  /** {@code /login} and {@code /signup}: plain forms; signed-in users go to the list. */
  public static class AccountForm implements Page<AccountView> {
    private final String title;

    public AccountForm(String title) {
      this.title = title;
    }

    @Override
    public Future<AccountView> load(PageContext ctx) {
      if (Auth.userId(ctx.session()) != null) {
        return ctx.redirect(Routes.issues().href());
      }
      Object notice = ctx.session().remove(Auth.NOTICE);
      return Future.succeededFuture(new AccountView(notice instanceof String s ? s : null));
    }

    @Override
    public void head(Head head, AccountView model) {
      head.title(title);
    }
  }

  /** The login and sign-up pages' model: a notice shown once (after sign-up), or {@code null}. */
  public record AccountView(String notice) {
  }

  /** {@code /profile}: the signed-in user, a form to change the display name, and their issues. */
  public static class ProfilePage implements BlockingPage<ProfileView> {
    private final Store store;

    public ProfilePage(Store store) {
      this.store = store;
    }

    @Override
    public ProfileView loadBlocking(PageContext ctx) throws Exception {
      long id = Auth.requirePage(ctx.session());
      User user = store.findUser(id).orElse(null);
      if (user == null) {
        // The account is gone (another database?): sign out.
        Auth.logout(ctx.session());
        throw PageContext.redirectException(Routes.login().href());
      }
      return new ProfileView(user, store.issuesBy(id));
    }

    @Override
    public void head(Head head, ProfileView model) {
      head.title("Profile");
    }
  }
}
