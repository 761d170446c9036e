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

package com.googlesource.gerrit.plugins.backportguard.pick;

import com.google.common.collect.ImmutableList;
import com.google.gerrit.extensions.restapi.AuthException;
import com.google.gerrit.extensions.restapi.BadRequestException;
import com.google.gerrit.extensions.restapi.MethodNotAllowedException;
import com.google.gerrit.extensions.restapi.PreconditionFailedException;
import com.google.gerrit.extensions.restapi.ResourceConflictException;
import com.google.gerrit.extensions.restapi.ResourceNotFoundException;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.extensions.restapi.UnprocessableEntityException;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPlan.Pick;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The error that stops a run at a cherry-pick Gerrit refused: it names that prerequisite, gives
 * Gerrit's reason, and lists what was already made and what was not tried, so that nothing is left
 * half-done without being said. It keeps Gerrit's status (403 for a permission, 409 for a conflict,
 * 400 for a bad request). Pure.
 */
final class PickStopped {
  private PickStopped() {}

  /** A pick that was made: the prerequisite it copies and the change it made. */
  record Made(Pick pick, int number, String url) {}

  /**
   * The message.
   *
   * @param at the pick Gerrit refused; null to name it no more than "a prerequisite"
   * @param reason Gerrit's message
   * @param made the picks made before it, in order
   * @param notTried the picks after it
   * @param topic the topic the made ones are in
   * @param onBackport what happened to the backport's topic
   */
  static String message(
      Pick at,
      String reason,
      List<Made> made,
      List<Pick> notTried,
      String branch,
      String topic,
      TopicOnBackport onBackport) {
    StringBuilder m =
        new StringBuilder("Stopped at ")
            .append(at == null ? "a prerequisite" : name(at))
            .append(": Gerrit refused to cherry-pick it onto ")
            .append(branch)
            .append(": ")
            .append(reason == null || reason.isBlank() ? "no reason given" : reason.strip())
            .append('\n');
    if (made.isEmpty()) {
      m.append("Nothing was made.\n");
    } else {
      m.append("Already made (kept, in topic ").append(topic).append("):\n");
      for (Made x : made) {
        m.append("* change ")
            .append(x.number())
            .append(" copies ")
            .append(name(x.pick()))
            .append(": ")
            .append(x.url())
            .append('\n');
      }
    }
    if (!made.isEmpty()) {
      m.append(
          switch (onBackport) {
            case SET -> "The backport was put in topic " + topic + ".\n";
            case NOT_ALLOWED ->
                "You may not set the backport's topic: its owner can put it in topic "
                    + topic
                    + ".\n";
            default -> "";
          });
    }
    if (!notTried.isEmpty()) {
      m.append("Not tried: ")
          .append(notTried.stream().map(PickStopped::name).collect(Collectors.joining(", ")))
          .append('\n');
    }
    return m.toString();
  }

  /**
   * The message when Gerrit says the caller cannot read the change to pick: it names it no more
   * than Gerrit does.
   */
  static String unreadable(
      List<Made> made,
      List<Pick> notTried,
      String branch,
      String topic,
      TopicOnBackport onBackport) {
    return message(
        null,
        "you cannot read the change to cherry-pick",
        made,
        notTried,
        branch,
        topic,
        onBackport);
  }

  /** A prerequisite as the caller reads it: the merged change it copies, with its Change-Id. */
  static String name(Pick p) {
    return "change "
        + p.source().number()
        + " in "
        + p.source().project()
        + " ("
        + p.prerequisite().changeId()
        + ")";
  }

  /** The same kind of error as Gerrit's, so the HTTP status stays Gerrit's. */
  static RestApiException sameKind(RestApiException cause, String message) {
    RestApiException out;
    if (cause instanceof AuthException) {
      out = new AuthException(message);
    } else if (cause instanceof BadRequestException) {
      out = new BadRequestException(message);
    } else if (cause instanceof ResourceNotFoundException) {
      out = new ResourceNotFoundException(message);
    } else if (cause instanceof UnprocessableEntityException) {
      out = new UnprocessableEntityException(message);
    } else if (cause instanceof MethodNotAllowedException) {
      out = new MethodNotAllowedException(message);
    } else if (cause instanceof PreconditionFailedException) {
      out = new PreconditionFailedException(message);
    } else {
      out = new ResourceConflictException(message);
    }
    out.initCause(cause);
    return out;
  }

  static ImmutableList<Pick> after(List<Pick> all, int index) {
    return ImmutableList.copyOf(all.subList(index + 1, all.size()));
  }
}
