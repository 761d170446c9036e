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
import com.google.gerrit.extensions.events.GitBatchRefUpdateListener;
import com.google.gerrit.server.config.ConfigUtil;
import com.google.gerrit.server.config.GerritServerConfig;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
 * Lines are appended without waiting for the disk: a killed process loses nothing that the kernel
 * already has.
 */
@Singleton
public class UpdateLog {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  /** An update the catch-up after a crash has to replay. */
  public sealed interface Entry {}

  /** A change's notes were updated: a new patch set, a merge, an abandon, a vote, a message. */
  public record ChangeUpdated(Project.NameKey project, Change.Id change) implements Entry {}

  /** A branch moved other than by its creation or deletion: a submit, a direct push. */
  public record BranchUpdated(Project.NameKey project, String ref, ObjectId oldTip, ObjectId newTip)
      implements Entry {}

  static final Duration BUCKET = Duration.ofMinutes(5);
  static final Duration MIN_WINDOW = Duration.ofMinutes(15);

  /** With automatic index commits off, the index is safe only after a clean stop. */
  static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** Entries the catch-up reads at most, the newest ones. */
  static final int MAX_ENTRIES = 20_000;

  private static final long DEFAULT_COMMIT_WITHIN_MS = TimeUnit.MINUTES.toMillis(5);
  private static final String SUFFIX = ".log";

  private final Path dir;
  private final Duration window;
  private final LongSupplier clock;
  private long currentBucket = -1;

  @Inject
  UpdateLog(@PluginData Path dataDir, @GerritServerConfig Config cfg) {
    this(dataDir.resolve("updates"), window(cfg), System::currentTimeMillis);
  }

  @VisibleForTesting
  UpdateLog(Path dir, Duration window, LongSupplier clock) {
    this.dir = dir;
    this.window = window;
    this.clock = clock;
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

  /** Appends the updates; never throws: a failure is logged and costs only crash-safety. */
  public synchronized void record(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (Entry e : entries) {
      lines.append(encode(e)).append('\n');
    }
    long now = clock.getAsLong();
    long bucket = now - Math.floorMod(now, BUCKET.toMillis());
    try {
      Files.createDirectories(dir);
      if (bucket != currentBucket) {
        currentBucket = bucket;
        prune(now);
      }
      Files.writeString(
          dir.resolve(bucket + SUFFIX),
          lines,
          UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      logger.atWarning().withCause(e).log(
          "Cannot record %d updates in %s; a crash in the next minutes may leave verdicts stale",
          entries.size(), dir);
    }
  }

  /**
   * The updates recorded within the window, each once, oldest first; unreadable lines (the last
   * one, cut by the crash) skipped with a warning.
   */
  public synchronized ImmutableList<Entry> recent() {
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
      return ImmutableList.of();
    } catch (IOException e) {
      logger.atWarning().withCause(e).log("Cannot list the recent updates in %s", dir);
      return ImmutableList.of();
    }
    files.sort((a, b) -> Long.compare(bucketStart(a), bucketStart(b)));
    // The newest occurrence of each entry decides its order; only the newest MAX_ENTRIES count.
    Set<Entry> entries = new LinkedHashSet<>();
    int skipped = 0;
    for (Path f : files) {
      List<String> lines;
      try {
        lines = Files.readAllLines(f, UTF_8);
      } catch (IOException e) {
        logger.atWarning().withCause(e).log("Cannot read %s", f);
        continue;
      }
      for (String line : lines) {
        try {
          Entry e = decode(line);
          entries.remove(e);
          entries.add(e);
        } catch (RuntimeException e) {
          skipped++;
        }
      }
    }
    if (skipped > 0) {
      logger.atWarning().log(
          "Skipped %d unreadable lines of the recent updates in %s", skipped, dir);
    }
    List<Entry> out = new ArrayList<>(entries);
    return ImmutableList.copyOf(out.subList(Math.max(0, out.size() - MAX_ENTRIES), out.size()));
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
      logger.atWarning().withCause(e).log("Cannot prune the recent updates in %s", dir);
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

  @VisibleForTesting
  static String encode(Entry entry) {
    JsonObject o = new JsonObject();
    switch (entry) {
      case ChangeUpdated c -> {
        o.addProperty("p", c.project().get());
        o.addProperty("c", c.change().get());
      }
      case BranchUpdated b -> {
        o.addProperty("p", b.project().get());
        o.addProperty("r", b.ref());
        o.addProperty("o", b.oldTip().name());
        o.addProperty("n", b.newTip().name());
      }
    }
    return o.toString();
  }

  @VisibleForTesting
  static Entry decode(String line) {
    JsonObject o = JsonParser.parseString(line).getAsJsonObject();
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
