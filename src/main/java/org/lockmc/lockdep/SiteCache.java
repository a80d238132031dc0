package org.lockmc.lockdep;

/**
 * Model lines by program-path key: an open-addressing map from {@code long} to {@code String},
 * so that the look-up on every acquisition allocates nothing. Owned by one {@link
 * LockdepRecorder}; entries are never removed.
 */
final class SiteCache {
  private long[] keys = new long[64];
  private String[] sites = new String[64];
  private int size;

  /** The line recorded for {@code key}, or null. */
  String get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (sites[i] == null) {
        return null;
      }
      if (keys[i] == key) {
        return sites[i];
      }
    }
  }

  void put(long key, String site) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (sites[i] != null && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (sites[i] == null) {
      size++;
    }
    keys[i] = key;
    sites[i] = site;
  }

  private void grow() {
    long[] oldKeys = keys;
    String[] oldSites = sites;
    keys = new long[oldKeys.length * 2];
    sites = new String[oldSites.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldSites[i] != null) {
        put(oldKeys[i], oldSites[i]);
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
