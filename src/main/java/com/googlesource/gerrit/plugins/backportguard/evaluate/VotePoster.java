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

import com.google.common.collect.ImmutableMap;
import com.google.common.flogger.FluentLogger;
import com.google.common.util.concurrent.Striped;
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.LabelType;
import com.google.gerrit.entities.PatchSet;
import com.google.gerrit.entities.PatchSetApproval;
import com.google.gerrit.entities.Project;
import com.google.gerrit.exceptions.StorageException;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.extensions.api.GerritApi;
import com.google.gerrit.extensions.api.changes.ReviewInput;
import com.google.gerrit.extensions.restapi.AuthException;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.server.ChangeMessagesUtil;
import com.google.gerrit.server.approval.ApprovalsUtil;
import com.google.gerrit.server.notedb.ChangeNotes;
import com.google.gerrit.server.permissions.ChangePermission;
import com.google.gerrit.server.permissions.LabelPermission;
import com.google.gerrit.server.permissions.PermissionBackend;
import com.google.gerrit.server.permissions.PermissionBackendException;
import com.google.gerrit.server.project.NoSuchChangeException;
import com.google.gerrit.server.project.ProjectCache;
import com.google.gerrit.server.update.RetryHelper;
import com.google.gerrit.server.util.ManualRequestContext;
import com.google.gerrit.server.util.OneOffRequestContext;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettings;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import com.googlesource.gerrit.plugins.backportguard.config.ServiceAccount;
import com.googlesource.gerrit.plugins.backportguard.evaluate.MisconfigurationLog.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * Brings the plugin's vote and comment on a change in line with an outcome, saying nothing that is
 * already said: the comment is posted only when it differs from the plugin's last one, the vote
 * only when it differs from the plugin's current vote on the current patch set. What to post is
 * decided by {@link Posting}; this class reads the change and posts.
 *
 * <p>Everything it needs to decide is read from the change notes the evaluation loaded already, not
 * from a formatted change: re-checking a hundred dependents must cost little more than the reviews
 * it posts.
 */
public class VotePoster {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  /** Serializes the post attempts on one change; private, unlike an interned string. */
  private static final Striped<Lock> POSTING = Striped.lazyWeakLock(256);

  private final GerritApi gApi;
  private final OneOffRequestContext requestContext;
  private final ChangeNotes.Factory notesFactory;
  private final ProjectCache projectCache;
  private final PermissionBackend permissionBackend;
  private final ApprovalsUtil approvals;
  private final MisconfigurationLog misconfiguration;
  private final RetryHelper retryHelper;
  private final ServiceAccount serviceAccount;
  private final ServerSettings serverSettings;
  private final String pluginName;

  /** Tags the plugin's messages so that the UI can hide them with other bot messages. */
  private final String tag;

  @Inject
  VotePoster(
      GerritApi gApi,
      OneOffRequestContext requestContext,
      ChangeNotes.Factory notesFactory,
      ProjectCache projectCache,
      PermissionBackend permissionBackend,
      ApprovalsUtil approvals,
      MisconfigurationLog misconfiguration,
      RetryHelper retryHelper,
      ServiceAccount serviceAccount,
      ServerSettings serverSettings,
      @PluginName String pluginName) {
    this.gApi = gApi;
    this.requestContext = requestContext;
    this.notesFactory = notesFactory;
    this.projectCache = projectCache;
    this.permissionBackend = permissionBackend;
    this.approvals = approvals;
    this.misconfiguration = misconfiguration;
    this.retryHelper = retryHelper;
    this.serviceAccount = serviceAccount;
    this.serverSettings = serverSettings;
    this.pluginName = pluginName;
    this.tag = ChangeMessagesUtil.AUTOGENERATED_TAG_PREFIX + pluginName;
  }

  /** Whether the plugin's account has posted on the change before. */
  boolean spokeBefore(ChangeNotes notes, Account.Id bot) {
    return Posting.spokeBefore(notes.getChangeMessages(), bot, tag);
  }

  /**
   * Applies the outcome of evaluating the current patch set of the change in {@code notes}, as the
   * service account, if that patch set is still the current one.
   */
  EvaluationReport apply(
      ChangeNotes notes, ProjectSettings settings, Outcome outcome, Account.Id bot, String botName)
      throws RestApiException, PermissionBackendException {
    Change change = notes.getChange();
    Project.NameKey project = change.getProject();
    Change.Id changeId = change.getId();
    PatchSet.Id evaluated = change.currentPatchSetId();
    PermissionBackend.ForChange asBot = permissionBackend.absentUser(bot).change(notes);
    if (!asBot.test(ChangePermission.READ)) {
      misconfiguration.report(
          project,
          Setting.READ_PERMISSION,
          String.format(
              "account %s cannot see change %d; grant it read access to the project",
              botName, changeId.get()));
      return EvaluationReport.notPosted(project, changeId, "service account cannot see the change");
    }
    Optional<LabelType> label =
        projectCache.get(project).flatMap(p -> p.getLabelTypes(notes).byLabel(settings.label()));
    if (label.isEmpty()) {
      misconfiguration.report(
          project,
          Setting.LABEL,
          String.format(
              "label %s does not exist for branch %s; define it (e.g. in All-Projects) or name"
                  + " an existing label in [plugin \"%s\"] label of project.config",
              settings.label(), change.getDest().shortName(), pluginName));
      return EvaluationReport.notPosted(
          project, changeId, "label " + settings.label() + " missing");
    }
    int before = currentVote(notes, evaluated, bot, label.get());
    Posting posting =
        Posting.decide(
            Posting.lastComment(notes.getChangeMessages(), bot, tag),
            ImmutableMap.of(label.get().getName(), before),
            outcome.comment(),
            ImmutableMap.of(label.get().getName(), outcome.vote()));
    if (posting.kind() == Posting.Kind.NOTHING) {
      return EvaluationReport.posted(project, changeId, before, before, false);
    }
    boolean nonZeroVote = posting.newVote(label.get().getName()).orElse(0) != 0;
    if (nonZeroVote
        && (outcome.vote() != (short) outcome.vote()
            || label.get().getValue((short) outcome.vote()) == null)) {
      // Validated at push, but the label may have been edited since. No lossy cast: a vote beyond
      // a short is no label's value, not the value it wraps to.
      String key = outcome.vote() == settings.failVote() ? "failVote" : "passVote";
      misconfiguration.report(
          project,
          Setting.LABEL,
          String.format(
              "[plugin \"%s\"] %s %d is outside the range of label %s (%d..%+d) on branch %s; set"
                  + " %s in project.config to a value of the label, or add the value to the label",
              pluginName,
              key,
              outcome.vote(),
              settings.label(),
              label.get().getMin().getValue(),
              label.get().getMax().getValue(),
              change.getDest().shortName(),
              key));
      return EvaluationReport.notPosted(project, changeId, "vote outside the label's range");
    }
    if (nonZeroVote
        && !asBot.test(new LabelPermission.WithValue(label.get(), (short) outcome.vote()))) {
      misconfiguration.report(
          project,
          Setting.VOTE_PERMISSION,
          String.format(
              "account %s may not vote %s%+d on branch %s; grant it label-%s %d..%+d on"
                  + " refs/heads/* in the project's access rights (e.g. in All-Projects)",
              botName,
              settings.label(),
              outcome.vote(),
              change.getDest().shortName(),
              settings.label(),
              Math.min(settings.failVote(), 0),
              Math.max(settings.passVote(), 0)));
      return EvaluationReport.notPosted(project, changeId, "no permission to vote");
    }
    return post(
        project,
        changeId,
        evaluated,
        bot,
        botName,
        outcome.comment(),
        ImmutableMap.of(label.get(), outcome.vote()));
  }

  /**
   * Takes back the plugin's vote on a change of a project where the check is now off or cannot run
   * (invalid settings), saying why in one comment, so that no stale vote stays forever. Only where
   * the plugin has a say: an open, non-private change whose current patch set carries its vote.
   *
   * @param comment the comment that says why, starting with {@code VerdictComment.HEADER}
   * @param why the detail of the report when there is nothing to take back
   */
  EvaluationReport withdraw(Project.NameKey project, Change.Id changeId, String comment, String why)
      throws RestApiException, PermissionBackendException {
    Optional<Account.Id> bot = serviceAccount.id();
    if (bot.isEmpty()) {
      return EvaluationReport.skipped(project, changeId, why);
    }
    ChangeNotes notes;
    try {
      notes = notesFactory.createChecked(project, changeId);
    } catch (NoSuchChangeException e) {
      return EvaluationReport.skipped(project, changeId, "no such change");
    }
    Change change = notes.getChange();
    if (!change.isNew() || change.isPrivate()) {
      return EvaluationReport.skipped(project, changeId, why);
    }
    PatchSet.Id current = change.currentPatchSetId();
    List<Posting.Vote> held = new ArrayList<>();
    for (PatchSetApproval a : approvals.byPatchSetUser(notes, current, bot.get())) {
      held.add(new Posting.Vote(a.label(), a.value(), a.tag()));
    }
    Map<LabelType, Integer> zero = new LinkedHashMap<>();
    for (String l : Posting.labelsToWithdraw(held, tag)) {
      projectCache
          .get(project)
          .flatMap(p -> p.getLabelTypes(notes).byLabel(l))
          .ifPresent(type -> zero.put(type, 0));
    }
    if (zero.isEmpty()
        || !permissionBackend.absentUser(bot.get()).change(notes).test(ChangePermission.READ)) {
      return EvaluationReport.skipped(project, changeId, why);
    }
    return post(
        project,
        changeId,
        current,
        bot.get(),
        serverAccountName(),
        comment,
        ImmutableMap.copyOf(zero));
  }

  private String serverAccountName() {
    return serverSettings.account().orElse("the service account");
  }

  /**
   * Posts what is not said yet of the comment and the votes on the patch set, as the service
   * account.
   *
   * <p>Everything is read again from the change notes right before posting, not taken from the
   * notes the evaluation loaded: by then a newer patch set may have arrived (Gerrit accepts votes
   * on outdated patch sets), or another run may have posted the same outcome: the plugin's old
   * instance during a reload, the other node of a high-availability pair, or a first attempt that
   * failed on a lock held by a concurrent update. A lock failure is retried by Gerrit's {@link
   * RetryHelper}, each attempt reading the notes afresh. Within this plugin instance, the attempts
   * on one change are serialized (not the back-off between them), so that two runs cannot both read
   * "not said yet" before either has posted. Across instances (the old and the new one of a reload,
   * for a moment, or two nodes) only the re-read guards, within the milliseconds between the read
   * and the write.
   */
  private EvaluationReport post(
      Project.NameKey project,
      Change.Id changeId,
      PatchSet.Id evaluated,
      Account.Id bot,
      String botName,
      String comment,
      ImmutableMap<LabelType, Integer> votes)
      throws RestApiException, PermissionBackendException {
    Lock lock = POSTING.get(project.get() + "~" + changeId.get());
    try {
      return retryHelper
          .changeUpdate(
              pluginName + "-post",
              () -> {
                lock.lock();
                try {
                  return postOnce(project, changeId, evaluated, bot, botName, comment, votes);
                } finally {
                  lock.unlock();
                }
              })
          .call();
    } catch (RestApiException | PermissionBackendException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new StorageException(e);
    }
  }

  private EvaluationReport postOnce(
      Project.NameKey project,
      Change.Id changeId,
      PatchSet.Id evaluated,
      Account.Id bot,
      String botName,
      String comment,
      ImmutableMap<LabelType, Integer> votes)
      throws RestApiException {
    ChangeNotes fresh = notesFactory.createChecked(project, changeId);
    if (!fresh.getChange().currentPatchSetId().equals(evaluated)) {
      return EvaluationReport.skipped(project, changeId, "a newer patch set arrived");
    }
    Map<String, Integer> current = new LinkedHashMap<>();
    Map<String, Integer> wanted = new LinkedHashMap<>();
    for (Map.Entry<LabelType, Integer> v : votes.entrySet()) {
      current.put(v.getKey().getName(), currentVote(fresh, evaluated, bot, v.getKey()));
      wanted.put(v.getKey().getName(), v.getValue());
    }
    // What the report calls the vote: the first label's.
    int before = current.values().stream().findFirst().orElse(0);
    int after = wanted.values().stream().findFirst().orElse(0);
    Posting posting =
        Posting.decide(
            Posting.lastComment(fresh.getChangeMessages(), bot, tag), current, comment, wanted);
    if (posting.kind() == Posting.Kind.NOTHING) {
      return EvaluationReport.posted(project, changeId, before, before, false);
    }
    ReviewInput input = new ReviewInput();
    input.tag = tag;
    posting.votes().forEach(input::label);
    input.message = posting.comment().orElse(null);
    input.notify = posting.notifyHandling();
    boolean newComment = posting.comment().isPresent();
    try (ManualRequestContext ctx = requestContext.openAs(bot)) {
      gApi.changes().id(project.get(), changeId.get()).revision(evaluated.get()).review(input);
    } catch (AuthException e) {
      misconfiguration.report(
          project,
          Setting.VOTE_PERMISSION,
          String.format(
              "account %s may not review change %d: %s", botName, changeId.get(), e.getMessage()));
      return EvaluationReport.notPosted(project, changeId, "no permission to review");
    }
    logger.atFine().log(
        "Posted on change %d, patch set %d: votes %s, comment %s",
        changeId.get(), evaluated.get(), input.labels, newComment);
    return EvaluationReport.posted(project, changeId, before, after, newComment);
  }

  private int currentVote(ChangeNotes notes, PatchSet.Id ps, Account.Id bot, LabelType label) {
    for (PatchSetApproval a : approvals.byPatchSetUser(notes, ps, bot)) {
      if (label.matches(a)) {
        return a.value();
      }
    }
    return 0;
  }
}
