package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a lock class name printed by a real lockdep onto a model's lock classes. Names drift
 * across kernel versions and boots (lockdep.md 2.2, 2.3), so the match goes by levels and keeps
 * the first level that finds anything:
 *
 * <ol>
 *   <li>exact: the same name and subclass ({@code ksm_thread_mutex/1});
 *   <li>the {@code #N} version suffix ignored ({@code s_active#12} matches {@code s_active}): the
 *       number only counts other classes with the same name, and depends on boot order;
 *   <li>normalised: {@code &}, parentheses and quotes dropped, the struct variable before {@code
 *       ->} dropped ({@code &mm->mmap_sem} is {@code mmap_sem}), the {@code .rw_sem} of a percpu
 *       rwsem and the {@code .rwsem} of a notifier head dropped, {@code .} read as {@code _}
 *       ({@code cpu_hotplug.lock} is {@code cpu_hotplug_lock}), and the renames of 2.3 applied
 *       ({@code mmap_sem} is {@code mmap_lock}; {@code s_active}, {@code kn->count} and {@code
 *       kn->active} are one kernfs active reference);
 *   <li>normalised, with a different subclass.
 * </ol>
 */
public final class ClassNameMatcher {
  private static final Pattern SUBCLASS = Pattern.compile("^(.*)/(\\d)$");
  private static final Pattern VERSION = Pattern.compile("#\\d+$");

  private ClassNameMatcher() {}

  /** A model class a splat name maps to, and how. */
  public record Match(LockClass modelClass, String how) {}

  /** The model classes {@code splatName} maps to at the first level that has any, or none. */
  public static List<Match> candidates(String splatName, List<LockClass> classes) {
    String name = splatName.trim();
    int subclass = 0;
    Matcher m = SUBCLASS.matcher(name);
    if (m.matches()) {
      name = m.group(1);
      subclass = Integer.parseInt(m.group(2));
    }
    String unversioned = VERSION.matcher(name).replaceFirst("");
    String normal = normalise(unversioned);
    List<List<Match>> levels = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>());
    for (LockClass c : classes) {
      String base = VERSION.matcher(c.name()).replaceFirst("");
      boolean sameSub = c.subclass() == subclass;
      if (sameSub && c.name().equals(name)) {
        levels.get(0).add(new Match(c, "exact"));
      } else if (sameSub && base.equals(unversioned)) {
        levels.get(1).add(new Match(c, "version suffix ignored"));
      } else if (normalise(base).equals(normal)) {
        levels.get(sameSub ? 2 : 3).add(new Match(c, sameSub ? "normalised name"
            : "normalised name, subclass " + subclass + " in the splat"));
      }
    }
    for (List<Match> level : levels) {
      if (!level.isEmpty()) {
        return level;
      }
    }
    return List.of();
  }

  /** The normal form of a class name without subclass and version (see the class comment). */
  static String normalise(String name) {
    String n = name.replace("&", "").replace("(", "").replace(")", "").replace("\"", "")
        .replace(" ", "");
    if (n.equals("s_active") || n.equals("kn->count") || n.equals("kn->active")) {
      return "kernfs_active";
    }
    int arrow = n.lastIndexOf("->");
    if (arrow >= 0) {
      n = n.substring(arrow + 2);
    }
    for (String suffix : new String[] {".rw_sem", ".rwsem"}) {
      if (n.endsWith(suffix) && n.length() > suffix.length()) {
        n = n.substring(0, n.length() - suffix.length());
      }
    }
    n = n.replace('.', '_').toLowerCase(Locale.ROOT);
    if (n.equals("mmap_sem")) {
      n = "mmap_lock";
    }
    return n;
  }
}
