package dev.honostar.examples.issues;

import dev.honostar.command.Command;
import dev.honostar.command.Handlers;
import dev.honostar.command.ValidationException;
import dev.honostar.examples.issues.Model.Attachment;
import dev.honostar.examples.issues.routes.Routes;
import dev.honostar.page.HaltException;
import dev.honostar.upload.Download;
import dev.honostar.upload.Upload;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Files attached to issues: where they live ({@value #ENV_DIRECTORY}, default
 * {@code attachments} under {@code HONOSTAR_DATA_DIR} ({@code ./data}); on several nodes a volume they share), the command that attaches
 * one and the download. The framework streams an upload to its own directory and limits it
 * ({@code HONOSTAR_UPLOAD_*}, docs/uploads.md); the command moves the file here and records it.
 */
public final class Attachments {

  /** The variable naming the directory attachments are kept in. */
  public static final String ENV_DIRECTORY = "ISSUES_ATTACHMENTS_DIRECTORY";

  /** The form field of the file. */
  public static final String FIELD = "file";

  private final Path directory;
  private final Store store;

  private Attachments(Path directory, Store store) {
    this.directory = directory;
    this.store = store;
  }

  /** The attachments kept in the directory {@code env} names (made by the first attachment). */
  public static Attachments from(Map<String, String> env, Store store) {
    String dir = env.getOrDefault(ENV_DIRECTORY, "");
    // Beside the embedded database by default, so one folder holds the app's data.
    Path directory = dir.isBlank() ? Path.of(env.getOrDefault("HONOSTAR_DATA_DIR", "./data"), "attachments") : Path.of(dir.trim());
    return new Attachments(directory.toAbsolutePath().normalize(), store);
  }

  public Path directory() {
    return directory;
  }

  /** {@code GET /issues/:id/attachments/:attachment}: the file, as a download; 404 when it is not this issue's. */
  public Future<Download> download(RoutingContext ctx) {
    long issue;
    long id;
    try {
      issue = Long.parseLong(ctx.pathParam("id"));
      id = Long.parseLong(ctx.pathParam("attachment"));
    } catch (NumberFormatException e) {
      return Future.succeededFuture(null);
    }
    return ctx.vertx().executeBlocking(() -> {
      Optional<Attachment> found = store.findAttachment(issue, id);
      return found.map(a -> Download.of(directory.resolve(a.storedName()), a.fileName(), a.contentType())).orElse(null);
    }, false);
  }

  /** {@code POST /issues/:id/attachments}: attaches the file of field {@value #FIELD}; anyone signed in. */
  public static class Attach implements Command {
    private final Store store;
    private final Attachments attachments;

    public Attach(Store store, Attachments attachments) {
      this.store = store;
      this.attachments = attachments;
    }

    @Override
    public void handlers(Handlers on) {
      on.uploads().postBlocking(ctx -> {
        Long user = Auth.require(ctx);
        if (user == null) {
          return;
        }
        long id = IssueCommands.issueId(ctx);
        store.authorOf(id).orElseThrow(HaltException::notFound);
        Upload file = ctx.upload(FIELD);
        if (file == null || file.size() == 0) {
          throw new ValidationException(Map.of(FIELD, "Choose a file to attach"));
        }
        String stored = UUID.randomUUID().toString();
        Path target = Files.createDirectories(attachments.directory).resolve(stored);
        Files.move(file.path(), target);
        long attachment;
        try {
          attachment = store.addAttachment(id, user, file.fileName().isEmpty() ? "file" : file.fileName(), file.contentType(), file.size(), stored);
        } catch (Exception e) {
          // Not recorded: the file would be kept by no one.
          Files.deleteIfExists(target);
          throw e;
        }
        ctx.publish(Topics.issue(id), "attachment-added", Map.of("id", id, "attachment", attachment));
        if (!ctx.isDatastarRequest()) {
          ctx.redirect(Routes.issues().byId(id).href() + "#issue-attachments");
        }
      });
    }
  }
}
