package dev.honostar.test;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

  @Test
  void parsesFieldsAndJoinsDataLines() {
    List<ReceivedEvent> events = SseParser.parse("event: datastar-patch-elements\nid: 7\nretry: 2000\ndata: mode inner\ndata: elements <p>\ndata: elements </p>\n\n");
    assertThat(events).hasSize(1);
    ReceivedEvent e = events.get(0);
    assertThat(e.type()).isEqualTo("datastar-patch-elements");
    assertThat(e.id()).isEqualTo("7");
    assertThat(e.retry()).isEqualTo(2000L);
    assertThat(e.data()).isEqualTo("mode inner\nelements <p>\nelements </p>");
    assertThat(e.datastar()).containsEntry("mode", "inner").containsEntry("elements", "<p>\n</p>");
    assertThat(e.raw()).isEqualTo("event: datastar-patch-elements\nid: 7\nretry: 2000\ndata: mode inner\ndata: elements <p>\ndata: elements </p>");
  }

  @Test
  void acceptsEveryLineEnding() {
    for (String nl : List.of("\n", "\r\n", "\r")) {
      List<ReceivedEvent> events = SseParser.parse("event: a" + nl + "data: 1" + nl + "data: 2" + nl + nl + "event: b" + nl + "data: 3" + nl + nl);
      assertThat(events).extracting(ReceivedEvent::type).containsExactly("a", "b");
      assertThat(events.get(0).data()).isEqualTo("1\n2");
    }
  }

  @Test
  void handlesCrLfSplitAcrossChunksAndMultiByteCharactersSplitAcrossChunks() {
    List<ReceivedEvent> events = new ArrayList<>();
    SseParser p = new SseParser(ReceivedEvent.Source.RAW, events::add, null);
    byte[] bytes = "data: héllo €\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      p.feed(new byte[] {b});
    }
    assertThat(events).hasSize(1);
    assertThat(events.get(0).data()).isEqualTo("héllo €");
    // A CR at the end of one chunk and LF at the start of the next is one line break, not two.
    events.clear();
    p.feed("data: a\r".getBytes(StandardCharsets.UTF_8));
    p.feed("\ndata: b\r".getBytes(StandardCharsets.UTF_8));
    p.feed("\n\r\n".getBytes(StandardCharsets.UTF_8));
    assertThat(events).extracting(ReceivedEvent::data).containsExactly("a\nb");
  }

  @Test
  void commentsAreReportedAndAreNotEvents() {
    List<ReceivedEvent> events = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    SseParser p = new SseParser(ReceivedEvent.Source.RAW, events::add, comments::add);
    p.feed(":\n\n: heartbeat\n\n:no-space\ndata: x\n\n".getBytes(StandardCharsets.UTF_8));
    assertThat(comments).containsExactly("", "heartbeat", "no-space");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).raw()).isEqualTo(":no-space\ndata: x");
  }

  @Test
  void fieldRulesFollowTheSpec() {
    List<ReceivedEvent> events = SseParser.parse(
      "data\n\n"                      // no colon: field with an empty value
        + "data:no-space\n\n"          // no space after the colon
        + "data:  two spaces\n\n"      // only one space is removed
        + "retry: 12a\ndata: r\n\n"    // non-digits: retry ignored
        + "id: a\u0000b\ndata: i\n\n"  // NUL in id: ignored
        + "foo: bar\ndata: f\n\n");    // unknown field ignored
    assertThat(events).extracting(ReceivedEvent::data).containsExactly("", "no-space", " two spaces", "r", "i", "f");
    assertThat(events.get(3).retry()).isNull();
    assertThat(events.get(4).id()).isNull();
    assertThat(events.get(0).type()).isEqualTo("message");
  }

  @Test
  void anUnterminatedEventIsNotDispatchedAndBomIsSkipped() {
    assertThat(SseParser.parse("\uFEFFdata: a\n\ndata: b\n")).extracting(ReceivedEvent::data).containsExactly("a");
  }

  @Test
  void datastarFieldsWithoutValue() {
    ReceivedEvent e = SseParser.parse("event: datastar-patch-signals\ndata: signals {\"a\":1}\ndata: onlyIfMissing true\n\n").get(0);
    assertThat(e.datastar("signals")).isEqualTo("{\"a\":1}");
    assertThat(e.datastar("onlyIfMissing")).isEqualTo("true");
    assertThat(e.isDatastar()).isTrue();
  }
}
