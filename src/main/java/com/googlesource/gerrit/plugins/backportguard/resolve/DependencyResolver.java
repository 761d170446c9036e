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

package com.googlesource.gerrit.plugins.backportguard.resolve;

import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.gerrit.entities.Account;
import com.google.gerrit.extensions.api.GerritApi;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.server.git.GitRepositoryManager;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Finds out where each declared dependency of a change stands on the change's target branch, and
 * follows the prerequisites of unmerged prerequisites on the same branch.
 *
 * <p>What it finds may be named in the comment only when {@link Visibility} allows it: the owner
 * and the uploader of the patch set can read it, and it is at least as visible as the change
 * itself. Everything else is treated as absent, before any decision is made on it (ambiguity of an
 * abbreviated Change-Id included), so that the comment is no oracle. Index queries run in the
 * request context of the owner (so the index never returns more than the owner can see) and are
 * read page by page to the end, whatever the owner's {@code queryLimit}.
 *
 * <p>A bare or abbreviated Change-Id names one prerequisite in each project that has a change with
 * it that counts; to keep strangers from adding, satisfying or redirecting prerequisites of someone
 * else's change, only the copies {@link ChangeIdCopies} lets count are candidates, decided over the
 * describable changes alone.
 *
 * <p>All work is bounded by one {@link CheckBudget} per check, across every level of the chain and
 * every project: index queries, and objects read by every git walk. A prerequisite that a bound
 * kept from being decided is {@link PrerequisiteState#UNDECIDED}, which blocks.
 *
 * <p>The parts: {@link IndexReader} asks the index for a level ({@link IndexSnapshot}), {@link
 * BranchView} reads git, {@link SubmittedTogether} asks what lands with the change, {@link
 * LevelLookup} resolves a level, {@link ChainWalk} follows the chain; the rules ({@link
 * References}, {@link Reverts}, {@link ChangeIdCopies}, {@link PrerequisiteClassifier}, {@link
 * LandingTogether}) are pure.
 */
public class DependencyResolver {
  private static final ImmutableSet<ListChangesOption> OPTIONS =
      ImmutableSet.of(ListChangesOption.CURRENT_REVISION, ListChangesOption.SKIP_DIFFSTAT);

  /** How many declarations one level of a chain resolves at most. */
  public static final int MAX_DECLARATIONS_PER_LEVEL = ChainWalk.MAX_DECLARATIONS_PER_LEVEL;

  /** How many reverts of reverts a check follows. */
  public static final int MAX_REVERT_LEVELS = Reverts.MAX_LEVELS;

  private final GerritApi gApi;
  private final GitRepositoryManager repoManager;
  private final RecentChangeIds recent;
  private final Visibility.Factory visibilityFactory;
  private final ResolveBounds bounds;
  private final DependencyFooterParser parser;

  @Inject
  DependencyResolver(
      GerritApi gApi,
      GitRepositoryManager repoManager,
      Visibility.Factory visibilityFactory,
      ResolveBounds bounds,
      DependencyFooterParser parser,
      RecentChangeIds recent) {
    this.recent = recent;
    this.gApi = gApi;
    this.repoManager = repoManager;
    this.visibilityFactory = visibilityFactory;
    this.bounds = bounds;
    this.parser = parser;
  }

  /**
   * Resolves the dependencies of a change, then follows the prerequisites of its unmerged
   * prerequisites on the same branch; call it in the request context of the change owner.
   *
   * @param owner the owner of the change
   * @param uploaders the uploader of the patch set being checked and, if another account uploaded
   *     it on their behalf, that real uploader
   * @param maxChainDepth how many levels of prerequisites to follow, the change's own being the
   *     first
   * @param maxDependencies how many declarations of each prerequisite further down to follow
   */
  public Resolution resolve(
      CheckedChange change,
      Account.Id owner,
      ImmutableSet<Account.Id> uploaders,
      List<DeclaredDependency> dependencies,
      int maxChainDepth,
      int maxDependencies)
      throws RestApiException, IOException {
    Visibility visibility = visibilityFactory.create(change, owner, uploaders);
    CheckBudget budget = bounds.newBudget();
    try (BranchView branches =
        new BranchView(repoManager, budget, visibility::describable, change.branch(), recent)) {
      Check check = new Check(change, visibility, budget, branches);
      ImmutableList<DependencyResult> results = new LevelLookup(check).resolve(dependencies);
      Chain chain =
          ChainWalk.follow(
              new Node(change.project().get(), change.changeId()),
              results,
              maxChainDepth,
              maxDependencies,
              check);
      ImmutableSet<Node> blocked = LandingTogether.blocked(chain);
      if (!blocked.isEmpty()) {
        // Landing together does not bring what such a prerequisite needs: it blocks as an open one.
        chain = LandingTogether.demote(chain, blocked);
        results = reopen(results, blocked);
      }
      return new Resolution(results, chain, budget.queries(), budget.objectsRead());
    }
  }

  private static ImmutableList<DependencyResult> reopen(
      ImmutableList<DependencyResult> results, ImmutableSet<Node> blocked) {
    return results.stream()
        .map(
            r ->
                new DependencyResult(
                    r.dependency(),
                    r.prerequisites().stream()
                        .map(
                            s ->
                                s.project().isPresent()
                                        && s.changeId().isPresent()
                                        && blocked.contains(
                                            new Node(s.project().get(), s.changeId().get()))
                                    ? LandingTogether.reopen(s)
                                    : s)
                        .collect(toImmutableList())))
        .collect(toImmutableList());
  }

  /**
   * What one check shares across its levels: the change, its index reader and branch view, and what
   * lands together with the change (asked at most once, when an open prerequisite on the branch
   * first turns up).
   */
  private final class Check implements LevelLookup.Check, ChainWalk.Levels {
    private final CheckedChange self;
    private final CheckBudget budget;
    private final IndexReader index;
    private final BranchView branches;
    private ImmutableMap<Integer, PrerequisiteState> together;

    Check(CheckedChange self, Visibility visibility, CheckBudget budget, BranchView branches) {
      this.self = self;
      this.budget = budget;
      this.branches = branches;
      this.index =
          new IndexReader(
              new ChangeQuery(
                  (q, start, limit) ->
                      gApi.changes()
                          .query(q)
                          .withOptions(OPTIONS)
                          .withLimit(limit)
                          .withStart(start)
                          .get(),
                  bounds.maxTerms(),
                  budget),
              visibility,
              self);
    }

    @Override
    public CheckedChange self() {
      return self;
    }

    @Override
    public IndexReader index() {
      return index;
    }

    @Override
    public BranchView branches() {
      return branches;
    }

    @Override
    public PrerequisiteStatus landing(PrerequisiteStatus s) throws RestApiException, IOException {
      if (s.state() != PrerequisiteState.OPEN_ON_BRANCH) {
        return s;
      }
      if (together == null) {
        together = SubmittedTogether.ask(gApi, self, budget, branches);
      }
      return LandingTogether.apply(s, together);
    }

    @Override
    public ChainWalk.Declarations declarations(Node node, Candidate change) throws IOException {
      try {
        Optional<String> message = branches.message(node.project(), change.commit());
        return message.isEmpty()
            // Gone from the repository: nothing to follow.
            ? ChainWalk.Declarations.none()
            : ChainWalk.Declarations.of(parser.parse(message.get()).dependencies());
      } catch (BoundReachedException e) {
        return ChainWalk.Declarations.overBudget(e.setting());
      }
    }

    @Override
    public List<DependencyResult> resolve(List<DeclaredDependency> dependencies)
        throws RestApiException, IOException {
      return new LevelLookup(this).resolve(dependencies);
    }
  }
}
