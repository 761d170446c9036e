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

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.api.GerritApi;
import com.google.gerrit.extensions.api.changes.CherryPickInput;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.common.RevisionInfo;
import com.google.gerrit.extensions.registration.DynamicItem;
import com.google.gerrit.extensions.restapi.AuthException;
import com.google.gerrit.extensions.restapi.BadRequestException;
import com.google.gerrit.extensions.restapi.ResourceConflictException;
import com.google.gerrit.extensions.restapi.ResourceNotFoundException;
import com.google.gerrit.extensions.restapi.Response;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.extensions.restapi.RestModifyView;
import com.google.gerrit.server.ChangeUtil;
import com.google.gerrit.server.change.RevisionResource;
import com.google.gerrit.server.config.UrlFormatter;
import com.google.gerrit.server.permissions.ChangePermission;
import com.google.gerrit.server.permissions.PermissionBackendException;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.gerrit.server.query.change.InternalChangeQuery;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.googlesource.gerrit.plugins.backportguard.assess.Assessment;
import com.googlesource.gerrit.plugins.backportguard.assess.Assessor;
import com.googlesource.gerrit.plugins.backportguard.assess.Viewer;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPlan.Pick;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPlan.Skip;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPrerequisitesInfo.PickInfo;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPrerequisitesInfo.SkipInfo;
import com.googlesource.gerrit.plugins.backportguard.pick.PickStopped.Made;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import com.googlesource.gerrit.plugins.backportguard.rest.ChangeRefInfo;
import com.googlesource.gerrit.plugins.backportguard.verdict.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /changes/{id}/revisions/current/backport-guard~cherry-pick-prerequisites}: one click
 * for the fix the plugin's comment asks for.
 *
 * <p>Everything runs as the caller, through Gerrit's own cherry-pick ({@link GerritApi} in the
 * caller's request), so every permission and validation Gerrit applies to a cherry-pick applies
 * here; the plugin's service account is never used. The plan is the chain the plugin's comment
 * describes (what every reader of the backport may be told), of which the caller is told, and
 * picks, only what they can read themselves.
 *
 * <p>The picks go into one topic with the backport: the backport's own topic, or, when it has none,
 * a new one ({@code backport-<number>}, or the input's {@code topic}) that is set on the backport
 * too if the caller may edit its topic; if not, the answer says so and the picks still get the
 * topic, for the backport's owner to join.
 */
@Singleton
public class PickPrerequisites implements RestModifyView<RevisionResource, PickInput> {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  private final Assessor assessor;
  private final Viewer.Factory viewers;
  private final GerritApi gApi;
  private final EvaluationQueue queue;
  private final DynamicItem<UrlFormatter> urlFormatter;
  private final Provider<InternalChangeQuery> queries;

  @Inject
  PickPrerequisites(
      Assessor assessor,
      Viewer.Factory viewers,
      GerritApi gApi,
      EvaluationQueue queue,
      DynamicItem<UrlFormatter> urlFormatter,
      Provider<InternalChangeQuery> queries) {
    this.assessor = assessor;
    this.viewers = viewers;
    this.gApi = gApi;
    this.queue = queue;
    this.urlFormatter = urlFormatter;
    this.queries = queries;
  }

  @Override
  public Response<PickPrerequisitesInfo> apply(RevisionResource rsrc, PickInput input)
      throws RestApiException, IOException, PermissionBackendException {
    if (input == null) {
      input = new PickInput();
    }
    if (!rsrc.isCurrent()) {
      throw new ResourceConflictException(
          "only the prerequisites of the current patch set are picked: use revisions/current");
    }
    Change change = rsrc.getChange();
    Verdict verdict = checked(assessor.assess(rsrc.getProject(), change.getId(), viewer()));
    String branch = change.getDest().shortName();
    Viewer caller = viewers.of(rsrc.getUser());
    PickPlan plan;
    try {
      plan = PickPlanner.plan(verdict.chain(), branch, s -> readable(s, caller, branch));
    } catch (PickPlanner.NoOrderException e) {
      throw new ResourceConflictException(e.getMessage(), e);
    }

    PickPrerequisitesInfo out = new PickPrerequisitesInfo();
    out.dryRun = input.dryRun ? true : null;
    out.branch = branch;
    out.withheld = plan.withheld() > 0 ? plan.withheld() : null;
    out.skipped = orNull(plan.skipped().stream().map(this::skip).toList());
    out.notFollowed = orNull(plan.notFollowed().stream().map(n -> node(verdict, n)).toList());
    TopicOnBackport onBackport = TopicOnBackport.NONE;
    String given = Strings.emptyToNull(Strings.nullToEmpty(input.topic).trim());
    if (given != null && given.length() > ChangeUtil.TOPIC_MAX_LENGTH) {
      // Gerrit's cherry-pick would take it, setting it on the backport would not: refused before
      // anything is made.
      throw new BadRequestException(
          String.format(
              "topic: %,d characters, over Gerrit's limit of %d",
              given.length(), ChangeUtil.TOPIC_MAX_LENGTH));
    }
    String own = Strings.emptyToNull(change.getTopic());
    if (own != null && given != null && !given.equals(own)) {
      throw new BadRequestException(
          "topic: the backport is in topic \"" + own + "\", where its prerequisites go");
    }
    if (!plan.picks().isEmpty()) {
      out.topic = own != null ? own : given != null ? given : "backport-" + change.getId().get();
      if (own == null) {
        requireUnused(out.topic, rsrc);
      }
      onBackport =
          own != null
              ? TopicOnBackport.ALREADY_SET
              : rsrc.permissions().test(ChangePermission.EDIT_TOPIC_NAME)
                  ? TopicOnBackport.SET
                  : TopicOnBackport.NOT_ALLOWED;
    }
    out.topicOnBackport = keyword(onBackport.name());
    if (input.dryRun || plan.picks().isEmpty()) {
      out.picks = plan.picks().stream().map(p -> pick(p, null)).toList();
      return Response.ok(out);
    }
    Run run = new Run(plan, out.topic, onBackport, rsrc);
    try {
      out.picks = run.all();
      out.topicOnBackport = keyword(run.onBackport.name());
    } finally {
      // Events re-check the backport as the picks appear; asking as well costs nothing more, as
      // the queue coalesces, and covers a site where events are late.
      queue.submit(rsrc.getProject(), change.getId());
    }
    out.recheckQueued = true;
    return Response.ok(out);
  }

  /**
   * Refuses a new topic that open changes of someone other than the caller are in already: the
   * default topic is easy to guess, and with {@code change.submitWholeTopic} a change squatting on
   * it (even one the caller cannot see) would be submitted with the backport, or hold it up. The
   * caller's own changes are theirs to group (a run started again). Names none of them.
   */
  private void requireUnused(String topic, RevisionResource rsrc) throws ResourceConflictException {
    Optional<Account.Id> caller =
        rsrc.getUser().isIdentifiedUser()
            ? Optional.of(rsrc.getUser().getAccountId())
            : Optional.empty();
    for (ChangeData cd : queries.get().byTopicOpen(topic)) {
      if (caller.isEmpty() || !cd.change().getOwner().equals(caller.get())) {
        throw new ResourceConflictException(
            String.format(
                "topic \"%s\" already holds open changes of others; set a topic on the backport"
                    + " first, or give an unused one in \"topic\"",
                topic));
      }
    }
  }

  /**
   * The viewer whose plan the caller gets: everything the plugin's comment may name. The caller is
   * then told only what of it they can read themselves.
   */
  private static Viewer viewer() {
    return Viewer.readersOfChange();
  }

  /** The verdict of a checked backport, or why there is nothing to pick. */
  private static Verdict checked(Assessment a) throws ResourceConflictException {
    switch (a.status()) {
      case CHECKED:
        return a.verdict().get();
      case NOT_BACKPORT:
        throw new ResourceConflictException(
            "nothing to pick: the plugin does not check this change (not a backport)");
      case DECLARES_NOTHING:
        throw new ResourceConflictException(
            "nothing to pick: the current patch set declares no dependency");
      case CLOSED:
        throw new ResourceConflictException("nothing to pick: the change is not open");
      case PRIVATE:
        throw new ResourceConflictException(
            "nothing to pick: the plugin does not check private changes");
      case DISABLED:
        throw new ResourceConflictException("nothing to pick: the plugin is off for this project");
      case MISCONFIGURED:
        throw new ResourceConflictException(
            "cannot plan: the project's backport-guard settings are invalid (" + a.detail() + ")");
      case CHECK_FAILED:
        throw new ResourceConflictException(
            "cannot plan: the check of this change failed; the plugin's comment says why");
      default:
        throw new ResourceConflictException("cannot plan: " + a.status());
    }
  }

  /** One run of the picks, as the caller. */
  private final class Run {
    private final PickPlan plan;
    private final String topic;
    private final RevisionResource backport;
    private TopicOnBackport onBackport;

    Run(PickPlan plan, String topic, TopicOnBackport onBackport, RevisionResource backport) {
      this.plan = plan;
      this.topic = topic;
      this.onBackport = onBackport;
      this.backport = backport;
    }

    /** Makes the picks in order, each on the change made for the one it is stacked on. */
    List<PickInfo> all() throws RestApiException {
      List<PickInfo> out = new ArrayList<>();
      List<Made> made = new ArrayList<>();
      Map<Node, String> commits = new HashMap<>();
      ImmutableList<Pick> picks = plan.picks();
      for (int i = 0; i < picks.size(); i++) {
        Pick p = picks.get(i);
        CherryPickInput in = new CherryPickInput();
        in.destination = plan.branch();
        in.topic = topic;
        in.base = p.stackedOn().map(commits::get).orElse(null);
        ChangeInfo created;
        try {
          Candidate source = p.source();
          created =
              gApi.changes()
                  .id(source.project(), source.number())
                  .revision(source.commit() != null ? source.commit() : "current")
                  .cherryPick(in)
                  .get(EnumSet.of(ListChangesOption.CURRENT_REVISION));
        } catch (ResourceNotFoundException e) {
          // Readable by its branch, yet not to the caller (a change-level rule): name it no more.
          throw PickStopped.sameKind(
              e,
              PickStopped.unreadable(
                  made, PickStopped.after(plan.picks(), i), plan.branch(), topic, onBackport));
        } catch (RestApiException e) {
          throw PickStopped.sameKind(e, stopped(p, e.getMessage(), made, i));
        } catch (RuntimeException e) {
          logger.atSevere().withCause(e).log("Cherry-pick of %s failed", PickStopped.name(p));
          throw new ResourceConflictException(
              stopped(p, "internal error, see the server's error_log", made, i), e);
        }
        commits.put(p.prerequisite(), created.currentRevision);
        ChangeRefInfo ref =
            ref(created.project, created._number, created.branch, "open", created.changeId);
        made.add(new Made(p, created._number, ref.url));
        PickInfo info = pick(p, ref);
        RevisionInfo revision = created.revisions.get(created.currentRevision);
        if (revision != null && revision._number > 1) {
          // Opened on the branch since the plan was made: Gerrit added the pick as a patch set.
          info.existing = true;
        }
        out.add(info);
        if (made.size() == 1) {
          // Only once something is in the topic: a refused first pick leaves the backport as is.
          joinTopic();
        }
      }
      return out;
    }

    private String stopped(Pick p, String reason, List<Made> made, int i) {
      return PickStopped.message(
          p, reason, made, PickStopped.after(plan.picks(), i), plan.branch(), topic, onBackport);
    }

    /** Sets the topic on the backport, as the caller, if the plan says so. */
    private void joinTopic() throws RestApiException {
      if (onBackport != TopicOnBackport.SET) {
        return;
      }
      try {
        gApi.changes()
            .id(backport.getProject().get(), backport.getChange().getId().get())
            .topic(topic);
      } catch (AuthException e) {
        onBackport = TopicOnBackport.NOT_ALLOWED;
      } catch (RestApiException e) {
        // Refused otherwise (a topic validator): the picks are made, so the answer must still
        // list them; the backport's owner can join the topic.
        logger.atWarning().withCause(e).log(
            "Cannot set topic on change %d", backport.getChange().getId().get());
        onBackport = TopicOnBackport.NOT_ALLOWED;
      }
    }
  }

  /** Gerrit leaves an empty list out of its JSON. */
  private static <T> List<T> orNull(List<T> list) {
    return list.isEmpty() ? null : list;
  }

  /** Whether the caller can read everything a prerequisite's status names. */
  private static boolean readable(PrerequisiteStatus s, Viewer caller, String branch) {
    for (Optional<Candidate> c : List.of(s.change(), s.cherryPickSource(), s.revertedBy())) {
      if (c.isPresent() && !caller.canRead(c.get().project(), c.get().branch())) {
        return false;
      }
    }
    return s.project().isEmpty()
        || s.change().isPresent()
        || caller.canRead(s.project().get(), branch);
  }

  private PickInfo pick(Pick p, ChangeRefInfo created) {
    PickInfo i = new PickInfo();
    i.source = ref(p.source(), p.prerequisite().changeId());
    i.created = created;
    i.stackedOn = p.stackedOn().map(Node::changeId).orElse(null);
    i.neededBy = p.neededBy().stream().map(Node::changeId).toList();
    return i;
  }

  private SkipInfo skip(Skip s) {
    SkipInfo i = new SkipInfo();
    i.change =
        s.change()
            .map(c -> ref(c, s.prerequisite().changeId()))
            .orElseGet(() -> bare(s.prerequisite()));
    i.reason = keyword(s.reason().name());
    i.message = s.reason().explanation();
    return i;
  }

  /** A prerequisite of the chain, by the change the comment names for it. */
  private ChangeRefInfo node(Verdict verdict, Node n) {
    PrerequisiteStatus s = verdict.chain().statuses().get(n);
    return s != null && s.change().isPresent() ? ref(s.change().get(), n.changeId()) : bare(n);
  }

  private static ChangeRefInfo bare(Node n) {
    ChangeRefInfo i = new ChangeRefInfo();
    i.project = n.project();
    i.changeId = n.changeId();
    return i;
  }

  private ChangeRefInfo ref(Candidate c, String changeId) {
    return ref(c.project(), c.number(), c.branch(), keyword(c.status().name()), changeId);
  }

  private ChangeRefInfo ref(
      String project, int number, String branch, String status, String changeId) {
    ChangeRefInfo i = new ChangeRefInfo();
    i.project = project;
    i.number = number;
    i.branch = branch;
    i.status = status;
    i.changeId = changeId;
    i.url =
        urlFormatter
            .get()
            .getChangeViewUrl(Project.nameKey(project), Change.id(number))
            .orElse("/c/" + project + "/+/" + number);
    return i;
  }

  private static String keyword(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
