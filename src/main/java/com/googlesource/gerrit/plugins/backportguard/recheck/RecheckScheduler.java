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

package com.googlesource.gerrit.plugins.backportguard.recheck;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.common.FooterConstants;
import com.google.gerrit.common.Nullable;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.PatchSet;
import com.google.gerrit.entities.Project;
import com.google.gerrit.exceptions.StorageException;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.server.git.GitRepositoryManager;
import com.google.gerrit.server.notedb.ChangeNotes;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.googlesource.gerrit.plugins.backportguard.evaluate.CoalescingQueue;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationExecutor;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue;
import com.googlesource.gerrit.plugins.backportguard.evaluate.PendingWork;
import com.googlesource.gerrit.plugins.backportguard.metrics.BackportGuardMetrics;
import com.googlesource.gerrit.plugins.backportguard.metrics.BackportGuardMetrics.Trigger;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Turns "something changed" into evaluations of the open changes that may now read differently.
 * Finding them takes index queries, so it runs on the plugin's queue like the evaluations, with the
 * same coalescing and retries: a burst of events about one change costs one lookup.
 */
@Singleton
public class RecheckScheduler {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  /**
   * What to look up. Each says in its {@code toString} what it is for: the re-check queue's tasks
   * are named by their lookup in {@code gerrit show-queue}.
   */
  sealed interface Lookup {}

  /** The changes that depend on these. */
  record DependentsOf(ImmutableSet<Subject> subjects) implements Lookup {
    @Override
    public String toString() {
      return "re-check the dependents of " + DependentsFinder.describe(subjects);
    }
  }

  /**
   * The dependents of a change, if this patch set declares other dependencies than the one before.
   * One per patch set: coalescing two patch sets into one comparison could miss a change.
   */
  record IfDependenciesChanged(Project.NameKey project, Change.Id change, int patchSet)
      implements Lookup {
    @Override
    public String toString() {
      return String.format(
          "re-check the dependents of change %d in project %s if patch set %d changed its"
              + " dependencies",
          change.get(), project.get(), patchSet);
    }
  }

  /** The dependents of the commits that just reached a branch, however they came. */
  record ArrivedOnBranch(Project.NameKey project, String ref, ObjectId oldTip, ObjectId newTip)
      implements Lookup {
    @Override
    public String toString() {
      return String.format(
          "re-check the dependents of the commits that reached %s in project %s (%s..%s)",
          ref, project.get(), oldTip.abbreviate(8).name(), newTip.abbreviate(8).name());
    }
  }

  /**
   * The dependents of a merged change and of the changes it reverts: a revert, or a cherry-pick of
   * a revert, takes its original off the branch; a revert of a revert puts it back.
   */
  record MergedWithWhatItReverts(Subject subject) implements Lookup {
    @Override
    public String toString() {
      return "re-check the dependents of merged "
          + DependentsFinder.describe(List.of(subject))
          + " and of the changes it reverts";
    }
  }

  /**
   * The open changes that declare something in the topics a change left and joined, and the
   * dependents of the change: what lands together with them changed.
   */
  record TopicEdited(Subject subject, ImmutableSet<String> topics) implements Lookup {
    @Override
    public String toString() {
      return "re-check the changes in topics "
          + String.join(", ", topics)
          + " and the dependents of "
          + DependentsFinder.describe(List.of(subject));
    }
  }

  /** The dependents of a deleted change, once the index no longer has it. */
  record Deleted(Subject subject) implements Lookup {
    @Override
    public String toString() {
      return "re-check the dependents of deleted " + DependentsFinder.describe(List.of(subject));
    }
  }

  /**
   * The dependents of every subject waiting in {@link #pending}: whatever events named them, one
   * lookup finds them together, in as few queries as the index allows.
   */
  record Pending() implements Lookup {
    @Override
    public String toString() {
      return "re-check the dependents of the changes waiting for a lookup";
    }
  }

  private static final Pending PENDING = new Pending();

  /**
   * The most subjects one lookup takes from {@link #pending}; the rest wait for the next lookup,
   * which runs right after.
   */
  static final int MAX_SUBJECTS_PER_LOOKUP = ArrivedChangeIds.MAX_CHANGE_IDS;

  /** Subjects whose dependents are to be re-checked, each once however many events named it. */
  private final Set<Subject> pending = new LinkedHashSet<>();

  private final CoalescingQueue<Lookup, Integer> lookups;
  private final DependentsFinder finder;
  private final EvaluationQueue evaluations;
  private final ChangeNotes.Factory notesFactory;
  private final GitRepositoryManager repoManager;
  private final DependencyFooterParser parser;
  private final BackportGuardMetrics metrics;
  private final String pluginName;

  @Inject
  RecheckScheduler(
      @EvaluationExecutor ScheduledExecutorService executor,
      DependentsFinder finder,
      EvaluationQueue evaluations,
      ChangeNotes.Factory notesFactory,
      GitRepositoryManager repoManager,
      DependencyFooterParser parser,
      BackportGuardMetrics metrics,
      @PluginName String pluginName) {
    this.pluginName = pluginName;
    this.metrics = metrics;
    this.finder = finder;
    this.evaluations = evaluations;
    this.notesFactory = notesFactory;
    this.repoManager = repoManager;
    this.parser = parser;
    this.lookups =
        new CoalescingQueue<>(
            executor,
            this::run,
            EvaluationQueue::isTransient,
            EvaluationQueue.BACKOFF,
            (lookup, attempts, cause) ->
                logger.atSevere().withCause(cause).log(
                    "Cannot find the changes to re-check for %s (%d attempts): %s",
                    lookup, attempts, cause.getMessage()),
            PendingWork.none(),
            // The pending lookup coalesces by design: only events' lookups count.
            lookup -> {
              if (!(lookup instanceof Pending)) {
                metrics.recheckCoalesced();
              }
            });
    metrics.recheckQueueDepth(lookups::size);
  }

  /** Re-checks the open changes that depend on these changes. */
  public CompletableFuture<Integer> dependentsOf(Subject... subjects) {
    metrics.recheckTriggered(Trigger.DEPENDENTS_OF);
    return lookups.submit(new DependentsOf(ImmutableSet.copyOf(subjects)));
  }

  /** Re-checks the dependents of a change whose new patch set may declare other dependencies. */
  public CompletableFuture<Integer> ifDependenciesChanged(
      Project.NameKey project, Change.Id id, int patchSet) {
    metrics.recheckTriggered(Trigger.NEW_PATCH_SET);
    return lookups.submit(new IfDependenciesChanged(project, id, patchSet));
  }

  /** Re-checks the open changes that may be waiting for the commits that reached a branch. */
  public CompletableFuture<Integer> arrivedOnBranch(
      Project.NameKey project, String ref, ObjectId oldTip, ObjectId newTip) {
    metrics.recheckTriggered(Trigger.BRANCH_UPDATED);
    return lookups.submit(new ArrivedOnBranch(project, ref, oldTip, newTip));
  }

  /** Re-checks the open changes that depend on a merged change or on what it reverts. */
  public CompletableFuture<Integer> mergedWithWhatItReverts(Subject subject) {
    metrics.recheckTriggered(Trigger.MERGED);
    return lookups.submit(new MergedWithWhatItReverts(subject));
  }

  /** Re-checks what a change's new topic can change: see {@link TopicEdited}. */
  public CompletableFuture<Integer> topicEdited(
      Subject subject, @Nullable String oldTopic, @Nullable String newTopic) {
    ImmutableSet<String> topics =
        Stream.of(oldTopic, newTopic)
            .filter(t -> t != null && !t.isEmpty())
            .collect(ImmutableSet.toImmutableSet());
    metrics.recheckTriggered(Trigger.TOPIC_EDITED);
    return lookups.submit(new TopicEdited(subject, topics));
  }

  /** Re-checks the open changes that depend on a change being deleted. */
  public CompletableFuture<Integer> deleted(Subject subject) {
    metrics.recheckTriggered(Trigger.DELETED);
    return lookups.submit(new Deleted(subject));
  }

  /** The number of lookups waiting or running. */
  public int size() {
    return lookups.size();
  }

  /** Waits until no lookup is pending; for tests. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return lookups.awaitIdle(timeout);
  }

  /**
   * Runs a lookup. An event's lookup finds the subjects whose dependents are to be re-checked and
   * hands them to the pending lookup (returning how many); the pending lookup queues an evaluation
   * of each dependent found (returning how many).
   */
  private Integer run(Lookup lookup) throws IOException {
    if (lookup instanceof Pending) {
      return lookUpPending();
    }
    return addPending(subjectsOf(lookup));
  }

  /** The subjects an event's lookup finds. If/else, not a pattern switch: 3.10 is Java 17. */
  private List<Subject> subjectsOf(Lookup lookup) throws IOException {
    if (lookup instanceof DependentsOf d) {
      return d.subjects().asList();
    }
    if (lookup instanceof IfDependenciesChanged c) {
      return subjectIfChanged(c);
    }
    if (lookup instanceof ArrivedOnBranch a) {
      return arrived(a);
    }
    if (lookup instanceof MergedWithWhatItReverts m) {
      return finder.withWhatTheyRevert(List.of(m.subject()));
    }
    if (lookup instanceof TopicEdited t) {
      for (ChangeData cd : finder.openInTopics(t.topics())) {
        evaluations.submit(cd.project(), cd.getId());
        metrics.recheckQueued(1);
      }
      return List.of(t.subject());
    }
    if (lookup instanceof Deleted d) {
      if (finder.stillIndexed(d.subject())) {
        // The event fires before the deletion is committed; try again once it is.
        throw new StorageException("change " + d.subject().number() + " not deleted yet");
      }
      return List.of(d.subject());
    }
    throw new IllegalStateException("unknown re-check lookup: " + lookup);
  }

  /** Looks up the dependents of pending subjects and queues their evaluations; returns how many. */
  private int lookUpPending() {
    List<Subject> batch = takePending();
    List<ChangeData> found;
    try {
      found = finder.openDependents(batch);
    } catch (RuntimeException e) {
      if (EvaluationQueue.isTransient(e)) {
        // The queue retries this lookup: put them back for it to take. Not a new lookup: if the
        // retries fail too, they wait for the next event rather than loop.
        synchronized (pending) {
          pending.addAll(batch);
        }
        throw e;
      }
      // Dropped: the log line must say whose dependents were not re-checked.
      throw new StorageException(
          "the dependents of "
              + DependentsFinder.describe(batch)
              + " were not re-checked: "
              + e.getMessage(),
          e);
    }
    for (ChangeData cd : found) {
      evaluations.submit(cd.project(), cd.getId());
    }
    metrics.recheckQueued(found.size());
    logger.atFine().log("dependents of %s: %d changes to re-check", batch, found.size());
    return found.size();
  }

  /** Queues the subjects for the pending lookup; returns how many. */
  private int addPending(Collection<Subject> subjects) {
    List<Subject> usable =
        subjects.stream().filter(s -> !s.changeId().isEmpty() || s.number() != null).toList();
    if (usable.isEmpty()) {
      return 0;
    }
    synchronized (pending) {
      pending.addAll(usable);
    }
    // Coalesces with a pending lookup that has not started yet; runs again after a running one.
    lookups.submit(PENDING);
    return usable.size();
  }

  /**
   * Takes up to {@link #MAX_SUBJECTS_PER_LOOKUP} pending subjects; asks for another lookup if more
   * wait.
   */
  private List<Subject> takePending() {
    List<Subject> batch = new ArrayList<>();
    boolean more;
    synchronized (pending) {
      Iterator<Subject> it = pending.iterator();
      while (it.hasNext() && batch.size() < MAX_SUBJECTS_PER_LOOKUP) {
        batch.add(it.next());
        it.remove();
      }
      more = !pending.isEmpty();
    }
    if (more) {
      lookups.submit(PENDING);
    }
    return batch;
  }

  /**
   * The Change-Ids of the commits that reached the branch, found by walking from the new tip to the
   * old one: a submit brings one or two commits, a direct push a few, a merge of another branch
   * many. Only the changes that declare one of these Change-Ids are re-checked, however many there
   * are; past the bounds of {@link ArrivedChangeIds} the rest are logged as not re-checked.
   */
  private List<Subject> arrived(ArrivedOnBranch a) throws IOException {
    ArrivedChangeIds ids = new ArrivedChangeIds();
    try (Repository repo = repoManager.openRepository(a.project());
        RevWalk rw = new RevWalk(repo)) {
      try {
        rw.markStart(rw.parseCommit(a.newTip()));
      } catch (MissingObjectException | IncorrectObjectTypeException e) {
        logger.atWarning().log(
            "%s in project %s now points to %s, which is not a commit: nothing to re-check",
            a.ref(), a.project().get(), a.newTip().name());
        return List.of();
      }
      try {
        rw.markUninteresting(rw.parseCommit(a.oldTip()));
      } catch (MissingObjectException | IncorrectObjectTypeException e) {
        // The old tip is gone: the walk reads the new history, within its bounds.
      }
      for (RevCommit c : rw) {
        if (!ids.add(c.name(), c.getFooterLines(FooterConstants.CHANGE_ID))) {
          break;
        }
      }
    }
    if (ids.malformed() > 0) {
      logger.atFine().log(
          "%s in project %s: skipped %d Change-Id lines that are not Change-Ids",
          a.ref(), a.project().get(), ids.malformed());
    }
    if (ids.cut()) {
      logger.atWarning().log(
          "%s in project %s moved from %s to %s, bringing more than %d commits or %d Change-Ids:"
              + " the dependents of the first %d Change-Ids (of %d commits) are re-checked, those"
              + " of the older commits are not. Run `%s check --project <project>`"
              + " for the projects whose backports may wait for them (or `check --all`).",
          a.ref(),
          a.project().get(),
          a.oldTip().name(),
          a.newTip().name(),
          ArrivedChangeIds.MAX_COMMITS,
          ArrivedChangeIds.MAX_CHANGE_IDS,
          ids.byCommit().size(),
          ids.commits(),
          pluginName);
    }
    Map<String, String> changeIdByCommit = new LinkedHashMap<>(ids.byCommit());
    // Commits of changes are covered by the change-merged event of their submit or auto-close.
    finder
        .changeCommits(a.project(), a.ref(), changeIdByCommit.keySet())
        .forEach(changeIdByCommit::remove);
    return changeIdByCommit.values().stream()
        .distinct()
        .map(id -> Subject.arrived(a.project(), a.ref(), id))
        .toList();
  }

  private List<Subject> subjectIfChanged(IfDependenciesChanged c) throws IOException {
    ChangeNotes notes = notesFactory.createChecked(c.project(), c.change());
    List<Subject> subject =
        List.of(new Subject(c.project(), c.change(), notes.getChange().getKey().get()));
    if (c.patchSet() == 1) {
      // A new change: changes that named it before it was uploaded said "not found" until now.
      return subject;
    }
    PatchSet after = notes.getPatchSets().get(PatchSet.id(c.change(), c.patchSet()));
    PatchSet before = notes.getPatchSets().get(PatchSet.id(c.change(), c.patchSet() - 1));
    if (after != null && before != null) {
      try (Repository repo = repoManager.openRepository(c.project());
          RevWalk rw = new RevWalk(repo)) {
        if (parser
            .parse(rw.parseCommit(before.commitId()).getFullMessage())
            .equals(parser.parse(rw.parseCommit(after.commitId()).getFullMessage()))) {
          return ImmutableList.of();
        }
      }
    }
    return subject;
  }
}
