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

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue.Key;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files that keep pending evaluations across a crash. */
class PendingWorkTest {
  /** A run of its own process: tests simulate a kill in one JVM. */
  static PendingWork aRun(Path data) {
    return new PendingWork(data, "test-" + UUID.randomUUID(), "backport-guard");
  }

  @Test
  void theWriterThreadIsNamedAfterThePlugin() throws Exception {
    PendingWork.Journal<Key> j =
        new PendingWork(data, "test-" + UUID.randomUUID(), "guard-renamed")
            .journal("evaluations", EvaluationQueue.CODEC);
    j.add(key("demo", 1));

    assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
        .contains("guard-renamed pending-work writer");
  }

  @TempDir Path data;

  private static Key key(String project, int change) {
    return new Key(Project.nameKey(project), Change.id(change));
  }

  private PendingWork.Journal<Key> journal(PendingWork store) {
    return store.journal("evaluations", EvaluationQueue.CODEC);
  }

  private Path dir() {
    return data.resolve("pending").resolve("evaluations");
  }

  private long files() throws Exception {
    try (Stream<Path> s = Files.list(dir())) {
      return s.count();
    }
  }

  @Test
  void addedKeysAreReplayedUntilRemovedOneFileEach() throws Exception {
    PendingWork.Journal<Key> j = journal(aRun(data));
    Key long1 = key("mediawiki/extensions/" + "x".repeat(300), 12345);
    j.add(key("demo", 1));
    j.add(key("demo", 1));
    j.add(long1);
    j.add(key("a project/with spaces", 7));

    assertThat(j.pending()).containsExactly(key("demo", 1), long1, key("a project/with spaces", 7));
    assertThat(files()).isEqualTo(3);

    j.remove(key("demo", 1));
    j.remove(key("never added", 2));

    assertThat(j.pending()).containsExactly(long1, key("a project/with spaces", 7));
  }

  @Test
  void aNewInstanceOnTheSameDirectoryReplaysWhatAKilledOneLeft() throws Exception {
    PendingWork killed = aRun(data);
    journal(killed).add(key("demo", 3));
    assertThat(killed.previousRunDidNotStop()).isFalse();

    PendingWork restarted = aRun(data);

    assertThat(restarted.previousRunDidNotStop()).isTrue();
    assertThat(journal(restarted).pending()).containsExactly(key("demo", 3));
  }

  @Test
  void aRunThatStoppedIsNotTakenForACrash() {
    PendingWork first = aRun(data);
    first.stop();

    assertThat(aRun(data).previousRunDidNotStop()).isFalse();
  }

  @Test
  void corruptFilesAreSkippedWithALogLineAndDeleted() throws Exception {
    PendingWork.Journal<Key> j = journal(aRun(data));
    j.add(key("demo", 1));
    Files.writeString(dir().resolve("0123456789abcdef"), "not a key\n", UTF_8);
    Files.writeString(dir().resolve("cut-short"), "12 dem", UTF_8);
    Files.write(dir().resolve("binary"), new byte[] {0, (byte) 0xff, 10});
    try (LogCapture log = new LogCapture(PendingWork.class)) {
      assertThat(j.pending()).containsExactly(key("demo", 1));

      assertThat(log.lines()).hasSize(3);
      assertThat(log.lines().get(0)).startsWith("WARNING Skipping unreadable pending work");
    }
    assertThat(files()).isEqualTo(1);
  }

  @Test
  void aFileWhoseNameDoesNotMatchItsKeyIsSkipped() throws Exception {
    PendingWork.Journal<Key> j = journal(aRun(data));
    Files.createDirectories(dir());
    Files.writeString(dir().resolve("feedface"), "5 demo\n", UTF_8);

    assertThat(j.pending()).isEmpty();
  }

  @Test
  void aTemporaryFileOfAnInterruptedWriteIsDroppedSilently() throws Exception {
    PendingWork.Journal<Key> j = journal(aRun(data));
    j.add(key("demo", 1));
    Files.writeString(dir().resolve(".tmp-123"), "2 dem", UTF_8);
    try (LogCapture log = new LogCapture(PendingWork.class)) {
      assertThat(j.pending()).containsExactly(key("demo", 1));
      assertThat(log.lines()).isEmpty();
    }
    assertThat(files()).isEqualTo(1);
  }

  @Test
  void anUnwritableDirectoryNeverStopsTheWork() throws Exception {
    Path notADir = data.resolve("file");
    Files.writeString(notADir, "x");
    PendingWork store = aRun(notADir);
    PendingWork.Journal<Key> j = journal(store);
    try (LogCapture log = new LogCapture(PendingWork.class)) {
      j.add(key("demo", 1));
      j.remove(key("demo", 1));
      assertThat(j.pending()).isEmpty();
      assertThat(log.lines()).isNotEmpty();
    }
    store.stop();
  }

  @Test
  void theCrashCountsUntilTheCatchUpIsDone() {
    aRun(data);
    PendingWork restarted = aRun(data);
    assertThat(restarted.previousRunDidNotStop()).isTrue();

    restarted.catchUpDone();

    assertThat(restarted.previousRunDidNotStop()).isFalse();
    restarted.stop();
    assertThat(aRun(data).previousRunDidNotStop()).isFalse();
  }

  @Test
  void aReloadInTheSameProcessIsNotTakenForACrash() {
    PendingWork old = new PendingWork(data, "4711@1000", "backport-guard");
    // The new instance is built while the old one still runs; the old one stops after.
    PendingWork reloaded = new PendingWork(data, "4711@1000", "backport-guard");
    assertThat(reloaded.previousRunDidNotStop()).isFalse();
    old.stop();

    assertThat(reloaded.previousRunDidNotStop()).isFalse();
  }

  @Test
  void aReloadWhoseOldInstanceStoppedWithWorkInMemoryIsACrash() {
    PendingWork old = new PendingWork(data, "4711@1000", "backport-guard");
    old.treatStopAsCrashWhile(() -> true);
    PendingWork reloaded = new PendingWork(data, "4711@1000", "backport-guard");
    old.stop();

    assertThat(reloaded.previousRunDidNotStop()).isTrue();
  }

  @Test
  void aProcessWithTheSamePidStartedLaterSeesTheCrash() {
    new PendingWork(data, "7@1000", "backport-guard");

    assertThat(new PendingWork(data, "7@2000", "backport-guard").previousRunDidNotStop()).isTrue();
  }

  @Test
  void linksAndPipesAreSkippedNotFollowed() throws Exception {
    PendingWork.Journal<Key> j = journal(aRun(data));
    j.add(key("demo", 1));
    // pending() waits for the write queued on the writer thread, which creates the directory.
    assertThat(j.pending()).containsExactly(key("demo", 1));
    Path elsewhere = data.resolve("elsewhere");
    Files.writeString(elsewhere, "2 demo\n", UTF_8);
    String hashOf2 = com.google.common.hash.Hashing.sha256().hashString("2 demo", UTF_8).toString();
    Files.createSymbolicLink(dir().resolve(hashOf2 + ".other-run"), elsewhere);
    String hashOf3 = com.google.common.hash.Hashing.sha256().hashString("3 demo", UTF_8).toString();
    Process mk =
        new ProcessBuilder("mkfifo", dir().resolve(hashOf3 + ".other-run").toString()).start();
    assertThat(mk.waitFor()).isEqualTo(0);

    try (LogCapture log = new LogCapture(PendingWork.class)) {
      assertThat(
              org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                  java.time.Duration.ofSeconds(10), j::pending))
          .containsExactly(key("demo", 1));
      assertThat(log.lines()).hasSize(2);
    }
    assertThat(files()).isEqualTo(1);
    assertThat(Files.readString(elsewhere, UTF_8)).isEqualTo("2 demo\n");
  }
}
