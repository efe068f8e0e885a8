package dev.honostar.command;

/**
 * A command: the state-changing handlers (POST, PUT, PATCH, DELETE) of one route. Each
 * handler says how it runs: on the event loop (returning a {@code Future}) or as blocking code
 * on a virtual thread or worker. Methods a command does not handle answer 405.
 *
 * <pre>{@code
 * public class IssuesCommand implements Command {
 *   public void handlers(Handlers on) {
 *     on.post(this::create);              // Future<?> create(CommandContext ctx)
 *     on.deleteBlocking(this::clear);     // void clear(CommandContext ctx) throws Exception
 *   }
 * }
 * }</pre>
 */
public interface Command {

  /** Registers this command's handlers. Called once, at startup. */
  void handlers(Handlers on);
}
