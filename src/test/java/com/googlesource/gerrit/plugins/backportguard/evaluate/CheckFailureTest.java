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

import com.google.gerrit.exceptions.StorageException;
import com.google.gerrit.extensions.restapi.AuthException;
import com.google.gerrit.extensions.restapi.BadRequestException;
import com.google.gerrit.index.query.QueryParseException;
import java.io.IOException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.junit.jupiter.api.Test;

/** The comment of a failed check names the kind of error, never the server's message. */
class CheckFailureTest {
  @Test
  void namesTheKindOfErrorOnly() {
    assertThat(CheckFailure.kind(new BadRequestException("Error in operator change:secret~1")))
        .isEqualTo("Gerrit refused an index query");
    assertThat(
            CheckFailure.kind(
                new StorageException(new QueryParseException("secret query parse error"))))
        .isEqualTo("Gerrit refused an index query");
    assertThat(CheckFailure.kind(new AuthException("secret")))
        .isEqualTo("Gerrit refused a request");
    assertThat(CheckFailure.kind(new RepositoryNotFoundException("secret/project")))
        .isEqualTo("a repository could not be read");
    assertThat(CheckFailure.kind(new IllegalStateException("secret")))
        .isEqualTo("an internal error");
  }

  @Test
  void commentSaysWhatToDoAndNothingOfTheMessage() {
    String comment = CheckFailure.comment(new IOException("/srv/gerrit/git/secret.git"));

    assertThat(comment)
        .isEqualTo(
            "Backport check: the check could not be completed: a repository could not be read;"
                + " ask an admin to look at the error_log.");
  }
}
