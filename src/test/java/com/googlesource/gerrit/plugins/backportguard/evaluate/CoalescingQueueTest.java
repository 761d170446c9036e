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
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the queue on a real thread pool. Tasks are held and released with latches, so that each test
 * decides what is waiting and what is running; timeouts are only safety nets.
 */
class CoalescingQueueTest {
  /** How long to wait for something that must happen; never reached when the queue works. */
  private static final long SAFETY_NET_SECONDS = 30;

  private static final Duration SAFETY_NET = Duration.ofSeconds(SAFETY_NET_SECONDS);

  private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
  private RecordingExecutor executor;

  /** One call of the failure handler. */
  private record Failure(String key, int attempts, Throwable cause) {}

  /** A failure the queue is told is transient. */
  private static final class TransientFailure extends Exception {
    TransientFailure(String message) {
      super(message);
    }
  }

  /**
   * A real pool that records the delay of every delayed run (the queue's retries) and can hold
   * delayed runs back until the test lets them go, so that a retry stays pending.
   */
  private static final class RecordingExecutor extends ScheduledThreadPoolExecutor {
    final List<Duration> retryDelays = Collections.synchronizedList(new ArrayList<>());
    final List<Runnable> scheduled = Collections.synchronizedList(new ArrayList<>());
    final Semaphore retriesScheduled = new Semaphore(0);
    volatile CountDownLatch holdRetries = new CountDownLatch(0);

    RecordingExecutor(int threads) {
      super(threads);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      // execute() comes here too, with no delay; only delayed runs are retries.
      scheduled.add(command);
      if (delay <= 0) {
        return super.schedule(command, delay, unit);
      }
      retryDelays.add(Duration.ofNanos(unit.toNanos(delay)));
      CountDownLatch hold = holdRetries;
      ScheduledFuture<?> f =
          super.schedule(
              () -> {
                awaitUninterruptibly(hold);
                command.run();
              },
              delay,
              unit);
      retriesScheduled.release();
      return f;
    }
  }

  /** Counts the runs of each key, and notices two runs of one key at the same time. */
  private static final class Probe {
    final ConcurrentHashMap<String, AtomicInteger> active = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final AtomicInteger overlaps = new AtomicInteger();

    /** Returns the number of this run of the key, from 1. */
    int enter(String key) {
      if (active.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      return runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    void exit(String key) {
      active.get(key).decrementAndGet();
    }

    int runs(String key) {
      AtomicInteger n = runs.get(key);
      return n == null ? 0 : n.get();
    }
  }

  @AfterEach
  void stopExecutor() throws InterruptedException {
    if (executor != null) {
      executor.shutdownNow();
      assertThat(executor.awaitTermination(SAFETY_NET_SECONDS, SECONDS)).isTrue();
    }
  }

  private CoalescingQueue<String, String> queue(
      int threads, CoalescingQueue.Task<String, String> task, Duration... backoff) {
    executor = new RecordingExecutor(threads);
    return new CoalescingQueue<>(
        executor,
        task,
        t -> t instanceof TransientFailure,
        ImmutableList.copyOf(backoff),
        (key, attempts, cause) -> failures.add(new Failure(key, attempts, cause)));
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(SAFETY_NET_SECONDS, SECONDS)) {
      throw new AssertionError("timed out waiting for a latch");
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await(SAFETY_NET_SECONDS, SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.get(SAFETY_NET_SECONDS, SECONDS);
  }

  private static Throwable failureOf(Future<?> future) {
    return assertThrows(ExecutionException.class, () -> get(future)).getCause();
  }

  // (a)
  @Test
  void submissionsForAWaitingKeyShareOneRun() throws Exception {
    Probe probe = new Probe();
    CountDownLatch poolBusy = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              int run = probe.enter(key);
              try {
                if (key.startsWith("blocker")) {
                  poolBusy.countDown();
                  await(release);
                }
                return key + "#" + run;
              } finally {
                probe.exit(key);
              }
            });

    CompletableFuture<String> blocker1 = q.submit("blocker1");
    CompletableFuture<String> blocker2 = q.submit("blocker2");
    await(poolBusy); // Both threads are taken, so "k" has to wait.
    List<CompletableFuture<String>> callers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      callers.add(q.submit("k"));
    }
    assertThat(q.size()).isEqualTo(3);
    assertThat(probe.runs("k")).isEqualTo(0);
    // One run waits for "k", and all five callers wait for it.
    assertThat(executor.getQueue()).hasSize(1);
    assertThat(distinct(callers)).isEqualTo(1);

    release.countDown();
    for (CompletableFuture<String> caller : callers) {
      assertThat(get(caller)).isEqualTo("k#1");
    }
    assertThat(get(blocker1)).isEqualTo("blocker1#1");
    assertThat(get(blocker2)).isEqualTo("blocker2#1");
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(probe.runs("k")).isEqualTo(1);
    assertThat(probe.overlaps.get()).isEqualTo(0);
    assertThat(q.size()).isEqualTo(0);
    assertThat(failures).isEmpty();
  }

  // (b)
  @Test
  void submissionsWhileRunningGiveExactlyOneMoreRunAfterwards() throws Exception {
    Probe probe = new Probe();
    AtomicInteger version = new AtomicInteger();
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    // Three threads, so a second run could start at once if the queue let it.
    CoalescingQueue<String, String> q =
        queue(
            3,
            key -> {
              int run = probe.enter(key);
              try {
                int v = version.get(); // The newest state, read when the run starts.
                seen.add(v);
                if (run == 1) {
                  firstStarted.countDown();
                  await(releaseFirst);
                }
                return "v" + v;
              } finally {
                probe.exit(key);
              }
            });

    version.incrementAndGet();
    CompletableFuture<String> first = q.submit("k");
    await(firstStarted);
    List<CompletableFuture<String>> later = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      version.incrementAndGet();
      later.add(q.submit("k"));
    }
    assertThat(q.size()).isEqualTo(1);
    // Give a wrongly started second run time to show up; the queue must stay busy meanwhile.
    assertThat(q.awaitIdle(Duration.ofMillis(50))).isFalse();
    assertThat(probe.runs("k")).isEqualTo(1);
    assertThat(first.isDone()).isFalse();
    assertThat(later.get(0).isDone()).isFalse();

    releaseFirst.countDown();
    assertThat(get(first)).isEqualTo("v1");
    for (CompletableFuture<String> f : later) {
      assertThat(get(f)).isEqualTo("v4");
    }
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(probe.runs("k")).isEqualTo(2);
    assertThat(probe.overlaps.get()).isEqualTo(0);
    // The last run started after the last submission: it saw the newest version.
    assertThat(seen).containsExactly(1, 4).inOrder();
  }

  // (c)
  @Test
  void differentKeysRunInParallel() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              bothRunning.countDown();
              await(release);
              return key;
            });

    CompletableFuture<String> a = q.submit("a");
    CompletableFuture<String> b = q.submit("b");
    // Each run waits for the release, so both can count down only if they run at the same time.
    await(bothRunning);
    assertThat(q.size()).isEqualTo(2);
    release.countDown();
    assertThat(get(a)).isEqualTo("a");
    assertThat(get(b)).isEqualTo("b");
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
  }

  // (d)
  @Test
  void burstKeepsOneSlotPerKeyAndRunsEachKeyAfterItsLastSubmission() throws Exception {
    int keys = 100;
    int submitters = 4;
    int perSubmitter = 2_500; // 10,000 in all
    Probe probe = new Probe();
    AtomicIntegerArray versions = new AtomicIntegerArray(keys);
    AtomicIntegerArray lastSeen = new AtomicIntegerArray(keys);
    CoalescingQueue<String, Integer> q =
        new CoalescingQueue<>(
            executor = new RecordingExecutor(4),
            key -> {
              int k = Integer.parseInt(key);
              probe.enter(key);
              try {
                int v = versions.get(k);
                Thread.yield();
                lastSeen.set(k, v);
                return v;
              } finally {
                probe.exit(key);
              }
            },
            t -> false,
            ImmutableList.of(),
            (key, attempts, cause) -> failures.add(new Failure(key, attempts, cause)));

    record Submitted(int key, int version, CompletableFuture<Integer> future) {}
    List<Submitted> submitted = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger maxQueued = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(submitters);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < submitters; s++) {
        int offset = s;
        done.add(
            callers.submit(
                () -> {
                  await(start);
                  for (int i = 0; i < perSubmitter; i++) {
                    int k = (i * 7 + offset * 13) % keys;
                    int v = versions.incrementAndGet(k);
                    submitted.add(new Submitted(k, v, q.submit(Integer.toString(k))));
                    maxQueued.accumulateAndGet(executor.getQueue().size(), Math::max);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        get(f);
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(submitted).hasSize(submitters * perSubmitter);
    // At most one run of each key waits on the executor at any time.
    assertThat(maxQueued.get()).isAtMost(keys);
    assertThat(q.size()).isEqualTo(0);
    assertThat(probe.overlaps.get()).isEqualTo(0);
    assertThat(failures).isEmpty();
    for (int k = 0; k < keys; k++) {
      int key = k;
      // Every run answered callers that shared it, and no caller got an answer of its own.
      assertThat(
              distinct(
                  submitted.stream().filter(s -> s.key() == key).map(Submitted::future).toList()))
          .isEqualTo(probe.runs(Integer.toString(k)));
      assertThat(probe.runs(Integer.toString(k))).isAtLeast(1);
      // The key's last run read the state its last submission left.
      assertThat(lastSeen.get(k)).isEqualTo(versions.get(k));
    }
    for (Submitted s : submitted) {
      // Every caller's answer comes from a run that started after the call.
      assertThat(get(s.future())).isAtLeast(s.version());
    }
  }

  @Test
  void aBurstWhileThePoolIsBusyQueuesAndRunsOneRunPerKey() throws Exception {
    int keys = 50;
    int submitters = 4;
    int perSubmitter = 1_000;
    Probe probe = new Probe();
    CountDownLatch poolBusy = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              int run = probe.enter(key);
              try {
                if (key.startsWith("blocker")) {
                  poolBusy.countDown();
                  await(release);
                }
                return key + "#" + run;
              } finally {
                probe.exit(key);
              }
            });
    CompletableFuture<String> blocker1 = q.submit("blocker1");
    CompletableFuture<String> blocker2 = q.submit("blocker2");
    await(poolBusy);

    List<CompletableFuture<String>> answers = Collections.synchronizedList(new ArrayList<>());
    ExecutorService callers = Executors.newFixedThreadPool(submitters);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < submitters; s++) {
        done.add(
            callers.submit(
                () -> {
                  for (int i = 0; i < perSubmitter; i++) {
                    answers.add(q.submit(Integer.toString(i % keys)));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        get(f);
      }
    } finally {
      callers.shutdownNow();
    }

    // 4,000 submissions, one waiting run per key, one future per key.
    assertThat(executor.getQueue()).hasSize(keys);
    assertThat(distinct(answers)).isEqualTo(keys);
    release.countDown();
    for (CompletableFuture<String> a : answers) {
      assertThat(get(a)).endsWith("#1");
    }
    assertThat(get(blocker1)).isEqualTo("blocker1#1");
    assertThat(get(blocker2)).isEqualTo("blocker2#1");
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    for (int k = 0; k < keys; k++) {
      assertThat(probe.runs(Integer.toString(k))).isEqualTo(1);
    }
    assertThat(probe.overlaps.get()).isEqualTo(0);
  }

  @Test
  void aQueuedRunIsNamedAfterItsKey() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CoalescingQueue<String, String> q =
        queue(
            1,
            key -> {
              await(release);
              return key;
            });
    CompletableFuture<String> a = q.submit("change 42 in project demo");

    assertThat(executor.scheduled.stream().map(Object::toString))
        .containsExactly("change 42 in project demo");
    release.countDown();
    assertThat(get(a)).isEqualTo("change 42 in project demo");
  }

  /** The number of distinct futures: one per run the callers share. */
  private static int distinct(List<? extends CompletableFuture<?>> futures) {
    Set<CompletableFuture<?>> out = Collections.newSetFromMap(new IdentityHashMap<>());
    synchronized (futures) {
      out.addAll(futures);
    }
    return out.size();
  }

  // (e)
  @Test
  void transientFailuresAreRetriedAfterTheBackoffDelays() throws Exception {
    Probe probe = new Probe();
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              int run = probe.enter(key);
              try {
                if (run <= 2) {
                  throw new TransientFailure("attempt " + run);
                }
                return "ok after " + run;
              } finally {
                probe.exit(key);
              }
            },
            Duration.ofMillis(2),
            Duration.ofMillis(4),
            Duration.ofMillis(8));

    assertThat(get(q.submit("k"))).isEqualTo("ok after 3");
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(executor.retryDelays)
        .containsExactly(Duration.ofMillis(2), Duration.ofMillis(4))
        .inOrder();
    assertThat(failures).isEmpty();
  }

  @Test
  void theBackoffStartsOverAfterASuccess() throws Exception {
    Probe probe = new Probe();
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              int run = probe.enter(key);
              try {
                // Runs 1 and 3 fail once each; 2 and 4 are their retries.
                if (run % 2 == 1) {
                  throw new TransientFailure("attempt " + run);
                }
                return "run " + run;
              } finally {
                probe.exit(key);
              }
            },
            Duration.ofMillis(2),
            Duration.ofMillis(4));

    assertThat(get(q.submit("k"))).isEqualTo("run 2");
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(get(q.submit("k"))).isEqualTo("run 4");
    assertThat(executor.retryDelays)
        .containsExactly(Duration.ofMillis(2), Duration.ofMillis(2))
        .inOrder();
    assertThat(failures).isEmpty();
  }

  // (f)
  @Test
  void nonTransientFailureIsNotRetried() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    AtomicInteger runs = new AtomicInteger();
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              runs.incrementAndGet();
              throw boom;
            },
            Duration.ofMillis(1),
            Duration.ofMillis(1));

    CompletableFuture<String> f = q.submit("k");
    assertThat(failureOf(f)).isSameInstanceAs(boom);
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(runs.get()).isEqualTo(1);
    assertThat(executor.retryDelays).isEmpty();
    assertThat(failures).containsExactly(new Failure("k", 1, boom));
  }

  @Test
  void transientFailuresBeyondTheBackoffFailForGood() throws Exception {
    List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              TransientFailure e = new TransientFailure("attempt " + (thrown.size() + 1));
              thrown.add(e);
              throw e;
            },
            Duration.ofMillis(1),
            Duration.ofMillis(3));

    CompletableFuture<String> f = q.submit("k");
    Throwable cause = failureOf(f);
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(thrown).hasSize(3);
    assertThat(cause).isSameInstanceAs(thrown.get(2));
    assertThat(executor.retryDelays)
        .containsExactly(Duration.ofMillis(1), Duration.ofMillis(3))
        .inOrder();
    assertThat(failures).containsExactly(new Failure("k", 3, thrown.get(2)));
  }

  @Test
  void nonTransientFailureDuringRetriesCountsEveryAttempt() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    AtomicInteger runs = new AtomicInteger();
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              if (runs.incrementAndGet() == 1) {
                throw new TransientFailure("first");
              }
              throw boom;
            },
            Duration.ofMillis(1),
            Duration.ofMillis(1),
            Duration.ofMillis(1));

    assertThat(failureOf(q.submit("k"))).isSameInstanceAs(boom);
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(runs.get()).isEqualTo(2);
    assertThat(failures).containsExactly(new Failure("k", 2, boom));
  }

  @Test
  void aKeyThatFailedForGoodRunsAgainWhenSubmittedAgain() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              // Attempts 1 and 2 are the first submission's; 3 and 4 the second's.
              int run = runs.incrementAndGet();
              if (run != 4) {
                throw new TransientFailure("attempt " + run);
              }
              return "ok";
            },
            Duration.ofMillis(1));

    assertThat(failureOf(q.submit("k"))).isInstanceOf(TransientFailure.class);
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(q.size()).isEqualTo(0);
    assertThat(get(q.submit("k"))).isEqualTo("ok");
    assertThat(runs.get()).isEqualTo(4);
    // The second submission had the whole backoff again.
    assertThat(executor.retryDelays)
        .containsExactly(Duration.ofMillis(1), Duration.ofMillis(1))
        .inOrder();
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).attempts()).isEqualTo(2);
  }

  @Test
  void callersThatCoalescedIntoAFailingRunAllFail() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              if (runs.incrementAndGet() == 1) {
                started.countDown();
                await(release);
                return "first";
              }
              throw boom;
            });

    CompletableFuture<String> first = q.submit("k");
    await(started);
    CompletableFuture<String> second = q.submit("k");
    CompletableFuture<String> third = q.submit("k");
    release.countDown();
    assertThat(get(first)).isEqualTo("first");
    assertThat(failureOf(second)).isSameInstanceAs(boom);
    assertThat(failureOf(third)).isSameInstanceAs(boom);
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(failures).containsExactly(new Failure("k", 1, boom));
  }

  // (g)
  @Test
  void awaitIdleIsTrueWhenDrainedAndFalseWhileATaskIsBlocked() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              started.countDown();
              await(release);
              return key;
            });
    assertThat(q.awaitIdle(Duration.ZERO)).isTrue();

    CompletableFuture<String> f = q.submit("k");
    await(started);
    assertThat(q.awaitIdle(Duration.ofMillis(20))).isFalse();
    assertThat(q.awaitIdle(Duration.ZERO)).isFalse();
    assertThat(q.size()).isEqualTo(1);

    release.countDown();
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(get(f)).isEqualTo("k");
    assertThat(q.size()).isEqualTo(0);
  }

  @Test
  void awaitIdleWaitsForAPendingRetry() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              if (runs.incrementAndGet() == 1) {
                throw new TransientFailure("first");
              }
              return "ok";
            },
            Duration.ofMillis(1));
    executor.holdRetries = new CountDownLatch(1);

    CompletableFuture<String> f = q.submit("k");
    assertThat(executor.retriesScheduled.tryAcquire(SAFETY_NET_SECONDS, SECONDS)).isTrue();
    assertThat(q.awaitIdle(Duration.ofMillis(20))).isFalse();
    assertThat(f.isDone()).isFalse();

    executor.holdRetries.countDown();
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(get(f)).isEqualTo("ok");
  }

  // (h)
  @Test
  void submissionWhileARetryIsPendingCoalescesIntoTheRetry() throws Exception {
    AtomicInteger version = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              int v = version.get();
              if (runs.incrementAndGet() == 1) {
                throw new TransientFailure("first");
              }
              return "v" + v;
            },
            Duration.ofMillis(1));
    executor.holdRetries = new CountDownLatch(1);

    version.incrementAndGet();
    CompletableFuture<String> first = q.submit("k");
    // The first attempt failed and its retry is scheduled, but held back.
    assertThat(executor.retriesScheduled.tryAcquire(SAFETY_NET_SECONDS, SECONDS)).isTrue();
    version.incrementAndGet();
    CompletableFuture<String> second = q.submit("k");
    assertThat(q.size()).isEqualTo(1);
    assertThat(first.isDone()).isFalse();

    executor.holdRetries.countDown();
    assertThat(get(first)).isEqualTo("v2");
    assertThat(get(second)).isEqualTo("v2");
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    // The retry answered both callers; there was no third run.
    assertThat(runs.get()).isEqualTo(2);
    assertThat(executor.retryDelays).containsExactly(Duration.ofMillis(1));
    assertThat(failures).isEmpty();
  }

  @Test
  void submissionWhileAnAttemptFailsIsAnsweredByTheRetry() throws Exception {
    AtomicInteger version = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              int v = version.get();
              if (runs.incrementAndGet() == 1) {
                started.countDown();
                await(release);
                throw new TransientFailure("first");
              }
              return "v" + v;
            },
            Duration.ofMillis(1));

    version.incrementAndGet();
    CompletableFuture<String> first = q.submit("k");
    await(started);
    version.incrementAndGet();
    CompletableFuture<String> second = q.submit("k");
    release.countDown();
    assertThat(get(first)).isEqualTo("v2");
    assertThat(get(second)).isEqualTo("v2");
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    // One retry covered both the failed attempt and the submission made during it.
    assertThat(runs.get()).isEqualTo(2);
    assertThat(failures).isEmpty();
  }

  @Test
  void taskThrowingAnErrorDoesNotWedgeItsKey() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              if (runs.incrementAndGet() == 1) {
                throw new AssertionError("broken invariant");
              }
              return "ok";
            });

    CompletableFuture<String> first = q.submit("k");
    Throwable cause =
        assertThrows(
                ExecutionException.class,
                () -> first.get(5, SECONDS),
                "the caller's future was never completed")
            .getCause();
    assertThat(cause).isInstanceOf(AssertionError.class);
    assertThat(q.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(get(q.submit("k"))).isEqualTo("ok");
    assertThat(failures).hasSize(1);
  }

  @Test
  void linkageErrorFailsTheCallersInsteadOfEscaping() throws Exception {
    NoClassDefFoundError gone = new NoClassDefFoundError("plugin reloaded");
    CoalescingQueue<String, String> q =
        queue(
            2,
            key -> {
              throw gone;
            },
            Duration.ofMillis(1));

    assertThat(failureOf(q.submit("k"))).isSameInstanceAs(gone);
    assertThat(q.awaitIdle(SAFETY_NET)).isTrue();
    assertThat(failures).containsExactly(new Failure("k", 1, gone));
  }

  @Test
  void aStoppedExecutorFailsTheCallerInsteadOfKeepingTheKeyForever() throws Exception {
    ScheduledThreadPoolExecutor stopped = new ScheduledThreadPoolExecutor(1);
    stopped.shutdownNow();
    CoalescingQueue<String, String> q =
        new CoalescingQueue<>(
            stopped, key -> "ran", t -> false, ImmutableList.of(), (key, attempts, cause) -> {});

    CompletableFuture<String> answer = q.submit("a");

    ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(1, SECONDS));
    assertThat(e)
        .hasCauseThat()
        .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    assertThat(q.size()).isEqualTo(0);
    assertThat(q.awaitIdle(Duration.ZERO)).isTrue();
  }
}
