package org.lockmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void keysKeepTheirOrderAndValuesPrintPretty() {
    Json.Obj o = Json.object().put("z", 1).put("a", List.of("x", true)).put("n", null)
        .put("e", List.of()).put("o", Json.object()).put("l", 12345678901L);
    assertEquals("{\n  \"z\": 1,\n  \"a\": [\n    \"x\",\n    true\n  ],\n  \"n\": null,\n"
        + "  \"e\": [],\n  \"o\": {},\n  \"l\": 12345678901\n}\n", Json.print(o));
  }

  @Test
  void stringsAreEscaped() {
    String s = Json.print(Json.object().put("k", "a\"b\\c\nd\te\u0001&mm->x</"));
    assertEquals("{\n  \"k\": \"a\\\"b\\\\c\\nd\\te\\u0001&mm->x</\"\n}\n", s);
  }

  @Test
  void putIfPresentSkipsNull() {
    assertEquals("{}\n", Json.print(Json.object().putIfPresent("k", null)));
  }

  @Test
  void floatingPointIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Json.object().put("k", 1.5));
  }
}
