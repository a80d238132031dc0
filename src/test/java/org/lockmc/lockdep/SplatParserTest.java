package org.lockmc.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every layout of the real splats in lockdep.md 1.10 and the seed files parses into its chain. */
class SplatParserTest {

  private static List<Integer> depths(ParsedSplat s) {
    List<Integer> out = new ArrayList<>();
    for (ParsedSplat.ChainEntry e : s.chain()) {
      out.add(e.depth());
    }
    return out;
  }

  private static List<String> cpus(ParsedSplat s) {
    List<String> out = new ArrayList<>();
    for (ParsedSplat.ScenarioLine l : s.scenario()) {
      out.add(l.cpu() + ":" + l.verb() + "(" + l.name() + ")");
    }
    return out;
  }

  @Test
  void hotplug2017FourTwelveLayout() {
    ParsedSplat s = Splats.parse("lockdep-1.10-A-2017-hotplug-4.12.txt");
    assertEquals(ParsedSplat.Kind.CIRCULAR, s.kind());
    assertEquals(ParsedSplat.Layout.MODERN, s.layout());
    assertEquals("4.12.0-rc6-next-20170626+", s.release());
    assertEquals("kworker/u8:0/5", s.taskId());
    assertEquals("cpu_hotplug_lock.rw_sem", s.acquiring().name());
    assertEquals("stop_machine+0x1c/0x40", s.acquiring().site());
    assertEquals("zonelists_mutex", s.holding().name());
    assertEquals(List.of(2, 1, 0), depths(s));
    assertEquals(List.of("cpu_hotplug_lock.rw_sem", "mem_hotplug.lock#2", "zonelists_mutex"),
        s.path());
    assertEquals(s.path(), s.chainExists());
    assertTrue(s.entry(1).frames().contains("get_online_mems"), s.entry(1).frames().toString());
    assertEquals(ParsedSplat.Usage.READ_WRITE, s.entry(0).mode());
    assertEquals(ParsedSplat.Usage.WRITE, s.entry(2).mode());
    assertEquals(List.of("0:lock(zonelists_mutex)", "1:lock(mem_hotplug.lock#2)",
        "1:lock(zonelists_mutex)", "0:lock(cpu_hotplug_lock.rw_sem)"), cpus(s));
    assertEquals(9, s.held().size());
    assertEquals("\"kacpi_hotplug\"", s.held().get(0).name());
    assertEquals("zonelists_mutex", s.held().get(8).name());
  }

  @Test
  void recursivePercpuWithTimestamps() {
    ParsedSplat s = Splats.parse("lockdep-1.10-B-2017-recursive-percpu.txt");
    assertEquals(ParsedSplat.Kind.RECURSIVE, s.kind());
    assertTrue(s.decorations().contains("timestamps"));
    assertEquals("bash/2266", s.taskId());
    assertEquals("cpu_hotplug_lock.rw_sem", s.acquiring().name());
    assertEquals("cpu_hotplug_lock.rw_sem", s.holding().name());
    assertEquals("mem_hotplug_begin+0x9/0x20", s.holding().site());
    assertEquals(List.of(), s.chain());
    assertEquals(List.of("0:lock(cpu_hotplug_lock.rw_sem)", "0:lock(cpu_hotplug_lock.rw_sem)"),
        cpus(s));
    assertEquals(8, s.held().size());
    assertEquals("lock#3", s.held().get(7).name());
  }

  @Test
  void kernfsFiveSevenModernLayout() {
    ParsedSplat s = Splats.parse("lockdep-1.10-C-2020-kernfs-5.7.txt");
    assertEquals(ParsedSplat.Layout.MODERN, s.layout());
    assertEquals("bash/1798", s.taskId());
    assertEquals(List.of(3, 2, 1, 0), depths(s));
    assertEquals(List.of("cpu_hotplug_lock", "mem_hotplug_lock", "slab_mutex", "kn->count#86"),
        s.path());
    assertEquals(List.of("cpu_hotplug_lock", "slab_mutex", "kn->count#86"), s.chainExists());
    assertEquals("kmem_cache_shrink+0x12/0x40", s.acquiring().site());
    assertEquals(List.of("__kernfs_remove", "kernfs_remove", "sysfs_remove_dir", "kobject_del",
        "sysfs_slab_unlink", "shutdown_cache", "kmemcg_cache_shutdown_fn", "kmemcg_workfn",
        "process_one_work", "worker_thread", "kthread", "ret_from_fork"), s.entry(3).frames());
    assertEquals(3, s.held().size());
  }

  @Test
  void syzbotSymbolisedSixTen() {
    ParsedSplat s = Splats.parse("lockdep-1.10-D-2024-syzbot-6.10.txt");
    assertTrue(s.decorations().contains("syzbot symbolised frames"));
    assertEquals("6.10.0-rc5-syzkaller-00018-g55027e689933", s.release());
    assertEquals("syz-executor.2/6265", s.taskId());
    assertEquals("fs_reclaim", s.acquiring().name());
    assertEquals("might_alloc include/linux/sched/mm.h:334 [inline]", s.acquiring().site());
    assertEquals(List.of("fs_reclaim", "&sbi->s_lock#2"), s.path());
    assertEquals(List.of(), s.chainExists());
    assertEquals(List.of("0:lock(&sbi->s_lock#2)", "1:lock(fs_reclaim)",
        "1:lock(&sbi->s_lock#2)", "0:lock(fs_reclaim)"), cpus(s));
    assertEquals("__mutex_lock_common", s.entry(1).frames().get(0));
    assertEquals(3, s.held().size());
  }

  @Test
  void ksm2012LegacyLayoutWithTimestamps() {
    ParsedSplat s = Splats.parse("lockdep-1.10-E-2012-ksm-hotremove-3.6.txt");
    assertEquals(ParsedSplat.Layout.LEGACY, s.layout());
    assertEquals("3.6.0-rc5", s.release());
    assertEquals("bash/2789", s.taskId());
    assertEquals(List.of("(memory_chain).rwsem", "ksm_thread_mutex/1"), s.path());
    assertEquals(ParsedSplat.Usage.READ, s.entry(0).mode());
    assertEquals(ParsedSplat.Usage.WRITE, s.entry(1).mode());
    assertTrue(s.entry(1).frames().contains("ksm_memory_callback"));
    assertEquals(List.of("0:lock(ksm_thread_mutex/1)", "1:lock((memory_chain).rwsem)",
        "1:lock(ksm_thread_mutex/1)", "0:lock((memory_chain).rwsem)"), cpus(s));
    assertEquals(6, s.held().size());
    assertEquals("mem_hotplug_mutex", s.held().get(3).name());
  }

  @Test
  void ksm2010LegacyLayoutWithoutScenario() {
    ParsedSplat s = Splats.parse("appendix-A.1-2010-ksm-hotremove-2.6.36.txt");
    assertEquals(ParsedSplat.Layout.LEGACY, s.layout());
    assertEquals("2.6.36-rc7-mm1+", s.release());
    assertEquals(List.of("(memory_chain).rwsem", "ksm_thread_mutex"), s.path());
    assertEquals(List.of(), s.scenario());
    assertEquals(5, s.held().size());
    assertEquals("pm_mutex", s.held().get(3).name());
  }

  @Test
  void seed002QuotedInAPatch() {
    ParsedSplat s = Splats.parse("seed-002-2016-thp-swapin-abbreviated.txt");
    assertEquals(ParsedSplat.Kind.CIRCULAR, s.kind());
    assertEquals(ParsedSplat.Layout.ABBREVIATED, s.layout());
    assertNull(s.release());
    assertEquals("udevadm/221", s.taskId());
    assertEquals(List.of("&mm->mmap_sem", "cpu_hotplug.lock#2", "s_active#12"), s.path());
    assertEquals(List.of("0:lock(s_active)", "1:lock(cpu_hotplug.lock)", "1:lock(s_active)",
        "0:lock(&mm->mmap_sem)"), cpus(s));
    assertEquals(List.of("lock_acquire", "mutex_lock_nested", "get_online_cpus", "sum_vm_event",
        "collapse_huge_page", "khugepaged", "kthread", "ret_from_fork"), s.entry(1).frames());
    assertEquals(List.of(), s.held());
  }

  @Test
  void appendixA2IsTheSameChainAsA() {
    assertEquals(Splats.parse("lockdep-1.10-A-2017-hotplug-4.12.txt").path(),
        Splats.parse("appendix-A.2-2017-hotplug-4.12.txt").path());
  }
}
