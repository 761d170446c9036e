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

import com.google.common.collect.ImmutableList;
import com.google.gerrit.exceptions.StorageException;
import com.google.gerrit.extensions.restapi.BadRequestException;
import com.google.gerrit.extensions.restapi.ResourceConflictException;
import com.google.gerrit.extensions.validators.CommentForValidation;
import com.google.gerrit.extensions.validators.CommentForValidation.CommentSource;
import com.google.gerrit.extensions.validators.CommentForValidation.CommentType;
import com.google.gerrit.git.LockFailureException;
import com.google.gerrit.index.query.QueryParseException;
import com.google.gerrit.server.notedb.LimitExceededException;
import com.google.gerrit.server.update.CommentsRejectedException;
import com.google.gerrit.server.update.UpdateException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.junit.jupiter.api.Test;

/**
 * Failures that the same request meets again are not retried as if they went away by themselves:
 * Gerrit refusing the comment (400), a change at its update limit, a query the index refuses.
 */
class NonTransientFailuresTest {
  private static CommentsRejectedException commentTooLong() {
    return new CommentsRejectedException(
        ImmutableList.of(
            CommentForValidation.create(
                    CommentSource.HUMAN, CommentType.CHANGE_MESSAGE, "text", 20_000)
                .failValidation("Comment size exceeds limit (20000 > 16384)")));
  }

  private static LockFailureException lockFailure() throws Exception {
    try (InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("p"))) {
      return new LockFailureException("cannot lock", repo.updateRef("refs/changes/01/1/meta"));
    }
  }

  @Test
  void commentRejectedByGerritIsNotTransient() {
    BadRequestException e =
        new BadRequestException(commentTooLong().getMessage(), commentTooLong());
    assertThat(EvaluationQueue.isTransient(e)).isFalse();
    assertThat(EvaluationQueue.isTransient(new UpdateException(commentTooLong()))).isFalse();
  }

  @Test
  void changeAtItsUpdateLimitIsNotTransient() {
    // What BatchUpdate throws once a change has change.maxUpdates NoteDb updates.
    ResourceConflictException e =
        new ResourceConflictException(
            "Change 1 may not exceed 1000 updates",
            new LimitExceededException("Change 1 may not exceed 1000 updates"));
    assertThat(EvaluationQueue.isTransient(e)).isFalse();
  }

  @Test
  void requestErrorsWrappedInStorageExceptionAreNotTransient() {
    assertThat(
            EvaluationQueue.isTransient(
                new StorageException("post failed", new BadRequestException("bad"))))
        .isFalse();
    assertThat(
            EvaluationQueue.isTransient(
                new StorageException("post failed", new ResourceConflictException("closed"))))
        .isFalse();
    assertThat(
            EvaluationQueue.isTransient(
                new StorageException(
                    "query failed", new QueryParseException("too many terms in query"))))
        .isFalse();
  }

  @Test
  void aLockFailureStaysTransientWhateverWrapsIt() throws Exception {
    assertThat(
            EvaluationQueue.isTransient(new ResourceConflictException("conflict", lockFailure())))
        .isTrue();
    assertThat(
            EvaluationQueue.isTransient(
                new StorageException("update failed", new UpdateException(lockFailure()))))
        .isTrue();
  }
}
