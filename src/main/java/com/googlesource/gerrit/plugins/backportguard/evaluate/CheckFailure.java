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

import com.google.common.base.Throwables;
import com.google.gerrit.extensions.restapi.BadRequestException;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.index.query.QueryParseException;
import com.googlesource.gerrit.plugins.backportguard.verdict.VerdictComment;
import java.io.IOException;
import java.util.List;

/**
 * The comment for a check that failed with an error that trying again would meet again: the change
 * gets the failing vote rather than none (a guard that an error switches off is no guard). It says
 * what kind of error it was, and nothing of the server's internals (the readers of the change need
 * not be allowed to know them); the error itself goes to the error_log.
 */
final class CheckFailure {
  private CheckFailure() {}

  static String comment(Throwable failure) {
    return VerdictComment.HEADER
        + "the check could not be completed: "
        + kind(failure)
        + "; ask an admin to look at the error_log.";
  }

  static String kind(Throwable failure) {
    List<Throwable> causes = Throwables.getCausalChain(failure);
    if (causes.stream()
        .anyMatch(t -> t instanceof BadRequestException || t instanceof QueryParseException)) {
      return "Gerrit refused an index query";
    }
    if (causes.stream().anyMatch(t -> t instanceof RestApiException)) {
      return "Gerrit refused a request";
    }
    if (causes.stream().anyMatch(t -> t instanceof IOException)) {
      return "a repository could not be read";
    }
    return "an internal error";
  }
}
