package org.lockmc.lockdep;

/** Why lockdep does not see a wait, from the operation a task is blocked in (lockdep.md 4.12). */
final class InvisibleWaits {
  private InvisibleWaits() {}

  static String why(String op) {
    if (op.contains("wait_on_bit")) {
      return "lockdep does not track bit waits";
    }
    if (op.contains("completion")) {
      return "lockdep does not track completions (cross-release was removed in 4.15)";
    }
    if (op.contains("kthread_stop") || op.contains("kthread_park")
        || op.contains("waiting for it to exit")) {
      return "lockdep does not track waiting for a task to exit";
    }
    if (op.contains("wait_event") || op.startsWith("schedule()")) {
      return "lockdep does not track wait queues";
    }
    if (op.contains("alloc") || op.contains("oom") || op.contains("memory")) {
      return "lockdep does not track waiting for memory";
    }
    return "lockdep does not see this wait";
  }
}
