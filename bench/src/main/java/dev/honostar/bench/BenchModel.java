package dev.honostar.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bench page's state: 50 rows (~8 KB rendered) that change with every version. */
public final class BenchModel {

  public static final int ROWS = 50;

  private BenchModel() {
  }

  /** @return the model of the rows region at {@code version}, stamped with {@code tsMicros} */
  public static Map<String, Object> rows(long version, long tsMicros) {
    List<Map<String, Object>> rows = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", i);
      row.put("name", "Item " + i + " of the list");
      row.put("value", (i * 7919L + version * 31L) % 100_000);
      row.put("note", ((i + version) % 5 == 0 ? "changed" : "steady") + " by user" + (i % 7));
      rows.add(row);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("rows", rows);
    model.put("version", version);
    model.put("ts", tsMicros);
    return model;
  }

  /** Wall-clock microseconds (same clock in every process of this machine). */
  public static long nowMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
