package examples;

import dev.honostar.live.LiveOptions;
import dev.honostar.protocol.SseCompression;

/** The snippets of docs/live-updates.md, compiled so they cannot rot. */
public class LiveExamples {

  public void compression() {
    // tag::compression[]
    LiveOptions live = new LiveOptions()
        .setCompression(new SseCompression().setMode(SseCompression.Mode.STREAM).setLevel(1));  // per-stream windows
    new LiveOptions().setCompression(new SseCompression().setEnabled(false));                    // plain streams
    // end::compression[]
  }
}
