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
import com.google.gerrit.extensions.annotations.PluginData;
import com.google.gerrit.extensions.events.LifecycleListener;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Keeps the plugin's pending work where a crash cannot take it, like the replication plugin keeps
 * its pending pushes: one small file per pending key under the plugin's data directory ({@code
 * $site/data/backport-guard/pending/<queue>/}), written atomically (a temporary file renamed into
 * place) before the work is queued and removed once it is done, so that the next start replays what
 * a killed process left behind.
 *
 * <p>It also tells whether the previous run of the plugin ended without stopping: each run leaves a
 * marker file while it runs and removes it when it stops. A marker found at start belongs to a run
 * that was killed (or, during a plugin reload, to the old instance that is still stopping; then the
 * catch-up does some extra reading and posts nothing new).
 *
 * <p>A file that cannot be read back (truncated by a full disk, edited by hand, written by another
 * version) is skipped with a warning and deleted; it never stops the plugin from starting. A file
 * that cannot be written is logged and the work runs anyway, only not crash-proof.
 */
@Singleton
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
    /** Records the key as pending; returns once it is on disk. */
    void add(K key);

    /** Forgets the key: its work is done, or failed for good. */
    void remove(K key);

    /** The keys recorded and not removed, also those of a previous run; unreadable ones skipped. */
    ImmutableList<K> pending();
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
    };
  }

  private static final Pattern QUEUE_NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final String TMP_PREFIX = ".tmp-";
  private static final String RUNNING_PREFIX = "running-";
  private static final int MAX_KEY_CHARS = 64 * 1024;

  private final Path root;
  private final Path runningMarker;
  private final boolean previousRunDidNotStop;
  private final List<BooleanSupplier> inMemoryWork = new CopyOnWriteArrayList<>();

  @Inject
  PendingWork(@PluginData Path dataDir) {
    this.root = dataDir.resolve("pending");
    this.runningMarker = root.resolve(RUNNING_PREFIX + UUID.randomUUID());
    this.previousRunDidNotStop = markRunning();
  }

  /** Whether a run of the plugin was found that ended without stopping (killed, or crashed). */
  public boolean previousRunDidNotStop() {
    return previousRunDidNotStop;
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
    if (inMemoryWork.stream().anyMatch(BooleanSupplier::getAsBoolean)) {
      logger.atInfo().log(
          "Stopping with re-checks pending; the next start catches up with the recent updates");
      return;
    }
    try {
      Files.deleteIfExists(runningMarker);
    } catch (IOException e) {
      logger.atWarning().withCause(e).log("Cannot remove %s", runningMarker);
    }
  }

  private boolean markRunning() {
    boolean found = false;
    try {
      Files.createDirectories(root);
      try (DirectoryStream<Path> markers = Files.newDirectoryStream(root, RUNNING_PREFIX + "*")) {
        for (Path m : markers) {
          found = true;
          // That run is over (or stopping, on a reload); this run answers for it now.
          Files.deleteIfExists(m);
        }
      }
      Files.writeString(runningMarker, Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      logger.atWarning().withCause(e).log(
          "Cannot keep pending work in %s: it does not survive a crash: %s", root, e.getMessage());
    }
    return found;
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
    return new FileJournal<>(root.resolve(queue), codec);
  }

  private static final class FileJournal<K> implements Journal<K> {
    private final Path dir;
    private final Codec<K> codec;

    FileJournal(Path dir, Codec<K> codec) {
      this.dir = dir;
      this.codec = codec;
    }

    /** The file of a key: named by a hash, since keys hold project names of any length. */
    private Path file(String encoded) {
      return dir.resolve(Hashing.sha256().hashString(encoded, UTF_8).toString());
    }

    @Override
    public void add(K key) {
      String encoded = codec.encode(key);
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
        logger.atWarning().withCause(e).log(
            "Cannot record pending %s in %s; it runs, but is lost if the server dies first",
            encoded, dir);
        deleteQuietly(tmp);
      }
    }

    @Override
    public void remove(K key) {
      String encoded = codec.encode(key);
      try {
        Files.deleteIfExists(file(encoded));
      } catch (IOException e) {
        logger.atWarning().withCause(e).log(
            "Cannot remove %s from %s; it runs once more at the next start", encoded, dir);
      }
    }

    @Override
    public ImmutableList<K> pending() {
      List<K> out = new ArrayList<>();
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
        if (Files.size(f) > MAX_KEY_CHARS) {
          throw new IllegalArgumentException("larger than " + MAX_KEY_CHARS + " bytes");
        }
        text = Files.readString(f, UTF_8);
        if (!text.endsWith("\n")) {
          throw new IllegalArgumentException("incomplete");
        }
        String encoded = text.substring(0, text.length() - 1);
        if (!f.getFileName().toString().equals(file(encoded).getFileName().toString())) {
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

    private static void deleteQuietly(Path f) {
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
