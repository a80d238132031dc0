package org.lockmc.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts the threads that carry tasks: virtual threads when the JDK has them (JDK 21 and later,
 * looked up reflectively because lockmc's bytecode stays at Java 17), platform threads otherwise.
 * Platform threads are pooled, since creating one costs more than a whole small execution.
 */
abstract class TaskThreads implements AutoCloseable {

  /** A started task thread. */
  interface Handle {
    Thread thread();

    /** Waits for the task body to return; false on timeout. */
    boolean await(long millis) throws InterruptedException;
  }

  abstract Handle start(Runnable body, String name);

  /**
   * Runs {@code body} on a thread of this kind and returns its result: on a virtual thread for
   * virtual threads, on the calling thread for platform threads. Exceptions propagate.
   */
  <T> T call(java.util.function.Supplier<T> body) {
    return body.get();
  }

  /** {@code virtual} or {@code platform}. */
  abstract String kind();

  /** How long a waiting runner spins before it parks: never on virtual threads. */
  int spins() {
    return 0;
  }

  @Override
  public void close() {}

  private static final MethodHandle OF_VIRTUAL = lookupOfVirtual();

  private static MethodHandle lookupOfVirtual() {
    try {
      Class<?> builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
      return MethodHandles.publicLookup()
          .findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder));
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** Whether the running JDK has virtual threads. */
  static boolean virtualAvailable() {
    return OF_VIRTUAL != null;
  }

  static TaskThreads create(ThreadMode mode) {
    switch (mode) {
      case VIRTUAL:
        if (!virtualAvailable()) {
          throw new ModelError("virtual threads need JDK 21 or later; this is Java "
              + Runtime.version().feature() + " (use --threads=platform, or run lockmc with a newer JDK)");
        }
        return new Virtual();
      case PLATFORM:
        return new PlatformPool();
      default:
        return virtualAvailable() ? new Virtual() : new PlatformPool();
    }
  }

  /** One virtual thread per task per execution. */
  private static final class Virtual extends TaskThreads {
    private final Object builder;
    private final MethodHandle unstarted;

    Virtual() {
      try {
        builder = OF_VIRTUAL.invoke();
        unstarted = MethodHandles.publicLookup().findVirtual(
            Class.forName("java.lang.Thread$Builder"), "unstarted",
            MethodType.methodType(Thread.class, Runnable.class));
      } catch (Throwable e) {
        throw new IllegalStateException("cannot create virtual threads", e);
      }
    }

    @Override
    Handle start(Runnable body, String name) {
      CountDownLatch done = new CountDownLatch(1);
      Thread t;
      try {
        t = (Thread) unstarted.invoke(builder, (Runnable) () -> {
          try {
            body.run();
          } finally {
            done.countDown();
          }
        });
      } catch (Throwable e) {
        throw new IllegalStateException("cannot start a virtual thread", e);
      }
      t.setName(name);
      t.start();
      return new Handle() {
        @Override
        public Thread thread() {
          return t;
        }

        @Override
        public boolean await(long millis) throws InterruptedException {
          return done.await(millis, TimeUnit.MILLISECONDS);
        }
      };
    }

    @Override
    String kind() {
      return "virtual";
    }

    @Override
    <T> T call(java.util.function.Supplier<T> body) {
      Object[] result = new Object[1];
      Throwable[] failure = new Throwable[1];
      Handle h = start(() -> {
        try {
          result[0] = body.get();
        } catch (Throwable t) {
          failure[0] = t;
        }
      }, "lockmc explorer");
      try {
        while (!h.await(60_000)) {
          // keep waiting: an exploration is bounded by its own time limit
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while exploring", e);
      }
      if (failure[0] instanceof RuntimeException) {
        throw (RuntimeException) failure[0];
      }
      if (failure[0] instanceof Error) {
        throw (Error) failure[0];
      }
      @SuppressWarnings("unchecked")
      T t = (T) result[0];
      return t;
    }
  }

  /** Reusable daemon platform threads. */
  private static final class PlatformPool extends TaskThreads {
    /** Spin iterations before parking; 0 by default: on two cores spinning starves the thread being woken. */
    private static final int SPINS = Integer.getInteger("lockmc.spins", 0);
    private final ArrayDeque<Worker> idle = new ArrayDeque<>();
    private boolean closed;

    private final class Worker implements Runnable {
      private final Thread thread;
      private Runnable job;
      private CountDownLatch done;

      Worker() {
        thread = new Thread(this, "lockmc-task");
        thread.setDaemon(true);
      }

      @Override
      public void run() {
        for (;;) {
          Runnable j;
          CountDownLatch d;
          synchronized (this) {
            while (job == null && !closed) {
              try {
                wait();
              } catch (InterruptedException e) {
                return;
              }
            }
            if (job == null) {
              return;
            }
            j = job;
            d = done;
          }
          try {
            j.run();
          } catch (Throwable ignored) {
            // the body reports its own failures; a worker must survive them
          }
          synchronized (this) {
            job = null;
          }
          synchronized (PlatformPool.this) {
            if (!closed) {
              idle.push(this);
            }
          }
          d.countDown();
        }
      }
    }

    @Override
    Handle start(Runnable body, String name) {
      Worker w;
      synchronized (this) {
        w = idle.poll();
      }
      boolean fresh = w == null;
      if (fresh) {
        w = new Worker();
      }
      CountDownLatch done = new CountDownLatch(1);
      synchronized (w) {
        w.job = body;
        w.done = done;
        w.notifyAll();
      }
      if (fresh) {
        w.thread.start();
      }
      Thread t = w.thread;
      return new Handle() {
        @Override
        public Thread thread() {
          return t;
        }

        @Override
        public boolean await(long millis) throws InterruptedException {
          return done.await(millis, TimeUnit.MILLISECONDS);
        }
      };
    }

    @Override
    String kind() {
      return "platform";
    }

    @Override
    int spins() {
      return SPINS;
    }

    @Override
    public void close() {
      synchronized (this) {
        closed = true;
        for (Worker w : idle) {
          synchronized (w) {
            w.notifyAll();
          }
        }
        idle.clear();
      }
    }
  }
}
