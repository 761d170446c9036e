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

import com.google.common.annotations.VisibleForTesting;
import com.google.common.collect.ImmutableList;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.entities.RefNames;
import com.google.gerrit.extensions.annotations.PluginData;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.extensions.events.GitBatchRefUpdateListener;
import com.google.gerrit.extensions.events.LifecycleListener;
import com.google.gerrit.server.config.ConfigUtil;
import com.google.gerrit.server.config.GerritServerConfig;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Records, in files under the plugin's data directory, which changes and branches were updated
 * recently, so that a start after a crash can catch up without trusting the index.
 *
 * <p>Gerrit's Lucene index commits to disk only every {@code index.<name>.commitWithin} (5 minutes
 * by default). When the server is killed, whatever it indexed since the last commit is gone: the
 * changes created, merged or abandoned in those minutes are missing or stale in the index after the
 * restart, and the events that would have re-checked their dependents died with the process. This
 * log keeps the changes and branches updated within a window of three times that period (at least
 * 15 minutes), one line per update in one file per 5 minutes, old files deleted as new ones start.
 *
 * <p>The recorder runs on the Gerrit thread that made the ref update, so it only hands the entries
 * to a bounded queue and returns: one thread of the plugin's own appends them, without waiting for
 * the disk (a killed process loses nothing that the kernel already has). When the queue is full (a
 * slow or hung disk, a flood of updates), or a file holds {@link #MAX_LINES_PER_FILE} lines, the
 * entries are dropped and a line saying so is written instead, so that the catch-up knows the log
 * is incomplete and also runs the index-based sweep.
 */
@Singleton
public class UpdateLog implements LifecycleListener {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  /** An update the catch-up after a crash has to replay. */
  public sealed interface Entry {
    Project.NameKey project();
  }

  /** A change's notes were updated: a new patch set, a merge, an abandon, a vote, a message. */
  public record ChangeUpdated(Project.NameKey project, Change.Id change) implements Entry {}

  /** A branch moved other than by its creation or deletion: a submit, a direct push. */
  public record BranchUpdated(Project.NameKey project, String ref, ObjectId oldTip, ObjectId newTip)
      implements Entry {}

  /**
   * What the catch-up reads: the updates, each once, oldest first, and how many were left out (cut
   * by the bounds, or dropped when they were recorded); with any left out, the log is incomplete.
   */
  public record Recent(ImmutableList<Entry> entries, long leftOut) {
    public boolean complete() {
      return leftOut == 0;
    }
  }

  static final Duration BUCKET = Duration.ofMinutes(5);
  static final Duration MIN_WINDOW = Duration.ofMinutes(15);

  /** With automatic index commits off, the index is safe only after a clean stop. */
  static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** Entries the catch-up replays at most, shared fairly between projects. */
  static final int MAX_ENTRIES = 20_000;

  /** Entries the catch-up keeps in memory while it reads, before choosing {@link #MAX_ENTRIES}. */
  static final int MAX_READ = 5 * MAX_ENTRIES;

  /**
   * Lines one file (5 minutes) holds at most: bounds the disk (about 8 MB a file) and each file's
   * read. High enough that a flood in one project leaves room for the others' updates.
   */
  static final int MAX_LINES_PER_FILE = MAX_READ;

  /** Entries waiting for the writer at most; more are dropped. */
  static final int MAX_QUEUED = MAX_ENTRIES;

  /** How long a stop waits for the writer. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  /** How long the catch-up waits for the entries recorded before it to be written. */
  private static final Duration FLUSH_WAIT = Duration.ofSeconds(10);

  private static final long DEFAULT_COMMIT_WITHIN_MS = TimeUnit.MINUTES.toMillis(5);
  private static final String SUFFIX = ".log";
  private static final String DROPPED = "dropped";

  /** An entry and when it was recorded. */
  private record Stamped(long at, Entry entry) {}

  private final Path dir;
  private final Duration window;
  private final LongSupplier clock;
  private final BlockingQueue<Stamped> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
  private final AtomicLong dropped = new AtomicLong();

  /** Entries accepted, and entries the writer has done with (written or failed); for the flush. */
  private final AtomicLong accepted = new AtomicLong();

  private final Object written = new Object();
  private long done;
  private final Thread writer;
  private volatile boolean stopped;

  // Only the writer thread touches these.
  private long currentBucket = -1;
  private int linesInBucket;

  @Inject
  UpdateLog(
      @PluginName String pluginName, @PluginData Path dataDir, @GerritServerConfig Config cfg) {
    this(pluginName, dataDir.resolve("updates"), window(cfg), System::currentTimeMillis);
  }

  /**
   * @param pluginName names the writer thread
   * @param clock the time of an update, in milliseconds since the epoch
   */
  UpdateLog(String pluginName, Path dir, Duration window, LongSupplier clock) {
    this.dir = dir;
    this.window = window;
    this.clock = clock;
    this.writer = new Thread(this::writeLoop, pluginName + " update log writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Three index commit periods of the change index, at least 15 minutes, at most a day. */
  static Duration window(Config cfg) {
    long longest = 0;
    for (String index : List.of("changes_open", "changes_closed")) {
      long ms;
      try {
        ms =
            ConfigUtil.getTimeUnit(
                cfg,
                "index",
                index,
                "commitWithin",
                DEFAULT_COMMIT_WITHIN_MS,
                TimeUnit.MILLISECONDS);
      } catch (IllegalArgumentException e) {
        // As Gerrit's Lucene index reads it: a plain (negative) number.
        ms = cfg.getLong("index", index, "commitWithin", 0);
      }
      if (ms < 0) {
        return MAX_WINDOW;
      }
      longest = Math.max(longest, ms);
    }
    Duration three = Duration.ofMillis(longest).multipliedBy(3);
    return three.compareTo(MIN_WINDOW) < 0
        ? MIN_WINDOW
        : three.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : three;
  }

  /** How far back the catch-up after a crash looks. */
  public Duration window() {
    return window;
  }

  @Override
  public void start() {}

  /** Writes what is queued, within a few seconds (a hung disk is not waited for), and stops. */
  @Override
  public void stop() {
    stopped = true;
    try {
      writer.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      logger.atWarning().log(
          "The update log writer did not stop within %d s (a hung disk?)", STOP_WAIT.toSeconds());
    }
  }

  /**
   * Hands the updates to the writer and returns at once: never waits, never throws. When the queue
   * is full they are dropped, and the log says so to the catch-up.
   */
  public void record(List<Entry> entries) {
    if (entries.isEmpty() || stopped) {
      return;
    }
    long now = clock.getAsLong();
    int lost = 0;
    for (Entry e : entries) {
      if (queue.offer(new Stamped(now, e))) {
        accepted.incrementAndGet();
      } else {
        lost++;
      }
    }
    if (lost > 0) {
      dropped.addAndGet(lost);
      logger.atWarning().atMostEvery(1, TimeUnit.MINUTES).log(
          "The update log in %s cannot keep up (%d updates waiting): dropped %d; a crash in the"
              + " next minutes makes the start-up also sweep the index (logged at most once a"
              + " minute)",
          dir, MAX_QUEUED, lost);
    }
  }

  /** The writer thread: appends what is queued, in batches, until stopped with nothing queued. */
  private void writeLoop() {
    List<Stamped> batch = new ArrayList<>();
    while (true) {
      Stamped first;
      try {
        first = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first == null) {
        if (stopped && queue.isEmpty()) {
          return;
        }
        continue;
      }
      batch.add(first);
      queue.drainTo(batch);
      try {
        write(batch);
      } catch (RuntimeException e) {
        logger.atWarning().atMostEvery(1, TimeUnit.MINUTES).withCause(e).log(
            "Cannot record updates in %s", dir);
      }
      synchronized (written) {
        done += batch.size();
        written.notifyAll();
      }
      batch.clear();
    }
  }

  /**
   * Appends the entries to the files of their buckets; a failure is logged and costs safety only.
   */
  private void write(List<Stamped> batch) {
    long now = clock.getAsLong();
    long lost = 0;
    List<String> lines = new ArrayList<>();
    long bucket = -1;
    for (Stamped s : batch) {
      long b = bucketOf(s.at());
      if (b != bucket && !lines.isEmpty()) {
        lost += append(bucket, lines, now);
        lines.clear();
      }
      bucket = b;
      lines.add(encode(s.entry()));
    }
    if (!lines.isEmpty()) {
      lost += append(bucket, lines, now);
    }
    lost += dropped.getAndSet(0);
    if (lost > 0) {
      // Into the newest bucket: the catch-up after a crash within the window sees it.
      JsonObject o = new JsonObject();
      o.addProperty(DROPPED, lost);
      if (append(bucketOf(now), List.of(o.toString()), now) > 0) {
        // Not written either: said with the next batch.
        dropped.addAndGet(lost);
      }
    }
  }

  /**
   * Appends the lines to a bucket's file, as many as fit under {@link #MAX_LINES_PER_FILE} (a
   * single line always fits: the one saying what was dropped); returns how many were not written.
   */
  private int append(long bucket, List<String> lines, long now) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(bucket + SUFFIX);
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
          && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        // A pipe or device would hang the writer; a link would write elsewhere.
        throw new IOException(file + " is not a regular file");
      }
      if (bucket != currentBucket) {
        currentBucket = bucket;
        prune(now);
        linesInBucket = countLines(file);
      }
      int fit =
          lines.size() == 1
              ? 1
              : Math.max(0, Math.min(lines.size(), MAX_LINES_PER_FILE - linesInBucket));
      if (fit == 0) {
        return lines.size();
      }
      StringBuilder text = new StringBuilder();
      for (String line : lines.subList(0, fit)) {
        text.append(line).append('\n');
      }
      try (FileChannel out =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
        long size = out.size();
        if (size > 0) {
          // A line that a crash cut short must not swallow the first one written now.
          ByteBuffer last = ByteBuffer.allocate(1);
          out.read(last, size - 1);
          if (last.get(0) != '\n') {
            text.insert(0, '\n');
          }
        }
        ByteBuffer bytes = UTF_8.encode(text.toString());
        out.position(size);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
      }
      linesInBucket += fit;
      return lines.size() - fit;
    } catch (IOException e) {
      logger.atWarning().atMostEvery(1, TimeUnit.MINUTES).withCause(e).log(
          "Cannot record updates in %s; a crash in the next minutes may leave verdicts stale"
              + " (logged at most once a minute)",
          dir);
      return lines.size();
    }
  }

  private static int countLines(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(file, UTF_8)) {
      return (int) Math.min(Integer.MAX_VALUE, lines.count());
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static long bucketOf(long at) {
    return at - Math.floorMod(at, BUCKET.toMillis());
  }

  /**
   * Waits, a bounded time, until the writer has done with what was recorded before: the catch-up
   * reads what this run recorded too, and tests look at the files.
   */
  @VisibleForTesting
  void flush() {
    long target = accepted.get();
    long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
    synchronized (written) {
      while (done < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          written.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * The updates recorded within the window, each once, oldest first; unreadable lines (the last
   * one, cut by the crash) skipped with a warning.
   *
   * <p>Files are read newest first, and reading stops once {@link #MAX_READ} entries are kept. Each
   * project keeps its newest entries, and the {@link #MAX_ENTRIES} replayed are taken from the
   * projects in turn, so that a flood of updates in one project cannot push another project's
   * update out. Whatever is left out is logged, and makes the log incomplete.
   */
  public Recent read() {
    flush();
    long from = clock.getAsLong() - window.toMillis() - BUCKET.toMillis();
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path f : all) {
        Long start = bucketStart(f);
        if (start != null && start >= from) {
          files.add(f);
        }
      }
    } catch (NoSuchFileException e) {
      return new Recent(ImmutableList.of(), 0);
    } catch (IOException e) {
      logger.atWarning().withCause(e).log("Cannot list the recent updates in %s", dir);
      return new Recent(ImmutableList.of(), 0);
    }
    files.sort((a, b) -> Long.compare(bucketStart(b), bucketStart(a)));

    // Newest first: an entry's newest occurrence decides its place.
    Set<Entry> seen = new HashSet<>();
    Map<Project.NameKey, List<Entry>> byProject = new LinkedHashMap<>();
    Map<Entry, Integer> age = new HashMap<>();
    long leftOut = 0;
    int skipped = 0;
    boolean full = false;
    for (Path f : files) {
      if (full) {
        leftOut += countLines(f);
        continue;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(f, UTF_8);
      } catch (IOException e) {
        logger.atWarning().withCause(e).log("Cannot read %s", f);
        continue;
      }
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (full) {
          leftOut++;
          continue;
        }
        String line = lines.get(i);
        Entry e;
        try {
          JsonObject o = JsonParser.parseString(line).getAsJsonObject();
          if (o.has(DROPPED)) {
            leftOut += o.get(DROPPED).getAsLong();
            continue;
          }
          e = decode(o);
        } catch (RuntimeException ex) {
          skipped++;
          continue;
        }
        if (!seen.add(e)) {
          continue;
        }
        List<Entry> mine = byProject.computeIfAbsent(e.project(), p -> new ArrayList<>());
        if (mine.size() >= MAX_ENTRIES) {
          leftOut++;
          continue;
        }
        mine.add(e);
        age.put(e, age.size());
        full = age.size() >= MAX_READ;
      }
    }
    if (skipped > 0) {
      logger.atWarning().log(
          "Skipped %d unreadable lines of the recent updates in %s", skipped, dir);
    }

    // The projects in turn, each its newest first.
    List<Entry> chosen = new ArrayList<>();
    List<Iterator<Entry>> turns = new ArrayList<>();
    byProject.values().forEach(l -> turns.add(l.iterator()));
    while (chosen.size() < MAX_ENTRIES && !turns.isEmpty()) {
      for (Iterator<Iterator<Entry>> t = turns.iterator();
          t.hasNext() && chosen.size() < MAX_ENTRIES; ) {
        Iterator<Entry> project = t.next();
        if (project.hasNext()) {
          chosen.add(project.next());
        } else {
          t.remove();
        }
      }
    }
    leftOut += age.size() - chosen.size();
    chosen.sort(Comparator.comparing(age::get, Comparator.reverseOrder()));
    if (leftOut > 0) {
      logger.atWarning().log(
          "The recent updates in %s are incomplete: %d left out (over %d, %d per project, or"
              + " dropped when recorded); the catch-up replays %d and the index-based sweep runs"
              + " after it",
          dir, leftOut, MAX_ENTRIES, MAX_ENTRIES, chosen.size());
    }
    return new Recent(ImmutableList.copyOf(chosen), leftOut);
  }

  private void prune(long now) {
    long before = now - window.toMillis() - 2 * BUCKET.toMillis();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path f : all) {
        Long start = bucketStart(f);
        if (start != null && start < before) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      logger.atWarning().atMostEvery(1, TimeUnit.MINUTES).withCause(e).log(
          "Cannot prune the recent updates in %s", dir);
    }
  }

  private static Long bucketStart(Path f) {
    String name = f.getFileName().toString();
    try {
      return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String encode(Entry entry) {
    JsonObject o = new JsonObject();
    // if/else, not a pattern switch: the 3.10 build compiles for Java 17.
    if (entry instanceof ChangeUpdated c) {
      o.addProperty("p", c.project().get());
      o.addProperty("c", c.change().get());
    } else if (entry instanceof BranchUpdated b) {
      o.addProperty("p", b.project().get());
      o.addProperty("r", b.ref());
      o.addProperty("o", b.oldTip().name());
      o.addProperty("n", b.newTip().name());
    } else {
      throw new IllegalStateException("unknown update log entry: " + entry);
    }
    return o.toString();
  }

  private static Entry decode(JsonObject o) {
    Project.NameKey project = Project.nameKey(o.get("p").getAsString());
    if (o.has("c")) {
      return new ChangeUpdated(project, Change.id(o.get("c").getAsInt()));
    }
    return new BranchUpdated(
        project,
        o.get("r").getAsString(),
        ObjectId.fromString(o.get("o").getAsString()),
        ObjectId.fromString(o.get("n").getAsString()));
  }

  /** Records the change notes and branches each ref update touches; only appends, never waits. */
  static class Recorder implements GitBatchRefUpdateListener {
    private final UpdateLog log;

    @Inject
    Recorder(UpdateLog log) {
      this.log = log;
    }

    @Override
    public void onGitBatchRefUpdate(Event event) {
      Project.NameKey project = Project.nameKey(event.getProjectName());
      List<Entry> entries = new ArrayList<>();
      for (UpdatedRef ref : event.getUpdatedRefs()) {
        String name = ref.getRefName();
        if (name.startsWith(RefNames.REFS_CHANGES) && name.endsWith(RefNames.META_SUFFIX)) {
          Change.Id id = Change.Id.fromRef(name);
          if (id != null) {
            entries.add(new ChangeUpdated(project, id));
          }
        } else if (name.startsWith(RefNames.REFS_HEADS) && !ref.isCreate() && !ref.isDelete()) {
          entries.add(
              new BranchUpdated(
                  project,
                  name,
                  ObjectId.fromString(ref.getOldObjectId()),
                  ObjectId.fromString(ref.getNewObjectId())));
        }
      }
      log.record(entries);
    }
  }
}
