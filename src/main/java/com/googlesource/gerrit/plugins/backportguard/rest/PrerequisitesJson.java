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

import com.google.common.collect.ImmutableList;
import com.googlesource.gerrit.plugins.backportguard.assess.Assessment;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.parse.UnreadableLine;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import com.googlesource.gerrit.plugins.backportguard.verdict.ChangeLinks;
import com.googlesource.gerrit.plugins.backportguard.verdict.CommentLimit;
import com.googlesource.gerrit.plugins.backportguard.verdict.Verdict;
import com.googlesource.gerrit.plugins.backportguard.verdict.VerdictComment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes an {@link Assessment} as {@link PrerequisitesInfo}. Pure: names only what the assessment
 * holds, which its {@code Viewer} already decided; the words are the comment's.
 */
public final class PrerequisitesJson {
  private final ChangeLinks links;
  private final VerdictComment words;

  public PrerequisitesJson(ChangeLinks links, String pluginName) {
    this.links = links;
    this.words = new VerdictComment(links, CommentLimit.DEFAULT_BUDGET, pluginName);
  }

  public PrerequisitesInfo of(Assessment a) {
    PrerequisitesInfo info = new PrerequisitesInfo();
    info.project = a.project().get();
    info.change = a.changeId().get();
    info.patchSet = a.patchSet().orElse(null);
    info.branch = a.targetBranch().orElse(null);
    if (a.notes().isPresent()
        && a.status() != Assessment.Status.CLOSED
        && a.status() != Assessment.Status.PRIVATE) {
      info.backport = a.backport().isPresent();
      info.backportReason = a.backport().map(r -> keyword(r.name())).orElse(null);
    }
    OutcomeInfo outcome = new OutcomeInfo();
    outcome.status = outcome(a);
    outcome.vote = a.vote().orElse(null);
    outcome.label = a.settings().map(s -> s.label()).orElse(null);
    outcome.passes = a.passes();
    info.outcome = outcome;
    if (a.verdict().isPresent()) {
      Verdict v = a.verdict().get();
      outcome.missing = (int) v.missingCount();
      outcome.checked = (int) v.checkedCount();
      outcome.satisfied = (int) v.satisfiedCount();
      fill(info, v, a.changeId().get(), a.withheld());
    } else if (!a.declared().isEmpty()) {
      // Not checked (not a backport, or the check failed): what is declared, unresolved.
      info.dependencies = new ArrayList<>();
      for (DeclaredDependency d : a.declared().dependencies()) {
        DependencyInfo di = new DependencyInfo();
        di.line = d.line();
        di.form = form(d);
        info.dependencies.add(di);
      }
      info.notUnderstood = notUnderstood(a.declared().unreadable());
    }
    return info;
  }

  /** The verdict's part of the answer. */
  void fill(PrerequisitesInfo info, Verdict v, int self, int withheld) {
    Chain chain = v.chain();
    info.dependencies = new ArrayList<>();
    List<String> external = new ArrayList<>();
    for (DependencyResult r : v.results()) {
      DependencyInfo di = new DependencyInfo();
      di.line = r.dependency().line();
      di.form = form(r.dependency());
      if (r.isExternal()) {
        external.add(((DependencyRef.External) r.dependency().ref()).url());
      } else {
        di.prerequisites = new ArrayList<>();
        for (PrerequisiteStatus s : r.prerequisites()) {
          di.prerequisites.add(prerequisite(v, s, self));
        }
      }
      info.dependencies.add(di);
    }
    info.external = external.isEmpty() ? null : external;
    info.notUnderstood = notUnderstood(v.unreadable());
    if (chain.cycle().isPresent()) {
      info.cycle = refs(v, chain.cycle().get(), self);
    } else if (!chain.landingOrder().isEmpty()) {
      info.landingOrder = entries(v, chain.landingOrder(), self);
    }
    ImmutableList<Candidate> plan = Assessment.missingOnBranchPlan(v);
    if (!plan.isEmpty()) {
      info.cherryPickPlan = new ArrayList<>();
      for (Candidate c : plan) {
        info.cherryPickPlan.add(ref(c, null));
      }
    }
    if (!v.overLimit().isEmpty()) {
      info.overLimit = v.overLimit();
      info.maxDependencies = v.maxDependencies();
    }
    info.withheld = withheld > 0 ? withheld : null;
  }

  private PrerequisiteInfo prerequisite(Verdict v, PrerequisiteStatus s, int self) {
    PrerequisiteInfo p = new PrerequisiteInfo();
    p.state = keyword(s.state().name());
    p.result = v.blocks(s) ? "missing" : s.state().satisfied() ? "found" : "unchecked";
    VerdictComment.Words w = words.words(v, s);
    p.description = w.state();
    p.action = w.action().isEmpty() ? null : w.action();
    p.change = s.change().map(c -> ref(c, s.changeId().orElse(null))).orElse(null);
    p.cherryPickSource = s.cherryPickSource().map(c -> ref(c, null)).orElse(null);
    p.revertedBy = s.revertedBy().map(c -> ref(c, null)).orElse(null);
    p.copies = copies(s);
    p.commit = s.pushedCommit().orElse(null);
    p.project = s.project().orElse(null);
    p.changeId = s.changeId().orElse(null);
    p.noSuchBranch = s.noSuchBranch() ? true : null;
    p.bound = s.bound().orElse(null);
    Chain chain = v.chain();
    if (s.project().isPresent() && s.changeId().isPresent()) {
      Node node = new Node(s.project().get(), s.changeId().get());
      if (chain.statuses().containsKey(node)) {
        ImmutableList<Node> neededBy = chain.neededBy(node);
        p.neededBy = neededBy.isEmpty() ? null : refs(v, neededBy, self);
        if (chain.cycle().isEmpty()) {
          List<Node> below = below(chain, node);
          p.chain = below.isEmpty() ? null : entries(v, below, self);
        }
      }
    }
    return p;
  }

  /** What the node needs, directly or further down, in landing order. */
  static List<Node> below(Chain chain, Node node) {
    Set<Node> seen = new HashSet<>();
    Deque<Node> todo = new ArrayDeque<>(chain.needs().getOrDefault(node, ImmutableList.of()));
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (seen.add(n)) {
        todo.addAll(chain.needs().getOrDefault(n, ImmutableList.of()));
      }
    }
    return chain.landingOrder().stream().filter(seen::contains).toList();
  }

  private List<ChainEntryInfo> entries(Verdict v, List<Node> nodes, int self) {
    Chain chain = v.chain();
    List<ChainEntryInfo> out = new ArrayList<>();
    for (Node n : nodes) {
      ChainEntryInfo e = new ChainEntryInfo();
      e.change = ref(v, n, self);
      PrerequisiteStatus s = chain.statuses().get(n);
      if (s != null) {
        e.state = keyword(s.state().name());
        VerdictComment.Words w = words.words(v, s);
        e.description = w.inChain();
        e.action = w.action().isEmpty() ? null : w.action();
        e.cherryPickSource = s.cherryPickSource().map(c -> ref(c, null)).orElse(null);
        e.copies = copies(s);
      }
      ImmutableList<Node> neededBy = chain.neededBy(n);
      e.neededBy = neededBy.isEmpty() ? null : refs(v, neededBy, self);
      out.add(e);
    }
    return out;
  }

  /** The copies the status names (the viewer's share, see {@code Redaction}); null when none. */
  private List<ChangeRefInfo> copies(PrerequisiteStatus s) {
    if (s.copies().isEmpty()) {
      return null;
    }
    List<ChangeRefInfo> out = new ArrayList<>();
    for (Candidate c : s.copies()) {
      out.add(ref(c, s.changeId().orElse(null)));
    }
    return out;
  }

  private List<ChangeRefInfo> refs(Verdict v, List<Node> nodes, int self) {
    List<ChangeRefInfo> out = new ArrayList<>();
    for (Node n : nodes) {
      out.add(ref(v, n, self));
    }
    return out;
  }

  /** A node of the chain: the change itself, or a prerequisite, named as the comment names it. */
  private ChangeRefInfo ref(Verdict v, Node n, int self) {
    Chain chain = v.chain();
    if (n.equals(chain.root())) {
      ChangeRefInfo r = new ChangeRefInfo();
      r.project = v.project();
      r.number = self;
      r.branch = v.targetBranch();
      r.status = "open";
      r.changeId = n.changeId();
      r.url = links.of(v.project(), self);
      r.self = true;
      return r;
    }
    PrerequisiteStatus s = chain.statuses().get(n);
    if (s != null && s.change().isPresent()) {
      return ref(s.change().get(), n.changeId());
    }
    ChangeRefInfo r = new ChangeRefInfo();
    r.project = n.project();
    r.changeId = n.changeId();
    return r;
  }

  private ChangeRefInfo ref(Candidate c, String changeId) {
    ChangeRefInfo r = new ChangeRefInfo();
    r.project = c.project();
    r.number = c.number();
    r.branch = c.branch();
    r.status = keyword(c.status().name());
    r.changeId = changeId;
    r.url = links.of(c.project(), c.number());
    return r;
  }

  private static List<NotUnderstoodInfo> notUnderstood(List<UnreadableLine> lines) {
    if (lines.isEmpty()) {
      return null;
    }
    List<NotUnderstoodInfo> out = new ArrayList<>();
    for (UnreadableLine l : lines) {
      NotUnderstoodInfo n = new NotUnderstoodInfo();
      n.line = l.line();
      n.reason = l.reason();
      out.add(n);
    }
    return out;
  }

  static String form(DeclaredDependency d) {
    DependencyRef ref = d.ref();
    if (ref instanceof DependencyRef.ChangeId) {
      return "change_id";
    }
    if (ref instanceof DependencyRef.ChangeIdPrefix) {
      return "change_id_prefix";
    }
    if (ref instanceof DependencyRef.Triplet) {
      return "triplet";
    }
    if (ref instanceof DependencyRef.External) {
      return "external";
    }
    // A number, or a link to a change of this server (which names it by number).
    return d.line().contains("://") ? "url" : "number";
  }

  private static String outcome(Assessment a) {
    switch (a.status()) {
      case CHECKED:
        return a.passes() ? "pass" : "blocked";
      default:
        return keyword(a.status().name());
    }
  }

  private static String keyword(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
