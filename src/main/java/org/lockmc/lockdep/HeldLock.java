package org.lockmc.lockdep;

/**
 * A lock on a task's held-lock stack at one moment, as lockdep's {@code struct held_lock} keeps
 * it: the class, how it was taken and where. Immutable: records and reports keep these.
 *
 * @param lockClass the class
 * @param read 0 exclusive, 1 non-recursive read, 2 recursive read
 * @param trylock whether it was taken by a successful trylock
 * @param check whether lockdep validates it ({@code rcu_read_lock} is held with check 0)
 * @param site the model source line that took it ({@code Model.java:42}), or {@code ?}
 */
public record HeldLock(LockClass lockClass, int read, boolean trylock, boolean check, String site) {

  /** The class name, with {@code (read)}, {@code (trylock)} or {@code (read, trylock)}. */
  public String describe() {
    String mode = read == 0 ? (trylock ? "trylock" : "") : (trylock ? "read, trylock" : "read");
    return mode.isEmpty() ? lockClass.displayName() : lockClass.displayName() + " (" + mode + ")";
  }
}
