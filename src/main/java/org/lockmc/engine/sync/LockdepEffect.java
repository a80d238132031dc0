package org.lockmc.engine.sync;

/**
 * What lockdep records for one operation: an acquisition (with lockdep's subclass, read level
 * and trylock flag), a release, a {@code lock_sync()} (an acquisition that is validated but never
 * held, as {@code synchronize_srcu} does since 6.4), an acquisition released at once ({@code
 * might_lock_read()}, {@code might_fault()}, the map touch of {@code flush_work()}) or a downgrade
 * of a held write to a read.
 *
 * <p>Read levels follow {@code include/linux/lockdep.h}: 0 exclusive, 1 non-recursive read
 * ({@code down_read}, {@code percpu_down_read}), 2 recursive read ({@code
 * lock_map_acquire_read}, {@code srcu_read_lock}).
 *
 * @param kind what happens
 * @param lock the lock instance; its {@link SyncObject#name()} is the lockdep class name
 * @param subclass the {@code _nested} subclass (0 to 7)
 * @param read the read level
 * @param trylock whether this is a trylock (recorded only when it succeeds, with no edge into it)
 * @param nestLock the {@code nest_lock} argument, or {@code null}
 * @param check whether lockdep validates it ({@code rcu_read_lock} is tracked with check 0)
 */
public record LockdepEffect(
    Kind kind,
    SyncObject lock,
    int subclass,
    int read,
    boolean trylock,
    SyncObject nestLock,
    boolean check) {

  /** The kind of lockdep action. */
  public enum Kind {
    ACQUIRE,
    RELEASE,
    SYNC,
    /** Acquired and released at once: validated and recorded like an acquisition, never held. */
    ACQUIRE_RELEASE,
    DOWNGRADE
  }

  /** An exclusive, checked acquisition. */
  public static LockdepEffect acquire(SyncObject lock) {
    return new LockdepEffect(Kind.ACQUIRE, lock, 0, 0, false, null, true);
  }

  /** A checked acquisition with the given subclass and read level. */
  public static LockdepEffect acquire(SyncObject lock, int subclass, int read) {
    return new LockdepEffect(Kind.ACQUIRE, lock, subclass, read, false, null, true);
  }

  /** A successful trylock. */
  public static LockdepEffect tryAcquire(SyncObject lock, int read) {
    return new LockdepEffect(Kind.ACQUIRE, lock, 0, read, true, null, true);
  }

  /** An acquisition under a {@code nest_lock}. */
  public static LockdepEffect acquireNested(SyncObject lock, SyncObject nestLock) {
    return new LockdepEffect(Kind.ACQUIRE, lock, 0, 0, false, nestLock, true);
  }

  /** An acquisition lockdep tracks as held but never validates ({@code check == 0}). */
  public static LockdepEffect acquireUnchecked(SyncObject lock, int read) {
    return new LockdepEffect(Kind.ACQUIRE, lock, 0, read, false, null, false);
  }

  /** A release. */
  public static LockdepEffect release(SyncObject lock) {
    return new LockdepEffect(Kind.RELEASE, lock, 0, 0, false, null, true);
  }

  /** A {@code lock_sync()}: validated like an exclusive acquisition, never held. */
  public static LockdepEffect sync(SyncObject lock) {
    return new LockdepEffect(Kind.SYNC, lock, 0, 0, false, null, true);
  }

  /**
   * {@code lock_acquire()} immediately followed by {@code lock_release()} ({@code might_lock()},
   * {@code might_lock_read()}, {@code might_fault()}'s {@code mmap_lock} read, {@code
   * lock_map_acquire(); lock_map_release();}): the dependencies of an acquisition with the given
   * read level, without holding anything afterwards.
   */
  public static LockdepEffect acquireRelease(SyncObject lock, int read) {
    return new LockdepEffect(Kind.ACQUIRE_RELEASE, lock, 0, read, false, null, true);
  }

  /** {@code lock_downgrade()}: the held write becomes a read. */
  public static LockdepEffect downgrade(SyncObject lock) {
    return new LockdepEffect(Kind.DOWNGRADE, lock, 0, 1, false, null, true);
  }
}
