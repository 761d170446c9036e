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
import static java.util.concurrent.TimeUnit.SECONDS;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link CoalescingQueue} with a journal of {@link PendingWork}: what a killed queue had accepted
 * runs in the next one. The keys are shaped like the re-check triggers ("re-check the dependents of
 * these changes"), the other kind of work that a crash must not lose.
 */
class DurableQueueTest {
  private static final Duration SAFETY_NET = Duration.ofSeconds(30);

  /** A trigger: the dependents of these changes are to be re-checked. */
  record DependentsOf(ImmutableSet<Integer> changes) {}

  static final PendingWork.Codec<DependentsOf> CODEC =
      new PendingWork.Codec<>() {
        @Override
        public String encode(DependentsOf key) {
          return String.join(",", key.changes().stream().map(String::valueOf).toList());
        }

        @Override
        public DependentsOf decode(String text) {
          ImmutableSet.Builder<Integer> b = ImmutableSet.builder();
          for (String n : text.split(",")) {
            b.add(Integer.parseInt(n));
          }
          return new DependentsOf(b.build());
        }
      };

  @TempDir Path data;
  private final List<DependentsOf> ran = new CopyOnWriteArrayList<>();
  private final List<ScheduledThreadPoolExecutor> executors = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    executors.forEach(ScheduledThreadPoolExecutor::shutdownNow);
  }

  private ScheduledThreadPoolExecutor executor() {
    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(2);
    executors.add(e);
    return e;
  }

  private CoalescingQueue<DependentsOf, Integer> queue(
      ScheduledThreadPoolExecutor executor,
      PendingWork store,
      CoalescingQueue.Task<DependentsOf, Integer> task) {
    return new CoalescingQueue<>(
        executor,
        task,
        t -> false,
        ImmutableList.of(),
        (k, attempts, cause) -> {},
        store.journal("rechecks", CODEC));
  }

  private static DependentsOf of(Integer... changes) {
    return new DependentsOf(ImmutableSet.copyOf(changes));
  }

  @Test
  void aKeyIsOnDiskBeforeItRunsAndGoneOnceDone() throws Exception {
    PendingWork store = PendingWorkTest.aRun(data);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CoalescingQueue<DependentsOf, Integer> q =
        queue(
            executor(),
            store,
            k -> {
              running.countDown();
              release.await();
              ran.add(k);
              return 1;
            });

    q.submit(of(1, 2));
    assertThat(running.await(SAFETY_NET.toSeconds(), SECONDS)).isTrue();
    assertThat(store.journal("rechecks", CODEC).pending()).containsExactly(of(1, 2));

    release.countDown();
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(store.journal("rechecks", CODEC).pending()).isEmpty();
  }

  @Test
  void whatAKilledQueueHadAcceptedRunsInTheNextOne() throws Exception {
    // The first process dies with its only worker busy and two triggers waiting behind it.
    ScheduledThreadPoolExecutor dying = new ScheduledThreadPoolExecutor(1);
    executors.add(dying);
    CountDownLatch never = new CountDownLatch(1);
    dying.execute(
        () -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    CoalescingQueue<DependentsOf, Integer> killed =
        queue(dying, PendingWorkTest.aRun(data), k -> ran.add(k) ? 1 : 0);
    killed.submit(of(7));
    killed.submit(of(8, 9));

    PendingWork restarted = PendingWorkTest.aRun(data);
    CoalescingQueue<DependentsOf, Integer> next =
        queue(executor(), restarted, k -> ran.add(k) ? 1 : 0);

    assertThat(restarted.previousRunDidNotStop()).isTrue();
    assertThat(next.replay()).isEqualTo(2);
    assertThat(next.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(ran).containsExactly(of(7), of(8, 9));
    assertThat(restarted.journal("rechecks", CODEC).pending()).isEmpty();
  }

  @Test
  void aKeyDroppedBecauseThePluginStopsStaysForTheNextStart() throws Exception {
    PendingWork store = PendingWorkTest.aRun(data);
    ScheduledThreadPoolExecutor stopped = executor();
    stopped.shutdownNow();
    CoalescingQueue<DependentsOf, Integer> q = queue(stopped, store, k -> ran.add(k) ? 1 : 0);

    q.submit(of(4));

    assertThat(q.size()).isEqualTo(0);
    assertThat(store.journal("rechecks", CODEC).pending()).containsExactly(of(4));
  }

  @Test
  void aKeyThatFailedForGoodIsForgotten() throws Exception {
    PendingWork store = PendingWorkTest.aRun(data);
    CoalescingQueue<DependentsOf, Integer> q =
        queue(
            executor(),
            store,
            k -> {
              throw new IllegalStateException("broken for good");
            });

    q.submit(of(5));

    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(store.journal("rechecks", CODEC).pending()).isEmpty();
  }
}
