package org.lockmc.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splat names map onto model classes by the levels of lockdep.md 2.2 and 2.3. */
class ClassNameMatcherTest {
  private static List<LockClass> classes(String... names) {
    List<LockClass> out = new ArrayList<>();
    for (String n : names) {
      int slash = n.lastIndexOf('/');
      boolean sub = slash > 0 && n.substring(slash + 1).matches("\\d");
      out.add(new LockClass(out.size(), sub ? n.substring(0, slash) : n,
          sub ? Integer.parseInt(n.substring(slash + 1)) : 0, "{4:4}"));
    }
    return out;
  }

  private static String match(String splatName, String... model) {
    List<ClassNameMatcher.Match> m = ClassNameMatcher.candidates(splatName, classes(model));
    return m.isEmpty() ? "none" : m.get(0).modelClass().displayName() + " (" + m.get(0).how()
        + ")";
  }

  @Test
  void exactFirst() {
    assertEquals("ksm_thread_mutex/1 (exact)", match("ksm_thread_mutex/1", "ksm_thread_mutex",
        "ksm_thread_mutex/1"));
    assertEquals("&mm->mmap_sem (exact)", match("&mm->mmap_sem", "mmap_lock", "&mm->mmap_sem"));
  }

  @Test
  void versionSuffixes() {
    assertEquals("s_active (version suffix ignored)", match("s_active#12", "s_active"));
    assertEquals("mem_hotplug.lock (version suffix ignored)",
        match("mem_hotplug.lock#2", "mem_hotplug.lock"));
    assertEquals("&ni->ni_lock/5 (version suffix ignored)",
        match("&ni->ni_lock#3/5", "&ni->ni_lock/5"));
  }

  @Test
  void renamesAcrossKernelVersions() {
    assertEquals("mmap_lock (normalised name)", match("&mm->mmap_sem", "mmap_lock"));
    assertEquals("&mm->mmap_lock (normalised name)", match("&mm->mmap_sem", "&mm->mmap_lock"));
    assertEquals("cpu_hotplug_lock (normalised name)",
        match("cpu_hotplug_lock.rw_sem", "cpu_hotplug_lock"));
    assertEquals("cpu_hotplug_lock (normalised name)",
        match("cpu_hotplug.lock", "cpu_hotplug_lock"));
    assertEquals("kn->active (normalised name)", match("s_active#212", "kn->active"));
    assertEquals("kn->active (normalised name)", match("kn->count#86", "kn->active"));
    assertEquals("memory_chain (normalised name)", match("(memory_chain).rwsem", "memory_chain"));
  }

  @Test
  void aDifferentSubclassIsTheLastResort() {
    assertEquals("ksm_thread_mutex/1 (normalised name, subclass 0 in the splat)",
        match("ksm_thread_mutex", "ksm_thread_mutex/1"));
  }

  @Test
  void unrelatedNamesDoNotMatch() {
    assertEquals("none", match("slab_mutex", "zonelists_mutex", "&mm->mmap_lock"));
    assertTrue(ClassNameMatcher.candidates("fs_reclaim", classes()).isEmpty());
  }
}
