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

package com.googlesource.gerrit.plugins.backportguard.rest;

import com.google.gerrit.entities.Account;
import com.google.gerrit.exceptions.StorageException;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.extensions.common.Input;
import com.google.gerrit.extensions.restapi.AuthException;
import com.google.gerrit.extensions.restapi.Response;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.extensions.restapi.RestModifyView;
import com.google.gerrit.server.change.RevisionResource;
import com.google.gerrit.server.quota.QuotaException;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /changes/{id}/revisions/current/backport-guard~check}: any signed-in user who can
 * read the change asks for a fresh check, which re-votes and, if the verdict changed, comments.
 *
 * <p>The check runs on the plugin's queue, never on this request thread: it joins an evaluation of
 * the change already waiting there, if any. The request waits for it at most {@link #WAIT}, then
 * answers 202 Accepted with a message (the check goes on). At most one check per change per {@link
 * #WINDOW}: a second request in the window gets 429 saying when to ask again, rather than the last
 * result dressed as a fresh one; {@code GET .../backport-guard~prerequisites} answers at any time.
 * And at most {@link #CHECKS_PER_CALLER} per caller per window over all changes, so that one caller
 * who reads many changes cannot keep the plugin's queue busy ahead of the events it must follow.
 */
@Singleton
public class PostCheck implements RestModifyView<RevisionResource, Input> {
  /** How long the request waits for the check. */
  static final Duration WAIT = Duration.ofSeconds(30);

  /** At most one forced check per change in this time. */
  static final Duration WINDOW = Duration.ofSeconds(30);

  /** At most this many forced checks per caller per {@link #WINDOW}, over all changes. */
  static final int CHECKS_PER_CALLER = 10;

  private final EvaluationQueue queue;
  private final PrerequisitesAnswer answer;
  private final String pluginName;
  private final WindowBudget<String> limiter;
  private final WindowBudget<Account.Id> callers;

  @Inject
  PostCheck(EvaluationQueue queue, PrerequisitesAnswer answer, @PluginName String pluginName) {
    this.queue = queue;
    this.answer = answer;
    this.pluginName = pluginName;
    this.limiter = new WindowBudget<>(WINDOW, 1, com.google.common.base.Ticker.systemTicker());
    this.callers =
        new WindowBudget<>(WINDOW, CHECKS_PER_CALLER, com.google.common.base.Ticker.systemTicker());
  }

  @Override
  public Response<?> apply(RevisionResource rsrc, Input input)
      throws RestApiException, IOException {
    if (!rsrc.getUser().isIdentifiedUser()) {
      throw new AuthException("Authentication required");
    }
    GetPrerequisites.requireCurrent(rsrc, pluginName);
    int number = rsrc.getChange().getId().get();
    // The caller's budget first: a request it refuses takes no change's window from its readers.
    java.util.Optional<Duration> wait = callers.tryAcquire(rsrc.getUser().getAccountId());
    if (wait.isPresent()) {
      throw new QuotaException(
          String.format(
              "you asked for %d checks in less than %d s; ask again in %d s (GET"
                  + " revisions/current/%s~prerequisites answers now)",
              CHECKS_PER_CALLER, WINDOW.toSeconds(), seconds(wait.get()), pluginName));
    }
    String key = rsrc.getProject().get() + "~" + number;
    java.util.Optional<Duration> retry = limiter.tryAcquire(key);
    if (retry.isPresent()) {
      long seconds = seconds(retry.get());
      throw new QuotaException(
          String.format(
              "change %d was checked on request less than %d s ago; ask again in %d s (GET"
                  + " revisions/current/%s~prerequisites answers now)",
              number, WINDOW.toSeconds(), seconds, pluginName));
    }
    CompletableFuture<EvaluationReport> check =
        queue.submit(rsrc.getProject(), rsrc.getChange().getId());
    try {
      check.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Response.withStatusCode(
          202,
          String.format(
              "the check of change %d is queued and did not finish within %d s; it goes on",
              number, WAIT.toSeconds()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for the check", e);
    } catch (ExecutionException e) {
      // Failed for good; the queue logged why.
      throw new StorageException(
          "the check of change " + number + " failed; see the error log", e.getCause());
    }
    return Response.ok(answer.forUser(rsrc.getProject(), rsrc.getChange().getId(), rsrc.getUser()));
  }

  /** Whole seconds, rounded up, at least one. */
  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
