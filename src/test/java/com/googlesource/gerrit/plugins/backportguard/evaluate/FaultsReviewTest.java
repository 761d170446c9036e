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
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.Uninterruptibles;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue.Key;
import com.googlesource.gerrit.plugins.backportguard.evaluate.UpdateLog.ChangeUpdated;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review of the faults change (issue 8, section 5): cases where pending work is still lost, or
 * where the crash-safety machinery hurts Gerrit itself. Each test fails on the reviewed code.
 */
class FaultsReviewTest {
  private static final Duration SAFETY_NET = Duration.ofSeconds(30);

  @TempDir Path data;
  private final List<ScheduledThreadPoolExecutor> executors = new CopyOnWriteArrayList<>();
  private final List<Runnable> cleanups = new CopyOnWriteArrayList<>();
  private final List<UpdateLog> logs = new CopyOnWriteArrayList<>();
  private final AtomicLong now = new AtomicLong(Duration.ofDays(20000).toMillis());

  @AfterEach
  void cleanUp() {
    cleanups.forEach(Runnable::run);
    executors.forEach(ScheduledThreadPoolExecutor::shutdownNow);
    // The writers must be done before JUnit deletes the directory they write in.
    logs.forEach(UpdateLog::stop);
  }

  private UpdateLog updateLog(Path dir) {
    UpdateLog log = new UpdateLog("backport-guard", dir, Duration.ofMinutes(15), now::get);
    logs.add(log);
    return log;
  }

  private ScheduledThreadPoolExecutor executor(int threads) {
    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(threads);
    executors.add(e);
    return e;
  }

  private static Key key(String project, int change) {
    return new Key(Project.nameKey(project), Change.id(change));
  }

  private static CoalescingQueue<Key, Integer> queue(
      ScheduledThreadPoolExecutor executor,
      PendingWork store,
      CoalescingQueue.Task<Key, Integer> t) {
    return new CoalescingQueue<>(
        executor,
        t,
        x -> false,
        ImmutableList.of(),
        (k, attempts, cause) -> {},
        store.journal("evaluations", EvaluationQueue.CODEC));
  }

  /**
   * The run after a crash deletes the killed run's marker in its constructor ("this run answers for
   * it now"), but the catch-up that answers for it runs only 5 s later (and then for as long as the
   * re-indexing takes). Stopped cleanly before that (a second restart, a reload, a start that fails
   * further on), it removes its own marker too, and the crash is forgotten: the next start does no
   * catch-up, the updates the index lost are never re-indexed or re-checked.
   */
  @Test
  void aCrashIsForgottenWhenTheNextRunStopsBeforeItsCatchUpRan() {
    PendingWork killed = PendingWorkTest.aRun(data);
    assertThat(killed.previousRunDidNotStop()).isFalse();
    // kill -9: no stop().

    PendingWork restarted = PendingWorkTest.aRun(data);
    assertThat(restarted.previousRunDidNotStop()).isTrue();
    // Stopped cleanly before its catch-up (StartupSweep.CATCH_UP_DELAY = 5 s) got to run.
    restarted.stop();

    PendingWork third = PendingWorkTest.aRun(data);
    assertWithMessage("the crash that no catch-up has answered yet is still known")
        .that(third.previousRunDidNotStop())
        .isTrue();
  }

  /**
   * A plugin reload runs the old and the new instance on the same data directory, and both name the
   * file of a key by the same hash. The old instance's run that was in flight when it stopped
   * (shutdownNow interrupts, but a run that does not react to the interrupt completes normally)
   * removes the file when it ends, although the new instance has queued the same key meanwhile
   * (replay, or a new event): a kill -9 now loses the new instance's work.
   */
  @Test
  void theOldInstanceOfAReloadDeletesTheFileOfAKeyTheNewOneHasQueued() throws Exception {
    Key x = key("demo", 42);
    PendingWork oldStore = PendingWorkTest.aRun(data);
    ScheduledThreadPoolExecutor oldExecutor = executor(1);
    CountDownLatch oldRunning = new CountDownLatch(1);
    CountDownLatch releaseOld = new CountDownLatch(1);
    CoalescingQueue<Key, Integer> oldQueue =
        queue(
            oldExecutor,
            oldStore,
            k -> {
              oldRunning.countDown();
              Uninterruptibles.awaitUninterruptibly(releaseOld);
              return 1;
            });
    oldQueue.submit(x);
    assertThat(oldRunning.await(SAFETY_NET.toSeconds(), TimeUnit.SECONDS)).isTrue();

    // Reload: the new instance starts, then the old one stops.
    PendingWork newStore = PendingWorkTest.aRun(data);
    ScheduledThreadPoolExecutor newExecutor = executor(1);
    CountDownLatch releaseNew = new CountDownLatch(1);
    cleanups.add(releaseNew::countDown);
    // The new instance's only worker is busy with another change, so x waits in its queue.
    newExecutor.execute(() -> Uninterruptibles.awaitUninterruptibly(releaseNew));
    CoalescingQueue<Key, Integer> newQueue = queue(newExecutor, newStore, k -> 1);
    oldExecutor.shutdownNow();
    assertThat(newQueue.replay()).isEqualTo(1);

    // The old instance's run ends normally after the stop.
    releaseOld.countDown();
    oldExecutor.awaitTermination(SAFETY_NET.toSeconds(), TimeUnit.SECONDS);

    assertThat(newQueue.size()).isEqualTo(1);
    assertWithMessage("the journal still holds the key the new instance has queued")
        .that(newStore.journal("evaluations", EvaluationQueue.CODEC).pending())
        .containsExactly(x);
  }

  /**
   * The catch-up keeps only the newest 20,000 entries of the update log. Anyone who can push (e.g.
   * a stranger in a sandbox project: one push of many commits to refs/for/*, or a run of votes on
   * their own changes) can push the update that mattered (the prerequisite's backport merged a
   * moment before the crash) out of the window, without a word in the log.
   */
  @Test
  void aFloodOfUpdatesByAStrangerSilentlyEvictsTheUpdateThatMattered() {
    UpdateLog log = updateLog(data.resolve("updates"));
    ChangeUpdated merged = new ChangeUpdated(Project.nameKey("mediawiki/core"), Change.id(1));
    log.record(List.of(merged));
    List<UpdateLog.Entry> flood = new ArrayList<>();
    for (int i = 0; i < UpdateLog.MAX_ENTRIES; i++) {
      flood.add(new ChangeUpdated(Project.nameKey("sandbox/stranger"), Change.id(1000 + i)));
    }
    log.record(flood);

    try (LogCapture capture = new LogCapture(UpdateLog.class)) {
      ImmutableList<UpdateLog.Entry> recent = log.read().entries();
      assertWithMessage(
              "the crash-time update is replayed, or at least a warning says entries were dropped;"
                  + " warnings: %s",
              capture.lines())
          .that(recent.contains(merged) || !capture.lines().isEmpty())
          .isTrue();
    }
  }

  /**
   * With the data directory unwritable (disk full, read-only remount), every ref update of the
   * whole server logs a WARNING with a stack trace: the error_log floods at the rate of pushes and
   * reviews.
   */
  @Test
  void anUnwritableUpdateLogDoesNotLogOnEveryRefUpdate() throws Exception {
    Path notADir = data.resolve("updates");
    Files.writeString(notADir, "a file where the directory should be");
    UpdateLog log = updateLog(notADir);
    try (LogCapture capture = new LogCapture(UpdateLog.class)) {
      for (int i = 0; i < 100; i++) {
        log.record(List.of(new ChangeUpdated(Project.nameKey("demo"), Change.id(i + 1))));
      }
      assertThat(capture.lines().size()).isAtMost(5);
    }
  }

  /**
   * The recorder runs on the Gerrit thread that made the ref update, and every recorder call of the
   * server takes the UpdateLog monitor, which the catch-up holds while it reads up to a day of log
   * files. While the read is slow (a large log after a flood, a slow or hung disk; here a named
   * pipe stands for a read that does not return), every push and review of the server waits.
   */
  @Test
  void gerritsRefUpdatesDoNotWaitForTheCatchUpsReadOfTheLog() throws Exception {
    Path dir = data.resolve("updates");
    Files.createDirectories(dir);
    UpdateLog log = updateLog(dir);
    long bucket = now.get() - Math.floorMod(now.get(), UpdateLog.BUCKET.toMillis());
    Path slow = dir.resolve((bucket - UpdateLog.BUCKET.toMillis()) + ".log");
    mkfifo(slow);
    cleanups.add(() -> unblockReader(slow));

    CompletableFuture<?> catchUp = onOwnThread(log::read);
    Thread.sleep(500);
    assertThat(catchUp.isDone()).isFalse();

    CompletableFuture<?> gerritThread =
        onOwnThread(
            () -> log.record(List.of(new ChangeUpdated(Project.nameKey("demo"), Change.id(7)))));
    try {
      gerritThread.get(3, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "a ref update on a Gerrit thread waited > 3 s for the catch-up's read of the update log",
          e);
    }
  }

  /**
   * The append itself runs on Gerrit's thread, with no bound on how long it may take (here a named
   * pipe stands for a hung disk): the ref update that triggered it never returns, and all other ref
   * updates of the server queue behind the UpdateLog monitor.
   */
  @Test
  void aHungAppendDoesNotHoldGerritsRefUpdateThread() throws Exception {
    Path dir = data.resolve("updates");
    Files.createDirectories(dir);
    UpdateLog log = updateLog(dir);
    log.record(List.of(new ChangeUpdated(Project.nameKey("demo"), Change.id(1))));
    // The append runs on the log's own thread: wait for the file to exist before replacing it.
    log.flush();
    long bucket = now.get() - Math.floorMod(now.get(), UpdateLog.BUCKET.toMillis());
    Path current = dir.resolve(bucket + ".log");
    Files.delete(current);
    mkfifo(current);
    cleanups.add(() -> unblockWriter(current));

    CompletableFuture<?> gerritThread =
        onOwnThread(
            () -> log.record(List.of(new ChangeUpdated(Project.nameKey("demo"), Change.id(2)))));
    try {
      gerritThread.get(3, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the ref update's listener call did not return within 3 s", e);
    }
  }

  /**
   * Runs on a thread of its own: the common pool may have a single thread on a small machine, so
   * that a task blocked there would starve the next one for a reason that is not the one tested.
   */
  private static CompletableFuture<Void> onOwnThread(Runnable r) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                r.run();
                f.complete(null);
              } catch (Throwable e) {
                f.completeExceptionally(e);
              }
            });
    t.setDaemon(true);
    t.start();
    return f;
  }

  private static void mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(mk.waitFor()).isEqualTo(0);
  }

  /** Opens the pipe for writing and closes it, so that a blocked reader sees its end. */
  private static void unblockReader(Path fifo) {
    try {
      new ProcessBuilder("sh", "-c", "exec 3>\"$1\"; exec 3>&-", "sh", fifo.toString())
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort
    }
  }

  /** Opens the pipe for reading and drains it, so that a blocked writer goes on. */
  private static void unblockWriter(Path fifo) {
    onOwnThread(
        () -> {
          try (InputStream in = Files.newInputStream(fifo)) {
            in.readAllBytes();
          } catch (Exception e) {
            // best effort
          }
        });
    Uninterruptibles.sleepUninterruptibly(200, TimeUnit.MILLISECONDS);
  }
}
