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

import static com.google.common.truth.Truth.assertThat;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.BRANCH;

import com.google.common.collect.ImmutableList;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the chain is followed: levels, bounds, cycles. */
class ChainWalkTest {
  private static final Node ROOT = new Node("app", "Iroot");

  /**
   * Changes by Change-Id, each with its project, state and declarations, answered the way the
   * resolver answers: the root's Change-Id is a self-reference, an unknown one is not found.
   */
  private static final class World implements ChainWalk.Levels {
    private final Map<String, PrerequisiteStatus> statuses = new HashMap<>();
    private final Map<String, List<String>> declares = new HashMap<>();
    private final Map<String, String> overBudgetReading = new HashMap<>();
    final List<List<String>> levels = new ArrayList<>();
    final List<String> read = new ArrayList<>();

    World add(String project, String id, PrerequisiteState state, String... declared) {
      return withCommit(project, id, state, "c-" + id, declared);
    }

    World withCommit(
        String project, String id, PrerequisiteState state, String commit, String... d) {
      Candidate change =
          new Candidate(project, statuses.size() + 1, BRANCH, candidate(state), commit);
      statuses.put(
          id,
          new PrerequisiteStatus(
              state,
              Optional.of(project),
              Optional.of(change),
              Optional.empty(),
              Optional.empty(),
              false,
              Optional.of(id),
              Optional.empty(),
              Optional.empty()));
      declares.put(id, List.of(d));
      return this;
    }

    World unreadable(String id, String setting) {
      overBudgetReading.put(id, setting);
      return this;
    }

    private static Candidate.Status candidate(PrerequisiteState state) {
      return state.satisfied() && !state.landsTogether()
          ? Candidate.Status.MERGED
          : Candidate.Status.OPEN;
    }

    @Override
    public ChainWalk.Declarations declarations(Node node, Candidate change) {
      read.add(node.changeId());
      String setting = overBudgetReading.get(node.changeId());
      if (setting != null) {
        return ChainWalk.Declarations.overBudget(setting);
      }
      return ChainWalk.Declarations.of(
          declares.get(node.changeId()).stream().map(ChainWalkTest::dependency).toList());
    }

    @Override
    public List<DependencyResult> resolve(List<DeclaredDependency> dependencies) {
      levels.add(dependencies.stream().map(DeclaredDependency::line).toList());
      return dependencies.stream().map(this::result).toList();
    }

    DependencyResult result(DeclaredDependency d) {
      if (d.ref() instanceof DependencyRef.External) {
        return new DependencyResult(d, ImmutableList.of());
      }
      String id = ((DependencyRef.ChangeId) d.ref()).id();
      PrerequisiteStatus s =
          id.equals(ROOT.changeId())
              ? PrerequisiteStatus.selfReference()
              : id.startsWith("Ibudget")
                  ? PrerequisiteStatus.undecided("plugin.backport-guard.maxQueriesPerCheck")
                  : statuses.getOrDefault(id, PrerequisiteStatus.notFound());
      return new DependencyResult(d, ImmutableList.of(s));
    }

    /** What the root itself declares, resolved. */
    List<DependencyResult> direct(String... ids) {
      return List.of(ids).stream().map(id -> result(dependency(id))).toList();
    }

    Chain follow(int maxDepth, int maxDependencies, String... direct) throws Exception {
      return ChainWalk.follow(ROOT, direct(direct), maxDepth, maxDependencies, this);
    }
  }

  private static DeclaredDependency dependency(String id) {
    DependencyRef ref =
        id.startsWith("https://") ? new DependencyRef.External(id) : new DependencyRef.ChangeId(id);
    return new DeclaredDependency("Depends-On: " + id, ref);
  }

  private static Node node(String project, String id) {
    return new Node(project, id);
  }

  private static final PrerequisiteState OPEN = PrerequisiteState.OPEN_ON_BRANCH;
  private static final PrerequisiteState MERGED = PrerequisiteState.MERGED_ON_BRANCH;

  @Test
  void aChainAcrossTwoProjectsIsFollowedAndOrderedForLanding() throws Exception {
    World w =
        new World()
            .add("app", "Ia", OPEN, "Ib")
            .add("lib", "Ib", OPEN, "Ic")
            .add("lib", "Ic", OPEN);

    Chain chain = w.follow(10, 20, "Ia");

    assertThat(chain.landingOrder())
        .containsExactly(node("lib", "Ic"), node("lib", "Ib"), node("app", "Ia"))
        .inOrder();
    assertThat(chain.needs().get(node("app", "Ia"))).containsExactly(node("lib", "Ib"));
    assertThat(chain.cycle()).isEmpty();
    assertThat(chain.goesDeeper()).isTrue();
  }

  @Test
  void eachLevelIsResolvedInOneGo() throws Exception {
    World w =
        new World()
            .add("app", "Ia", OPEN, "Ic")
            .add("app", "Ib", OPEN, "Id")
            .add("app", "Ic", OPEN)
            .add("app", "Id", OPEN);

    w.follow(10, 20, "Ia", "Ib");

    assertThat(w.levels)
        .containsExactly(List.of("Depends-On: Ic", "Depends-On: Id"), List.of())
        .inOrder();
  }

  @Test
  void aSatisfiedPrerequisiteIsNotFollowed() throws Exception {
    World w = new World().add("app", "Ia", MERGED, "Ib").add("app", "Ib", OPEN);

    Chain chain = w.follow(10, 20, "Ia");

    assertThat(w.read).isEmpty();
    assertThat(chain.statuses()).isEmpty();
    assertThat(chain.goesDeeper()).isFalse();
  }

  @Test
  void aPrerequisiteThatLandsTogetherIsFollowed() throws Exception {
    World w =
        new World()
            .add("app", "Ia", PrerequisiteState.LANDS_AS_ANCESTOR, "Ib")
            .add("app", "Ib", OPEN);

    Chain chain = w.follow(10, 20, "Ia");

    assertThat(chain.landingOrder()).containsExactly(node("app", "Ib"), node("app", "Ia"));
  }

  @Test
  void aChangeNamingItselfIsACycleOfOne() throws Exception {
    Chain chain = new World().follow(10, 20, ROOT.changeId());

    assertThat(chain.cycle()).hasValue(ImmutableList.of(ROOT, ROOT));
  }

  @Test
  void aPrerequisiteNamingTheChangeIsACycleOfTwo() throws Exception {
    World w = new World().add("app", "Ia", OPEN, ROOT.changeId());

    Chain chain = w.follow(10, 20, "Ia");

    assertThat(chain.cycle()).hasValue(ImmutableList.of(ROOT, node("app", "Ia"), ROOT));
  }

  @Test
  void aCycleOfThreeAcrossProjectsIsFoundAndEachChangeReadOnce() throws Exception {
    World w =
        new World()
            .add("app", "Ia", OPEN, "Ib")
            .add("lib", "Ib", OPEN, "Ic")
            .add("tools", "Ic", OPEN, "Ia");

    Chain chain = w.follow(10, 20, "Ia");

    assertThat(chain.cycle())
        .hasValue(
            ImmutableList.of(
                node("app", "Ia"), node("lib", "Ib"), node("tools", "Ic"), node("app", "Ia")));
    assertThat(w.read).containsExactly("Ia", "Ib", "Ic");
  }

  @Test
  void theDepthBoundCutsTheChainAndSaysWhere() throws Exception {
    World w =
        new World()
            .add("app", "Ia", OPEN, "Ib")
            .add("app", "Ib", OPEN, "Ic")
            .add("app", "Ic", OPEN, "Id")
            .add("app", "Id", OPEN);

    Chain chain = w.follow(2, 20, "Ia");

    assertThat(chain.statuses().keySet()).containsExactly(node("app", "Ia"), node("app", "Ib"));
    assertThat(chain.cut()).containsExactly(node("app", "Ib"));
    assertThat(chain.maxDepth()).isEqualTo(2);
  }

  @Test
  void aChangeWithNothingToFollowAtTheDepthBoundIsNotCut() throws Exception {
    World w = new World().add("app", "Ia", OPEN, "Ib").add("app", "Ib", OPEN);

    assertThat(w.follow(2, 20, "Ia").cut()).isEmpty();
  }

  @Test
  void declarationsPastTheCountBoundAreSaidAndNotFollowed() throws Exception {
    World w =
        new World()
            .add("app", "Ia", OPEN, "Ib", "Ic", "Id")
            .add("app", "Ib", OPEN)
            .add("app", "Ic", OPEN)
            .add("app", "Id", OPEN);

    Chain chain = w.follow(10, 2, "Ia");

    assertThat(chain.trimmed()).containsExactly(node("app", "Ia"), 3);
    assertThat(chain.maxDependencies()).isEqualTo(2);
    assertThat(chain.statuses().keySet()).doesNotContain(node("app", "Id"));
    assertThat(w.levels.get(0)).containsExactly("Depends-On: Ib", "Depends-On: Ic");
  }

  @Test
  void linksToOtherServersAreNotCountedNorFollowed() throws Exception {
    World w =
        new World()
            .add("app", "Ia", OPEN, "https://other.example.org/c/x/+/1", "Ib")
            .add("app", "Ib", OPEN);

    Chain chain = w.follow(10, 1, "Ia");

    assertThat(chain.trimmed()).isEmpty();
    assertThat(w.levels.get(0)).containsExactly("Depends-On: Ib");
  }

  @Test
  void aLevelDeclaringMoreThanOneCheckResolvesIsSaidNotSilentlyDropped() throws Exception {
    String[] many = new String[ChainWalk.MAX_DECLARATIONS_PER_LEVEL];
    for (int i = 0; i < many.length; i++) {
      many[i] = "Ix" + i;
    }
    World w =
        new World()
            .add("app", "Ia", OPEN, "Ic")
            .add("lib", "Ib", OPEN, many)
            .add("app", "Ic", OPEN);

    Chain chain = w.follow(10, 1000, "Ia", "Ib");

    // Ia's one declaration fits; Ib's 200 would go past the level's 200.
    assertThat(chain.tooWide()).containsExactly(node("lib", "Ib"));
    assertThat(w.levels.get(0)).containsExactly("Depends-On: Ic");
  }

  @Test
  void aLevelOfExactlyTheBoundIsFollowedWhole() throws Exception {
    String[] many = new String[ChainWalk.MAX_DECLARATIONS_PER_LEVEL];
    for (int i = 0; i < many.length; i++) {
      many[i] = "Ix" + i;
    }
    World w = new World().add("lib", "Ib", OPEN, many);

    Chain chain = w.follow(10, 1000, "Ib");

    assertThat(chain.tooWide()).isEmpty();
    assertThat(w.levels.get(0)).hasSize(ChainWalk.MAX_DECLARATIONS_PER_LEVEL);
  }

  @Test
  void aBoundReachedWhileReadingOrResolvingIsSaidForTheChangeItStopped() throws Exception {
    World w =
        new World()
            .add("app", "Ia", OPEN, "Ibudget1")
            .add("app", "Ib", OPEN, "Ic")
            .unreadable("Ib", "plugin.backport-guard.maxCommitsPerCheck");

    Chain chain = w.follow(10, 20, "Ia", "Ib");

    assertThat(chain.overBudget())
        .containsExactly(
            node("app", "Ia"), "plugin.backport-guard.maxQueriesPerCheck",
            node("app", "Ib"), "plugin.backport-guard.maxCommitsPerCheck");
    assertThat(chain.goesDeeper()).isTrue();
  }

  @Test
  void aPrerequisiteWithoutACommitDeclaresNothing() throws Exception {
    World w = new World().withCommit("app", "Ia", OPEN, null, "Ib").add("app", "Ib", OPEN);

    Chain chain = w.follow(10, 20, "Ia");

    assertThat(w.read).isEmpty();
    assertThat(chain.landingOrder()).containsExactly(node("app", "Ia"));
  }

  @Test
  void readsAreGroupedByProjectAndTheLevelKeepsThatOrder() throws Exception {
    World w =
        new World()
            .add("app", "Ia", OPEN, "Ix")
            .add("lib", "Ib", OPEN, "Iy")
            .add("app", "Ic", OPEN, "Iz");

    w.follow(10, 20, "Ia", "Ib", "Ic");

    assertThat(w.read).containsExactly("Ia", "Ic", "Ib").inOrder();
    assertThat(w.levels.get(0))
        .containsExactly("Depends-On: Ix", "Depends-On: Iz", "Depends-On: Iy")
        .inOrder();
  }
}
