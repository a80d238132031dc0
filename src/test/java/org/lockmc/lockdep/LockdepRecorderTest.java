package org.lockmc.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorder applies lockdep's acquisition rules (lockdep.md 3.1-3.5). */
class LockdepRecorderTest {

  @Test
  void classesAreNamesPlusSubclassNotInstances() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "m").acquire("A", "n", 1, 0);
    s.nextExecution().lock("A", "m").acquire("A", "n", 1, 0);
    assertEquals(List.of("m", "n/1"), s.graph().classes().stream().map(LockClass::displayName)
        .toList());
    assertEquals(1, s.graph().edges().size());
    assertEquals("m -> n/1 (EN)", s.graph().edges().get(0).toString());
  }

  @Test
  void edgesComeFromTheTopmostLockAndTheTrylocksAboveIt() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "outer").lock("A", "m")
        .trylock("A", "t", 0, true).lock("A", "n");
    assertNotNull(s.edge("t", "n"), "a held trylock gets edges to what is taken under it");
    assertNotNull(s.edge("m", "n"), "the first non-trylock below the trylocks");
    assertNull(s.edge("outer", "n"), "not below the first non-trylock");
    assertNull(s.edge("m", "t"), "a trylock adds no edge into the lock it takes");
  }

  @Test
  void aFailedTrylockIsNotHeld() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "m").trylock("A", "t", 0, false)
        .lock("A", "n");
    assertNull(s.edge("t", "n"));
    assertNotNull(s.edge("m", "n"));
  }

  @Test
  void uncheckedHoldsTakePartInNeitherEnd() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "m").unchecked("A", "rcu_read_lock")
        .lock("A", "n");
    assertNotNull(s.edge("m", "n"), "rcu_read_lock on top is skipped, not a barrier");
    assertNull(s.edge("m", "rcu_read_lock"));
    assertNull(s.edge("rcu_read_lock", "n"));
  }

  @Test
  void nestLockMergesSameClassAcquisitionsAndAcceptsThem() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "mmap").nested("A", "x", "mmap")
        .lock("A", "z").nested("A", "x", "mmap");
    assertTrue(s.recorder.misuse().isEmpty(), "the nest lock serialises the same-class holds");
    assertNull(s.edge("z", "x"), "an accepted same-class hold adds no dependency");
    Script t = new Script(LockdepRules.V5_10).lock("A", "mmap").nested("A", "x", "mmap");
    t.nested("A", "x", "mmap").unlock("A", "x").unlock("A", "x").lock("A", "y");
    assertTrue(t.recorder.misuse().isEmpty(), t.recorder.misuse().toString());
    assertNotNull(t.edge("mmap", "y"), "both holds of x released: mmap is on top again");
    assertNull(t.edge("x", "y"));
  }

  @Test
  void sameClassWithoutAnnotationIsRecursiveLocking() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "i_mutex").lock("A", "i_mutex");
    MisuseReport m = s.recorder.misuse().get(0);
    assertInstanceOf(MisuseReport.RecursiveLocking.class, m);
    assertEquals("i_mutex", ((MisuseReport.RecursiveLocking) m).lockClass().displayName());
    assertTrue(s.graph().edges().isEmpty(), "the recursive acquisition adds no dependency");
  }

  @Test
  void recursiveReadOverReadIsAllowedButDownReadTwiceIsNot() {
    Script r = new Script(LockdepRules.V5_10).acquire("A", "srcu", 2).acquire("A", "srcu", 2)
        .acquire("A", "map", 1).acquire("A", "map", 2);
    assertTrue(r.recorder.misuse().isEmpty(), r.recorder.misuse().toString());
    Script d = new Script(LockdepRules.V5_10).acquire("A", "mmap_sem", 1)
        .acquire("A", "mmap_sem", 1);
    assertEquals(1, d.recorder.misuse().size(), "read 1 is non-recursive");
  }

  @Test
  void syncIsValidatedButNeverHeld() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "m").sync("A", "srcu").lock("A", "n");
    assertEquals("m -> srcu (EN)", s.edge("m", "srcu").toString());
    assertNull(s.edge("srcu", "n"));
    assertNotNull(s.edge("m", "n"));
    Script self = new Script(LockdepRules.V5_10).acquire("A", "srcu", 2).sync("A", "srcu");
    assertTrue(((MisuseReport.RecursiveLocking) self.recorder.misuse().get(0)).sync());
  }

  @Test
  void syncIsNotAnnotatedBefore510() {
    Script s = new Script(LockdepRules.PRE_5_10).lock("A", "m").sync("A", "srcu");
    assertNull(s.edge("m", "srcu"));
  }

  @Test
  void mightLockRecordsWithoutHolding() {
    Script s = new Script(LockdepRules.V5_10).trylock("A", "s_active", 1, true)
        .mightLock("A", "mmap_lock", 1).lock("A", "n");
    assertEquals("s_active -> mmap_lock (SN)", s.edge("s_active", "mmap_lock").toString());
    assertNull(s.edge("mmap_lock", "n"));
  }

  @Test
  void downgradeTurnsTheHoldIntoARead() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "sem").downgrade("A", "sem")
        .lock("A", "n");
    assertEquals("sem -> n (SN)", s.edge("sem", "n").toString());
  }

  @Test
  void edgeKindsAreTypedAndAccumulate() {
    Script s = new Script(LockdepRules.V5_10).acquire("A", "x", 1).acquire("A", "y", 2);
    s.nextExecution().lock("A", "x").lock("A", "y");
    Edge e = s.edge("x", "y");
    assertTrue(e.has(Dep.SR) && e.has(Dep.EN) && !e.has(Dep.ER) && !e.has(Dep.SN));
    assertEquals("EN|SR", Dep.names(e.mask()));
    assertEquals(2, e.first().read(), "the first recording is the edge's record");
    assertEquals(2, s.graph().events().size(), "one first recording per kind");
  }

  @Test
  void before510RecursiveReadsStoreNoDependencies() {
    Script s = new Script(LockdepRules.PRE_5_10).lock("A", "m").acquire("A", "map", 2)
        .lock("A", "n");
    assertNull(s.edge("m", "map"), "a read-2 acquisition is checked, not stored");
    assertNull(s.edge("map", "n"), "a read-2 hold gives no dependency");
    assertNotNull(s.edge("m", "n"), "the walk goes on below a read-2 hold");
    assertEquals(2, s.graph().events().size());
    assertFalse(s.graph().events().get(0).stored());
  }

  @Test
  void releasingALockNotHeldIsBadUnlockBalance() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "m").unlock("B", "m");
    MisuseReport.BadUnlock u = (MisuseReport.BadUnlock) s.recorder.misuse().get(0);
    assertEquals("B", u.task());
    assertEquals("m", u.lock());
  }

  @Test
  void endingWithLocksHeldIsReported() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "m").exit("A");
    MisuseReport.HeldAtReturn h = (MisuseReport.HeldAtReturn) s.recorder.misuse().get(0);
    assertEquals("m", h.held().get(0).lockClass().displayName());
  }

  @Test
  void aTaskThatDiesOnAFailedCheckDoesNotReturnToUserSpace() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "m").die("A");
    assertTrue(s.recorder.misuse().isEmpty(), s.recorder.misuse().toString());
  }

  @Test
  void everyHeldLockAndTheAcquisitionKeepTheirModelLine() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "m").lock("A", "n");
    EdgeRecord r = s.edge("m", "n").first();
    assertEquals("T.java:2", r.site());
    assertEquals("T.java:1", r.held().get(0).site());
    assertEquals("A/1", r.taskId());
  }

  @Test
  void modelLinesAreReadOncePerProgramPath() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "m").lock("A", "n");
    s.nextExecution().lock("A", "m").lock("A", "n");
    assertEquals(2, s.siteReads, "the second execution reuses both lines");
    s.nextExecution().lock("A", "n");
    assertEquals(3, s.siteReads, "another path reads its line");
  }

  @Test
  void anOuterLockHeldAtEveryRecordingIsKept() {
    Script s = new Script(LockdepRules.V5_10).lock("A", "outer").lock("A", "x").lock("A", "y");
    s.nextExecution().lock("B", "outer").lock("B", "x").lock("B", "y");
    Edge e = s.edge("x", "y");
    assertTrue(e.heldThroughout().get(s.graph().find("outer").id()));
    s.nextExecution().lock("C", "x").lock("C", "y");
    assertFalse(s.edge("x", "y").heldThroughout().get(s.graph().find("outer").id()));
  }
}
