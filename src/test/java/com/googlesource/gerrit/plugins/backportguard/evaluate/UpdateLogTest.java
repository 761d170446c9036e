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
import com.googlesource.gerrit.plugins.backportguard.evaluate.UpdateLog.BranchUpdated;
import com.googlesource.gerrit.plugins.backportguard.evaluate.UpdateLog.ChangeUpdated;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of recent updates that the catch-up after a crash replays. */
class UpdateLogTest {
  private static final Project.NameKey DEMO = Project.nameKey("demo");

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(Duration.ofDays(20000).toMillis());

  private UpdateLog log() {
    return new UpdateLog("backport-guard", dir, Duration.ofMinutes(15), now::get);
  }

  private static ChangeUpdated change(int n) {
    return new ChangeUpdated(DEMO, Change.id(n));
  }

  @Test
  void theWriterThreadIsNamedAfterThePlugin() {
    UpdateLog log = new UpdateLog("guard-renamed", dir, Duration.ofMinutes(15), now::get);
    try {
      assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
          .contains("guard-renamed update log writer");
    } finally {
      log.stop();
    }
  }

  @Test
  void recordsChangesAndBranchesOnceEachNewestLast() {
    UpdateLog log = log();
    BranchUpdated push =
        new BranchUpdated(
            Project.nameKey("a project"),
            "refs/heads/wmf/1.0",
            ObjectId.zeroId(),
            ObjectId.fromString("2efe078e91f8f84dacbe2d4f9a3f6fba6355000d"));
    log.record(List.of(change(1), change(2)));
    log.record(List.of(push, change(1)));
    // The writer thread appends; another instance reads the files.
    log.flush();

    assertThat(log().read().entries()).containsExactly(change(2), push, change(1)).inOrder();
  }

  @Test
  void forgetsWhatIsOlderThanTheWindow() throws Exception {
    UpdateLog log = log();
    log.record(List.of(change(1)));
    now.addAndGet(Duration.ofMinutes(10).toMillis());
    log.record(List.of(change(2)));
    now.addAndGet(Duration.ofMinutes(16).toMillis());
    log.record(List.of(change(3)));

    assertThat(log.read().entries()).containsExactly(change(2), change(3)).inOrder();
    // Old files are deleted as new ones start: the log stays small on a busy server.
    now.addAndGet(Duration.ofMinutes(30).toMillis());
    log.record(List.of(change(4)));
    log.flush();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.count()).isEqualTo(1);
    }
  }

  @Test
  void aLineCutShortByTheCrashIsSkipped() throws Exception {
    UpdateLog log = log();
    log.record(List.of(change(1)));
    log.flush();
    try (Stream<Path> files = Files.list(dir)) {
      Path f = files.findFirst().orElseThrow();
      Files.writeString(f, "{\"p\":\"demo\",\"c\":", UTF_8, StandardOpenOption.APPEND);
    }
    try (LogCapture capture = new LogCapture(UpdateLog.class)) {
      assertThat(log().read().entries()).containsExactly(change(1));
      assertThat(capture.lines()).hasSize(1);
    }
  }

  @Test
  void theWindowIsThreeIndexCommitPeriods() {
    assertThat(UpdateLog.window(new Config())).isEqualTo(Duration.ofMinutes(15));
    Config slow = new Config();
    slow.setString("index", "changes_closed", "commitWithin", "10 min");
    assertThat(UpdateLog.window(slow)).isEqualTo(Duration.ofMinutes(30));
    Config fast = new Config();
    fast.setString("index", "changes_open", "commitWithin", "0");
    fast.setString("index", "changes_closed", "commitWithin", "0");
    assertThat(UpdateLog.window(fast)).isEqualTo(Duration.ofMinutes(15));
    Config never = new Config();
    never.setString("index", "changes_open", "commitWithin", "-1");
    assertThat(UpdateLog.window(never)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void aLineCutShortByTheCrashDoesNotSwallowTheNextOne() throws Exception {
    UpdateLog log = log();
    log.record(List.of(change(1)));
    log.flush();
    try (Stream<Path> files = Files.list(dir)) {
      Path f = files.findFirst().orElseThrow();
      Files.writeString(f, "{\"p\":\"demo\",\"c\":", UTF_8, StandardOpenOption.APPEND);
    }
    UpdateLog restarted = log();
    restarted.record(List.of(change(2)));

    assertThat(restarted.read().entries()).containsExactly(change(1), change(2)).inOrder();
  }

  @Test
  void aFloodInOneProjectLeavesTheOtherProjectsTheirUpdatesAndSaysItWasCut() {
    UpdateLog log = log();
    ChangeUpdated merged = new ChangeUpdated(Project.nameKey("mediawiki/core"), Change.id(1));
    log.record(List.of(merged));
    for (int round = 0; round < 3; round++) {
      List<UpdateLog.Entry> flood = new java.util.ArrayList<>();
      for (int i = 0; i < UpdateLog.MAX_ENTRIES / 2; i++) {
        flood.add(
            new ChangeUpdated(
                Project.nameKey("sandbox"), Change.id(1000 + round * UpdateLog.MAX_ENTRIES + i)));
      }
      log.record(flood);
      log.flush();
    }

    try (LogCapture capture = new LogCapture(UpdateLog.class)) {
      UpdateLog.Recent recent = log.read();
      assertThat(recent.entries().contains(merged)).isTrue();
      assertThat(recent.entries()).hasSize(UpdateLog.MAX_ENTRIES);
      assertThat(recent.complete()).isFalse();
      assertThat(recent.leftOut()).isEqualTo(UpdateLog.MAX_ENTRIES / 2 + 1);
      assertThat(capture.lines()).hasSize(1);
      assertThat(capture.lines().get(0)).contains("incomplete");
    }
  }

  @Test
  void updatesDroppedWhileTheWriterIsBehindMakeTheLogIncomplete() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    // The writer hangs (a slow disk) on its first batch; Gerrit's threads go on recording.
    UpdateLog log =
        new UpdateLog(
            "backport-guard",
            dir,
            Duration.ofMinutes(15),
            () -> {
              if (Thread.currentThread().getName().contains("update log writer")) {
                com.google.common.util.concurrent.Uninterruptibles.awaitUninterruptibly(release);
              }
              return now.get();
            });
    log.record(List.of(change(1)));
    Thread.sleep(200);
    List<UpdateLog.Entry> burst = new java.util.ArrayList<>();
    for (int i = 0; i < UpdateLog.MAX_QUEUED + 10; i++) {
      burst.add(new ChangeUpdated(Project.nameKey("sandbox"), Change.id(100 + i)));
    }
    long start = System.nanoTime();
    log.record(burst);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

    release.countDown();
    UpdateLog.Recent recent = log.read();
    assertThat(recent.entries().contains(change(1))).isTrue();
    assertThat(recent.entries()).hasSize(UpdateLog.MAX_ENTRIES);
    assertThat(recent.complete()).isFalse();
    // 10 dropped when recorded, 1 over the replay's cap (MAX_QUEUED + 1 written).
    assertThat(recent.leftOut()).isEqualTo(11);
  }

  @Test
  void updatesThatCouldNotBeWrittenMakeTheLogIncompleteOnceItWorksAgain() throws Exception {
    Files.delete(dir);
    Files.writeString(dir, "a file where the directory should be");
    UpdateLog log = log();
    log.record(List.of(change(1), change(2)));
    log.flush();
    Files.delete(dir);
    log.record(List.of(change(3)));

    UpdateLog.Recent recent = log.read();
    assertThat(recent.entries()).containsExactly(change(3));
    assertThat(recent.leftOut()).isEqualTo(2);
  }
}
