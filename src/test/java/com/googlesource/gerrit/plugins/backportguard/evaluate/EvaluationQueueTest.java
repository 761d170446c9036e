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

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.exceptions.StorageException;
import com.google.gerrit.extensions.restapi.ResourceConflictException;
import com.google.gerrit.git.LockFailureException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.Test;

/** Which failures of an evaluation are worth retrying. */
class EvaluationQueueTest {
  private static LockFailureException lockFailure() throws IOException {
    try (InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("p"))) {
      RefUpdate update = repo.updateRef("refs/changes/01/1/meta");
      return new LockFailureException("cannot lock refs/changes/01/1/meta", update);
    }
  }

  private static LockFailedException lockFailed() {
    return new LockFailedException(new File("/tmp/repo.git/refs/heads/master"), "locked");
  }

  @Test
  void lockFailureIsTransient() throws Exception {
    assertThat(EvaluationQueue.isTransient(lockFailure())).isTrue();
  }

  @Test
  void jgitLockFailedIsTransient() {
    assertThat(EvaluationQueue.isTransient(lockFailed())).isTrue();
  }

  @Test
  void storageExceptionIsTransient() {
    assertThat(EvaluationQueue.isTransient(new StorageException("index not ready"))).isTrue();
  }

  @Test
  void transientCausesCountAnyDepthDown() throws Exception {
    assertThat(EvaluationQueue.isTransient(new IOException("update failed", lockFailure())))
        .isTrue();
    assertThat(EvaluationQueue.isTransient(new UncheckedIOException(lockFailed()))).isTrue();
    assertThat(
            EvaluationQueue.isTransient(
                new ExecutionException(
                    new CompletionException(new StorageException("NoteDb not ready")))))
        .isTrue();
    assertThat(
            EvaluationQueue.isTransient(
                new IllegalStateException("wrapped", new StorageException("read failed"))))
        .isTrue();
  }

  @Test
  void storageExceptionCountsWhateverItWraps() {
    assertThat(
            EvaluationQueue.isTransient(
                new StorageException("query failed", new IllegalArgumentException("bad"))))
        .isTrue();
  }

  @Test
  void programmingErrorsAndRejectionsAreNotTransient() {
    assertThat(EvaluationQueue.isTransient(new IllegalStateException("bug"))).isFalse();
    assertThat(EvaluationQueue.isTransient(new NullPointerException())).isFalse();
    assertThat(EvaluationQueue.isTransient(new ResourceConflictException("change is closed")))
        .isFalse();
    assertThat(EvaluationQueue.isTransient(new IOException("disk full"))).isFalse();
    assertThat(
            EvaluationQueue.isTransient(
                new IllegalStateException(
                    "wrapped", new ResourceConflictException("change is closed"))))
        .isFalse();
    assertThat(EvaluationQueue.isTransient(new AssertionError("broken"))).isFalse();
  }

  /** A kind of error of its own, so that no other test has used up its minute. */
  private static final class OutageForThisTest extends RuntimeException {
    OutageForThisTest(String message) {
      super(message);
    }
  }

  private static final class OtherOutageForThisTest extends RuntimeException {
    OtherOutageForThisTest(String message) {
      super(message);
    }
  }

  @Test
  void failuresForGoodNameEveryChangeButTheStackTraceOnceAMinutePerKindOfError() {
    try (LogCapture log = new LogCapture(EvaluationQueue.class)) {
      for (int i = 1; i <= 3; i++) {
        EvaluationQueue.failedForGood(
            new EvaluationQueue.Key(Project.nameKey("demo"), Change.id(i)),
            6,
            new OutageForThisTest("index down"));
      }
      EvaluationQueue.failedForGood(
          new EvaluationQueue.Key(Project.nameKey("demo"), Change.id(4)),
          6,
          new OtherOutageForThisTest("disk full"));

      assertThat(log.lines().stream().filter(l -> l.contains("Cannot check")))
          .containsExactly(
              "SEVERE Cannot check the dependencies of change 1 in project demo (6 attempts):"
                  + " index down",
              "SEVERE Cannot check the dependencies of change 2 in project demo (6 attempts):"
                  + " index down",
              "SEVERE Cannot check the dependencies of change 3 in project demo (6 attempts):"
                  + " index down",
              "SEVERE Cannot check the dependencies of change 4 in project demo (6 attempts):"
                  + " disk full")
          .inOrder();
      assertThat(log.lines().stream().filter(l -> l.contains("The cause of the failure above")))
          .hasSize(2);
    }
  }
}
