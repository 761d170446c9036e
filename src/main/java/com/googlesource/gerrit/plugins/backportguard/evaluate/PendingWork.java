// Copyright (C) 2026 The Android Open Source Project
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
// http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package com.googlesource.gerrit.plugins.backportguard.evaluate;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableList;
import com.google.common.flogger.FluentLogger;
import com.google.common.hash.Hashing;
import com.google.gerrit.extensions.events.LifecycleListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Keeps the plugin's pending work where a crash cannot take it, like the replication plugin keeps
 * its pending pushes: one small file per pending key under the plugin's data directory ({@code
 * $site/data/<plugin>/pending/<queue>/}), written atomically (a temporary file renamed into place)
 * before the work is queued and removed once it is done, so that the next start replays what a
 * killed process left behind. Each run names its files with its own id, so that during a plugin
 * reload the old instance finishing a run never deletes the file of a key the new one has queued.
 *
 * <p>It also tells whether a previous run of the plugin ended without stopping: each run leaves a
 * marker file, holding the id of its JVM, while it runs and removes it when it stops. A marker of
 * another JVM found at start belongs to a run that was killed. A marker of this JVM belongs to the
 * old instance of a plugin reload: not a crash, unless that instance stopped with in-memory work
 * pending and said so in its marker. The markers of a crash stay until the catch-up that answers
 * for it has finished ({@link #catchUpDone()}), so that a run stopped before its catch-up leaves
 * the crash to the next one.
 *
 * <p>A file that cannot be read back (truncated by a full disk, edited by hand, written by another
 * version, not a regular file) is skipped with a warning and deleted; it never stops the plugin
 * from starting. A file that cannot be written is logged (at most once a minute) and the work runs
 * anyway, only not crash-proof.
 */
public class PendingWork implements LifecycleListener {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  /** Turns the keys of one queue into one line of text and back. */
  public interface Codec<K> {
    String encode(K key);

    /**
     * @throws IllegalArgumentException if the text is not a key
     */
    K decode(String text);
  }

  /** The durable part of a queue: what has been submitted and not finished yet. */
  public interface Journal<K> {
    /**
     * Records the key as pending for this run; returns once it is on disk, or after 100 ms (a hung
     * disk), the write going on in the background.
     */
    void add(K key);

    /** Forgets the key of this run: its work is done, or failed for good. */
    void remove(K key);

    /**
     * The keys recorded and not removed, by this run or a previous one (or the other instance of a
     * reload), each once; unreadable ones skipped.
     */
    ImmutableList<K> pending();

    /** Deletes the key's files of other runs, once this run has recorded it as its own. */
    void adopted(K key);
  }

  /** Keeps nothing: for queues that need not survive a crash, and for tests. */
  public static <K> Journal<K> none() {
    return new Journal<>() {
      @Override
      public void add(K key) {}

      @Override
      public void remove(K key) {}

      @Override
      public ImmutableList<K> pending() {
        return ImmutableList.of();
      }

      @Override
      public void adopted(K key) {}
    };
  }

  /**
   * This JVM: its pid and start time (a container may give each start the same pid). The same for
   * every instance of the plugin in one process, whatever its class loader.
   */
  public static final String THIS_PROCESS =
      ProcessHandle.current().pid() + "@" + ManagementFactory.getRuntimeMXBean().getStartTime();

  private static final Pattern QUEUE_NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final String TMP_PREFIX = ".tmp-";
  private static final String RUNNING_PREFIX = "running-";

  /** What a run that stops with in-memory work pending writes into its marker. */
  private static final String LOST_WORK = "stopped with work pending";

  private static final int MAX_KEY_CHARS = 64 * 1024;

  /** How long a caller waits for its write: normally the write is done well within it. */
  private static final Duration WRITE_WAIT = Duration.ofMillis(100);

  /** Writes waiting at most (a hung disk); more are dropped with a warning. */
  private static final int MAX_WRITES_WAITING = 100_000;

  /** How long reading the journal, or a stop, waits for the writes before it. */
  private static final Duration FLUSH_WAIT = Duration.ofSeconds(10);

  private final Path root;
  private final String process;
  private final String runId = UUID.randomUUID().toString();
  private final Path runningMarker;

  /** The markers of other runs found at start: the candidates for a crash to catch up with. */
  private final ImmutableList<Path> earlierMarkers;

  private final List<BooleanSupplier> inMemoryWork = new CopyOnWriteArrayList<>();

  /**
   * Writes the journals' files, in order, so that a caller on a Gerrit thread never waits on a hung
   * disk for more than {@link #WRITE_WAIT}.
   */
  private final ThreadPoolExecutor writer;

  /** Set when a write took longer than {@link #WRITE_WAIT}: callers stop waiting until it ends. */
  private volatile boolean writerBehind;

  /**
   * @param process the id of the process this run lives in, {@link #THIS_PROCESS} in production
   * @param pluginName names the writer thread
   */
  public PendingWork(Path dataDir, String process, String pluginName) {
    this.writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(MAX_WRITES_WAITING),
            r -> {
              // Named directly: a name format would read a '%' in the plugin's name.
              Thread t = new Thread(r, pluginName + " pending-work writer");
              t.setDaemon(true);
              return t;
            });
    this.root = dataDir.resolve("pending");
    this.process = process;
    this.runningMarker = root.resolve(RUNNING_PREFIX + runId);
    this.earlierMarkers = markRunning();
  }

  /**
   * Whether a run of the plugin ended without stopping (killed, crashed, or stopped with in-memory
   * work pending) and no catch-up has answered for it yet. Decided when asked, not at construction:
   * the old instance of a reload may still be stopping when the new one is built.
   */
  public boolean previousRunDidNotStop() {
    return !unansweredCrashes().isEmpty();
  }

  /** The catch-up answered for the runs that did not stop: they no longer count. */
  public void catchUpDone() {
    for (Path m : unansweredCrashes()) {
      FileJournal.deleteQuietly(m);
    }
  }

  private List<Path> unansweredCrashes() {
    List<Path> out = new ArrayList<>();
    for (Path m : earlierMarkers) {
      try {
        if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
          if (Files.notExists(m, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          throw new IOException("not a regular file");
        }
        String text = Files.readString(m, UTF_8).strip();
        if (!text.equals(process)) {
          out.add(m);
        }
      } catch (NoSuchFileException e) {
        // That run stopped cleanly meanwhile (the old instance of a reload), or was answered for.
      } catch (IOException | RuntimeException e) {
        // Unreadable: safer to catch up once too often than to lose a crash.
        out.add(m);
      }
    }
    return out;
  }

  @Override
  public void start() {}

  /**
   * Work that lives in memory only, such as the re-check lookups: while it says it is busy, a stop
   * counts as a crash, so the next start replays the recent updates and what was pending is not
   * lost.
   */
  public void treatStopAsCrashWhile(BooleanSupplier busy) {
    inMemoryWork.add(busy);
  }

  @Override
  public void stop() {
    // What is queued is still written (a key dropped by the stopping queues must stay).
    writer.shutdown();
    try {
      if (!writer.awaitTermination(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        logger.atWarning().log("Pending work still being written at stop (a hung disk?)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (inMemoryWork.stream().anyMatch(BooleanSupplier::getAsBoolean)) {
      logger.atInfo().log(
          "Stopping with re-checks pending; the next start catches up with the recent updates");
      try {
        // Also a reload in this JVM must take it for a crash.
        Files.writeString(runningMarker, LOST_WORK, UTF_8);
      } catch (IOException e) {
        logger.atWarning().withCause(e).log("Cannot update %s", runningMarker);
      }
      return;
    }
    FileJournal.deleteQuietly(runningMarker);
  }

  private ImmutableList<Path> markRunning() {
    List<Path> found = new ArrayList<>();
    try {
      Files.createDirectories(root);
      try (DirectoryStream<Path> markers = Files.newDirectoryStream(root, RUNNING_PREFIX + "*")) {
        markers.forEach(found::add);
      }
      Files.writeString(runningMarker, process, UTF_8);
    } catch (IOException e) {
      logger.atWarning().withCause(e).log(
          "Cannot keep pending work in %s: it does not survive a crash: %s", root, e.getMessage());
    }
    return ImmutableList.copyOf(found);
  }

  /**
   * Runs a write on the writer thread and waits for it at most {@link #WRITE_WAIT}, not at all
   * while an earlier write is still hanging: the caller may be a Gerrit thread.
   */
  private void write(Runnable op) {
    Future<?> done;
    try {
      done =
          writer.submit(
              () -> {
                op.run();
                if (writer.getQueue().isEmpty()) {
                  writerBehind = false;
                }
              });
    } catch (RejectedExecutionException e) {
      logger.atWarning().atMostEvery(1, TimeUnit.MINUTES).log(
          "Pending work not recorded in %s: %s (stopped, or %d writes waiting on the disk);"
              + " it runs, but is lost if the server dies first (logged at most once a minute)",
          root, writer.isShutdown() ? "the plugin stops" : "too many writes", MAX_WRITES_WAITING);
      return;
    }
    if (writerBehind) {
      return;
    }
    try {
      done.get(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      writerBehind = true;
      logger.atWarning().atMostEvery(1, TimeUnit.MINUTES).log(
          "Writing pending work in %s takes longer than %d ms (a slow or hung disk): no longer"
              + " waiting for it (logged at most once a minute)",
          root, WRITE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // The write logs its own failures.
    }
  }

  /** Waits, a bounded time, for the writes queued before. */
  private void flush() {
    try {
      writer.submit(() -> {}).get(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
      // Stopped, or the disk hangs: read what is there.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The journal of one queue, in its own directory.
   *
   * @param queue a short lowercase name, the directory's
   */
  public <K> Journal<K> journal(String queue, Codec<K> codec) {
    if (!QUEUE_NAME.matcher(queue).matches()) {
      throw new IllegalArgumentException("queue name " + queue);
    }
    return new FileJournal<>(root.resolve(queue), codec, runId, this);
  }

  private static final class FileJournal<K> implements Journal<K> {
    private final Path dir;
    private final Codec<K> codec;
    private final String runId;
    private final PendingWork store;

    FileJournal(Path dir, Codec<K> codec, String runId, PendingWork store) {
      this.dir = dir;
      this.codec = codec;
      this.runId = runId;
      this.store = store;
    }

    /** Names a key: by a hash, since keys hold project names of any length. */
    private static String hash(String encoded) {
      return Hashing.sha256().hashString(encoded, UTF_8).toString();
    }

    /** The hash part of a file's name: {@code <hash>.<run id>}. */
    private static String hashOf(Path f) {
      String name = f.getFileName().toString();
      int dot = name.indexOf('.');
      return dot < 0 ? name : name.substring(0, dot);
    }

    /** This run's file of a key. */
    private Path file(String encoded) {
      return dir.resolve(hash(encoded) + "." + runId);
    }

    @Override
    public void add(K key) {
      String encoded = codec.encode(key);
      store.write(() -> write(encoded));
    }

    private void write(String encoded) {
      Path tmp = null;
      try {
        Files.createDirectories(dir);
        tmp = Files.createTempFile(dir, TMP_PREFIX, "");
        Files.writeString(tmp, encoded + "\n", UTF_8);
        try {
          Files.move(tmp, file(encoded), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file(encoded), StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        logger.atWarning().atMostEvery(1, TimeUnit.MINUTES).withCause(e).log(
            "Cannot record pending %s in %s; it runs, but is lost if the server dies first"
                + " (logged at most once a minute)",
            encoded, dir);
        deleteQuietly(tmp);
      }
    }

    @Override
    public void remove(K key) {
      String encoded = codec.encode(key);
      store.write(() -> delete(encoded));
    }

    private void delete(String encoded) {
      try {
        Files.deleteIfExists(file(encoded));
      } catch (IOException e) {
        logger.atWarning().atMostEvery(1, TimeUnit.MINUTES).withCause(e).log(
            "Cannot remove %s from %s; it runs once more at the next start"
                + " (logged at most once a minute)",
            encoded, dir);
      }
    }

    @Override
    public void adopted(K key) {
      // After this run's own record of the key.
      store.write(() -> deleteOthers(hash(codec.encode(key))));
    }

    private void deleteOthers(String hash) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, hash + ".*")) {
        for (Path f : files) {
          if (!f.getFileName().toString().equals(hash + "." + runId)) {
            deleteQuietly(f);
          }
        }
      } catch (IOException e) {
        logger.atWarning().withCause(e).log("Cannot list the pending work in %s", dir);
      }
    }

    @Override
    public ImmutableList<K> pending() {
      store.flush();
      Set<K> out = new LinkedHashSet<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path f : files) {
          if (f.getFileName().toString().startsWith(TMP_PREFIX)) {
            // A write that the crash cut short; its key was never acknowledged.
            deleteQuietly(f);
            continue;
          }
          read(f).ifPresent(out::add);
        }
      } catch (NoSuchFileException e) {
        // Nothing was ever recorded.
      } catch (IOException | RuntimeException e) {
        logger.atWarning().withCause(e).log("Cannot list the pending work in %s", dir);
      }
      return ImmutableList.copyOf(out);
    }

    private Optional<K> read(Path f) {
      String text = null;
      try {
        // Not a link to elsewhere, nor a pipe or device that a read would block on.
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          throw new IllegalArgumentException("not a regular file");
        }
        if (Files.size(f) > MAX_KEY_CHARS) {
          throw new IllegalArgumentException("larger than " + MAX_KEY_CHARS + " bytes");
        }
        text = Files.readString(f, UTF_8);
        if (!text.endsWith("\n")) {
          throw new IllegalArgumentException("incomplete");
        }
        String encoded = text.substring(0, text.length() - 1);
        if (!hashOf(f).equals(hash(encoded))) {
          throw new IllegalArgumentException("content does not match the file name");
        }
        return Optional.of(codec.decode(encoded));
      } catch (IOException | RuntimeException e) {
        logger.atWarning().log(
            "Skipping unreadable pending work %s (%s): %s",
            f, e.getMessage(), text == null ? "" : abbreviate(text));
        deleteQuietly(f);
        return Optional.empty();
      }
    }

    private static String abbreviate(String text) {
      String oneLine = text.replace('\n', ' ').strip();
      return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    static void deleteQuietly(Path f) {
      if (f == null) {
        return;
      }
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        logger.atWarning().withCause(e).log("Cannot delete %s", f);
      }
    }
  }
}
