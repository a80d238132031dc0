package org.lockmc.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cycle search follows lockdep's 5.10+ rules: the selftests of the recursive-read series
 * (lockdep.md 3.3), shortest paths, and the pre-5.10 behaviour.
 */
class CycleSearchTest {

  /** Records {@code from -(kind)-> to} by a task of its own: prev held with the kind's read. */
  private static Script dep(Script s, String task, String from, String kind, String to) {
    int prevRead = kind.charAt(0) == 'E' ? 0 : 1;
    int nextRead = kind.charAt(1) == 'R' ? 2 : 0;
    return s.acquire(task, from, prevRead).acquire(task, to, nextRead).unlock(task, to)
        .unlock(task, from);
  }

  private static List<Cycle> cycles(String k1, String k2, String k3, LockdepRules rules) {
    Script s = new Script(rules);
    dep(s, "T1", "X", k1, "Y");
    dep(s, "T2", "Y", k2, "Z");
    dep(s, "T3", "Z", k3, "X");
    return CycleSearch.run(s.graph(), rules);
  }

  @Test
  void selftestsOfTheRecursiveReadSeries() {
    assertEquals(1, cycles("ER", "ER", "ER", LockdepRules.V5_10).size(), "X-ER-Y-ER-Z-ER-X");
    assertEquals(1, cycles("EN", "SR", "ER", LockdepRules.V5_10).size(), "X-EN-Y-SR-Z-ER-X");
    assertEquals(0, cycles("EN", "SR", "SN", LockdepRules.V5_10).size(), "X-EN-Y-SR-Z-SN-X");
    assertEquals(0, cycles("ER", "SR", "EN", LockdepRules.V5_10).size(), "X-ER-Y-SR-Z-EN-X");
  }

  @Test
  void theDocumentationsReadDeadlock() {
    // A: read_lock(X); write_lock(Y)   B: read_lock(Y); write_lock(X), with recursive readers
    Script s = new Script(LockdepRules.V5_10);
    s.acquire("A", "X", 2).lock("A", "Y").unlock("A", "Y").unlock("A", "X");
    s.acquire("B", "Y", 2).lock("B", "X").unlock("B", "X").unlock("B", "Y");
    List<Cycle> c = CycleSearch.run(s.graph(), LockdepRules.V5_10);
    assertEquals(1, c.size());
    assertEquals("Y -> X -> Y", c.get(0).chain());
  }

  @Test
  void strongCycleAgreesWithTheSearch() {
    String[][] cases = {{"ER", "ER", "ER"}, {"EN", "SR", "ER"}, {"EN", "SR", "SN"},
        {"ER", "SR", "EN"}, {"EN", "EN", "EN"}, {"SN", "SN", "SN"}, {"SR", "SR", "SR"}};
    for (String[] k : cases) {
      Script s = new Script(LockdepRules.V5_10);
      dep(s, "T1", "X", k[0], "Y");
      dep(s, "T2", "Y", k[1], "Z");
      dep(s, "T3", "Z", k[2], "X");
      List<Edge> edges = List.of(s.edge("X", "Y"), s.edge("Y", "Z"), s.edge("Z", "X"));
      assertEquals(!CycleSearch.run(s.graph(), LockdepRules.V5_10).isEmpty(),
          CycleSearch.strongCycle(edges, LockdepRules.V5_10), String.join("-", k));
    }
  }

  @Test
  void before510ReadTwoDependenciesAreInvisible() {
    assertEquals(0, cycles("ER", "ER", "ER", LockdepRules.PRE_5_10).size());
    assertEquals(1, cycles("EN", "SN", "EN", LockdepRules.PRE_5_10).size(),
        "non-recursive reads count like writes");
  }

  @Test
  void before510AReadTwoAcquisitionStillClosesACycle() {
    // map -> m is stored (a write of map); m -> map(read 2) is checked, not stored.
    Script s = new Script(LockdepRules.PRE_5_10);
    s.lock("W", "map").lock("W", "m").unlock("W", "m").unlock("W", "map");
    s.lock("R", "m").acquire("R", "map", 2);
    List<Cycle> c = CycleSearch.run(s.graph(), LockdepRules.PRE_5_10);
    assertEquals(1, c.size());
    assertTrue(!c.get(0).closing().stored());
  }

  @Test
  void theReportedPathIsTheShortestAndNamesTheClosingDependency() {
    Script s = new Script(LockdepRules.V5_10);
    s.lock("A", "a").lock("A", "b").unlock("A", "b").unlock("A", "a");
    s.lock("B", "b").lock("B", "c").unlock("B", "c").unlock("B", "b");
    s.lock("C", "c").lock("C", "d").unlock("C", "d").unlock("C", "c");
    s.lock("D", "a").lock("D", "d").unlock("D", "d").unlock("D", "a");
    s.lock("E", "d").lock("E", "a");
    List<Cycle> c = CycleSearch.run(s.graph(), LockdepRules.V5_10);
    assertEquals(1, c.size(), "both cycles close at d -> a; one report, the shortest");
    assertEquals(List.of("a", "d"), c.get(0).classNames());
    assertEquals("E", c.get(0).closing().record().task());
    assertEquals(1, c.get(0).depth());
  }

  @Test
  void aCycleIsReportedOnceWhateverClosesItAgain() {
    Script s = new Script(LockdepRules.V5_10);
    s.lock("A", "a").lock("A", "b").unlock("A", "b").unlock("A", "a");
    s.lock("B", "b").lock("B", "a").unlock("B", "a").unlock("B", "b");
    s.acquire("C", "b", 1).lock("C", "a");
    assertEquals(1, CycleSearch.run(s.graph(), LockdepRules.V5_10).size());
  }
}
