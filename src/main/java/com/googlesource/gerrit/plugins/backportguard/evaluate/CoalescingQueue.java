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

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs one task per key on a shared executor, never two for the same key at once.
 *
 * <p>A key that is already waiting is not queued again: the waiting run reads the newest state when
 * it starts, so callers share its result. A key submitted while its task runs is run once more
 * afterwards, so the last run always starts after the last submission. The queue holds at most one
 * entry per key, however many submissions arrive. A run that fails transiently is retried after
 * each delay of the backoff in turn; one that fails for good completes its callers' futures
 * exceptionally and goes to the failure handler. (Retried here rather than with Gerrit's
 * RetryHelper, which sleeps on the calling thread: a backoff would hold one of the queue's few
 * threads, and submissions meanwhile could not coalesce into the retry.)
 *
 * <p>With a journal, a key is recorded before its run is scheduled and forgotten once the key
 * leaves the queue (its last run succeeded or failed for good), so the journal holds every key
 * whose work is not done. A key dropped because the executor is shut down (the plugin stops) stays
 * in the journal, and {@link #replay()} queues such keys again at the next start.
 */
public final class CoalescingQueue<K, R> {
  /** The work done for one key. */
  public interface Task<K, R> {
    R run(K key) throws Exception;
  }

  /** Receives a run that failed for good, with the number of attempts made. */
  public interface FailureHandler<K> {
    void failed(K key, int attempts, Throwable cause);
  }

  private final ScheduledExecutorService executor;
  private final Task<K, R> task;
  private final Predicate<Throwable> isTransient;
  private final ImmutableList<Duration> backoff;
  private final FailureHandler<K> onFailure;
  private final PendingWork.Journal<K> journal;
  private final Consumer<K> onCoalesced;
  private final Map<K, Slot<R>> slots = new HashMap<>();

  /** The state of one key; guarded by the queue. */
  private static final class Slot<R> {
    CompletableFuture<R> next = new CompletableFuture<>();
    boolean waiting;
    boolean running;
    int failedAttempts;
  }

  public CoalescingQueue(
      ScheduledExecutorService executor,
      Task<K, R> task,
      Predicate<Throwable> isTransient,
      ImmutableList<Duration> backoff,
      FailureHandler<K> onFailure) {
    this(executor, task, isTransient, backoff, onFailure, PendingWork.none());
  }

  public CoalescingQueue(
      ScheduledExecutorService executor,
      Task<K, R> task,
      Predicate<Throwable> isTransient,
      ImmutableList<Duration> backoff,
      FailureHandler<K> onFailure,
      PendingWork.Journal<K> journal) {
    this(executor, task, isTransient, backoff, onFailure, journal, key -> {});
  }

  /**
   * @param onCoalesced told of each submission that joined a run of its key already waiting (for
   *     the metrics); called while the queue is locked, so it must return at once
   */
  public CoalescingQueue(
      ScheduledExecutorService executor,
      Task<K, R> task,
      Predicate<Throwable> isTransient,
      ImmutableList<Duration> backoff,
      FailureHandler<K> onFailure,
      PendingWork.Journal<K> journal,
      Consumer<K> onCoalesced) {
    this.executor = executor;
    this.task = task;
    this.isTransient = isTransient;
    this.backoff = backoff;
    this.onFailure = onFailure;
    this.journal = journal;
    this.onCoalesced = onCoalesced;
  }

  /**
   * Queues again every key the journal holds: work that a previous run of the plugin accepted and
   * did not finish. Each key is recorded as this run's before the previous run's record of it is
   * deleted, so that a crash in between loses nothing.
   *
   * @return how many keys were queued
   */
  public int replay() {
    ImmutableList<K> pending = journal.pending();
    for (K key : pending) {
      submit(key);
      journal.adopted(key);
    }
    return pending.size();
  }

  /** Runs the task for the key soon, unless a run that has not started yet is waiting already. */
  public synchronized CompletableFuture<R> submit(K key) {
    Slot<R> slot = slots.get(key);
    if (slot == null) {
      // On disk before anyone is told the work is queued.
      journal.add(key);
      slot = new Slot<>();
      slots.put(key, slot);
      slot.waiting = true;
      schedule(key, Duration.ZERO);
    } else if (!slot.waiting) {
      // Running now: run again afterwards, with whatever changed meanwhile.
      slot.waiting = true;
    } else {
      onCoalesced.accept(key);
    }
    return slot.next;
  }

  /** The number of keys waiting or running. */
  public synchronized int size() {
    return slots.size();
  }

  /** Waits until no key is waiting or running; false if the timeout passed first. */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!slots.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
    return true;
  }

  /**
   * Schedules a run of the key; if the executor refuses (it is shut down: the plugin is stopping),
   * drops the key and fails its waiting callers rather than leave them waiting forever. The journal
   * keeps the key, for the next start.
   */
  private void schedule(K key, Duration delay) {
    try {
      if (delay.isZero()) {
        executor.execute(new Run(key));
      } else {
        executor.schedule(new Run(key), delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (RejectedExecutionException e) {
      Slot<R> slot = slots.remove(key);
      notifyAll();
      if (slot != null) {
        slot.next.completeExceptionally(e);
      }
    }
  }

  /**
   * One run of a key on the executor. Gerrit's WorkQueue names a task by its runnable's {@code
   * toString}, so {@code gerrit show-queue} says which key it is for.
   */
  private final class Run implements Runnable {
    private final K key;

    Run(K key) {
      this.key = key;
    }

    @Override
    public void run() {
      CoalescingQueue.this.run(key);
    }

    @Override
    public String toString() {
      return String.valueOf(key);
    }
  }

  private void run(K key) {
    CompletableFuture<R> current;
    Slot<R> slot;
    synchronized (this) {
      slot = slots.get(key);
      current = slot.next;
      slot.next = new CompletableFuture<>();
      slot.waiting = false;
      slot.running = true;
    }
    R result = null;
    Throwable failure = null;
    try {
      result = task.run(key);
    } catch (Throwable t) {
      // Even an Error must release the key, or its callers would wait forever.
      failure = t;
    }
    synchronized (this) {
      slot.running = false;
      if (failure != null && retryable(failure) && slot.failedAttempts < backoff.size()) {
        Duration delay = backoff.get(slot.failedAttempts++);
        // The retry answers the callers of this run and of any that coalesced into it.
        slot.next.whenComplete((r, e) -> complete(current, r, e));
        slot.waiting = true;
        schedule(key, delay);
        return;
      }
      int attempts = slot.failedAttempts + 1;
      slot.failedAttempts = 0;
      if (slot.waiting) {
        schedule(key, Duration.ZERO);
      } else {
        slots.remove(key);
        notifyAll();
        // A run cut short because the plugin stops is not done: keep it for the next start.
        if (failure == null || !executor.isShutdown()) {
          journal.remove(key);
        }
      }
      if (failure != null) {
        try {
          onFailure.failed(key, attempts, failure);
        } catch (RuntimeException e) {
          // The handler only reports; the queue must stay consistent whatever it does.
        }
      }
    }
    complete(current, result, failure);
  }

  private boolean retryable(Throwable failure) {
    try {
      return isTransient.test(failure);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static <R> void complete(CompletableFuture<R> future, R result, Throwable failure) {
    if (failure != null) {
      future.completeExceptionally(failure);
    } else {
      future.complete(result);
    }
  }
}
