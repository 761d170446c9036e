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

package com.googlesource.gerrit.plugins.backportguard.verdict;

import com.googlesource.gerrit.plugins.backportguard.parse.UnreadableLine;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResolver;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a verdict as the change message reviewers read: a one-line verdict, then each declared
 * dependency with its state on the target branch, a link and what to do; then links that were not
 * checked and lines that were not understood. Plain text that also reads as Markdown.
 *
 * <p>The text is a pure function of the verdict, so an unchanged outcome gives the same text and
 * the plugin can tell it has said it already.
 */
public final class VerdictComment {
  /** Every comment starts with this, so the plugin finds its last one among the messages. */
  public static final String HEADER = "Backport check: ";

  private final ChangeLinks links;

  public VerdictComment(ChangeLinks links) {
    this.links = links;
  }

  public String format(Verdict verdict) {
    StringBuilder out = new StringBuilder(HEADER).append(summary(verdict)).append('\n');
    List<DependencyResult> checked =
        verdict.results().stream().filter(r -> !r.isExternal()).toList();
    if (!checked.isEmpty()) {
      out.append('\n');
      for (DependencyResult result : checked) {
        for (PrerequisiteStatus status : result.prerequisites()) {
          appendStatus(out, verdict, result, status);
        }
      }
    }
    appendChain(out, verdict);
    if (!verdict.overLimit().isEmpty()) {
      out.append("\nNot checked: more than ")
          .append(verdict.maxDependencies())
          .append(" dependencies declared")
          .append(verdict.blockOnUnknown() ? " (blocks until fixed)" : "")
          .append("; split the change, or ask an admin to raise")
          .append(" plugin.backport-guard.maxDependencies:\n");
      verdict.overLimit().forEach(l -> out.append("* ").append(l).append('\n'));
    }
    List<DependencyResult> external =
        verdict.results().stream().filter(DependencyResult::isExternal).toList();
    if (!external.isEmpty()) {
      out.append("\nNot checked (not on this server; check them yourself):\n");
      external.forEach(r -> out.append("* ").append(r.dependency().line()).append('\n'));
    }
    if (!verdict.unreadable().isEmpty()) {
      out.append("\nNot understood")
          .append(verdict.blockOnUnknown() ? " (blocks until fixed)" : "")
          .append(":\n");
      for (UnreadableLine line : verdict.unreadable()) {
        out.append("* \"").append(line.line()).append("\": ").append(line.reason()).append('\n');
      }
    }
    return out.toString().stripTrailing();
  }

  private static String summary(Verdict verdict) {
    String branch = verdict.targetBranch();
    long checked = verdict.checkedCount();
    long missing = verdict.missingCount();
    long merged = verdict.satisfiedCount();
    int unreadable = verdict.unreadable().size();
    String lines = unreadable == 1 ? "1 footer line" : unreadable + " footer lines";
    String lead;
    if (missing > 0) {
      lead =
          String.format(
              "%d of %d %s not merged on %s.",
              missing, checked, checked == 1 ? "prerequisite is" : "prerequisites are", branch);
    } else if (unreadable > 0 && verdict.blockOnUnknown()) {
      return lines + " could not be read; fix them so they can be checked.";
    } else if (!verdict.overLimit().isEmpty() && verdict.blockOnUnknown()) {
      return String.format(
          "%d declared dependencies are more than the %d checked; the rest were not checked.",
          verdict.results().size() + verdict.overLimit().size(), verdict.maxDependencies());
    } else if (checked == 0) {
      lead = "no prerequisite could be checked on " + branch + ".";
    } else if (merged == checked) {
      long elsewhere =
          verdict.results().stream()
              .flatMap(r -> r.prerequisites().stream())
              .filter(PrerequisiteStatus::noSuchBranch)
              .count();
      lead =
          checked == 1
              ? "the prerequisite is merged on " + branch + "."
              : "all " + checked + " prerequisites are merged on " + branch + ".";
      if (elsewhere > 0) {
        // Merged, but not on this branch: its project has none. Say so up front.
        lead =
            checked == 1
                ? "the prerequisite is merged (its project has no branch " + branch + ")."
                : String.format(
                    "all %d prerequisites are merged (%d of them in a project without branch %s).",
                    checked, elsewhere, branch);
      }
    } else {
      lead =
          String.format(
              "%d of %d prerequisites are merged on %s; %d could not be checked (not blocking).",
              merged, checked, branch, checked - merged);
    }
    return unreadable > 0 ? lead + " " + lines + " not understood." : lead;
  }

  private void appendStatus(
      StringBuilder out, Verdict verdict, DependencyResult result, PrerequisiteStatus status) {
    String branch = verdict.targetBranch();
    out.append("* ").append(result.dependency().line()).append("\n  ");
    if (verdict.blocks(status)) {
      out.append("MISSING: ");
    } else if (!status.state().satisfied()) {
      out.append("UNCHECKED (not blocking): ");
    } else {
      out.append("OK: ");
    }
    String change = status.change().map(c -> describe(verdict, c)).orElse("");
    String source = status.cherryPickSource().map(c -> describe(verdict, c)).orElse("");
    String project = status.project().orElse("");
    switch (status.state()) {
      case MERGED_ON_BRANCH -> out.append(change).append(" is merged on ").append(branch);
      case CONTAINED_IN_BRANCH ->
          out.append(change)
              .append(" merged on ")
              .append(status.change().get().branch())
              .append(" and is already part of ")
              .append(branch);
      case PUSHED_TO_BRANCH ->
          out.append("commit ")
              .append(status.pushedCommit().get(), 0, 10)
              .append(" carrying this Change-Id is in ")
              .append(branch)
              .append(" (it came without review, e.g. by direct push)");
      case MERGED_NO_SUCH_BRANCH ->
          out.append(change)
              .append(" is merged on ")
              .append(status.change().get().branch())
              .append("; project ")
              .append(project)
              .append(" has no branch ")
              .append(branch)
              .append(", so merged on any branch counts");
      case OPEN_ON_BRANCH ->
          out.append("the backport ")
              .append(change)
              .append(" is open on ")
              .append(branch)
              .append(".\n  Action: get ")
              .append(change)
              .append(" merged first");
      case ABANDONED_ON_BRANCH -> {
        out.append("the backport ")
            .append(change)
            .append(" on ")
            .append(branch)
            .append(" was abandoned.\n  Action: restore and merge it");
        if (!source.isEmpty()) {
          out.append(", or cherry-pick ")
              .append(source)
              .append(" onto ")
              .append(branch)
              .append(" again");
        }
      }
      case NOT_BACKPORTED ->
          out.append(change)
              .append(" merged on ")
              .append(status.change().get().branch())
              .append(" but was never cherry-picked onto ")
              .append(branch)
              .append(".\n  Action: cherry-pick ")
              .append(change)
              .append(" onto ")
              .append(branch)
              .append(" and merge it first");
      case OPEN_ELSEWHERE -> {
        out.append(change)
            .append(" is still open on ")
            .append(status.change().get().branch())
            .append(" and merged nowhere");
        appendNoSuchBranch(out, status, project, branch);
        out.append(".\n  Action: merge ").append(change);
        if (!status.noSuchBranch()) {
          out.append(", then cherry-pick it onto ").append(branch);
        }
      }
      case ABANDONED_ELSEWHERE -> {
        out.append(change).append(" on ").append(status.change().get().branch());
        out.append(" was abandoned");
        appendNoSuchBranch(out, status, project, branch);
        out.append(".\n  Action: restore and merge it, or drop this Depends-On");
      }
      case NOT_FOUND ->
          out.append(
              "no change or commit carrying this reference was found: not found, or not visible"
                  + " to every reader of this change.\n"
                  + "  Action: check the reference; it must name a change on this server that"
                  + " everyone who can read this change can read");
      case UNDECIDED ->
          out.append("could not be decided within the bound on the work of one check (")
              .append(status.bound().orElse(""))
              .append(").\n  Action: ask an admin to raise it, or name the change more exactly");
      case AMBIGUOUS ->
          out.append(
              "this abbreviated Change-Id matches more than one change.\n"
                  + "  Action: write the full Change-Id");
      case SELF_REFERENCE ->
          out.append(
              "this names the change itself, a cycle that can never be satisfied.\n"
                  + "  Action: name the change it needs, or drop this Depends-On");
      case REVERTED_ON_BRANCH ->
          out.append(change)
              .append(" was merged into ")
              .append(branch)
              .append(" but reverted on ")
              .append(branch)
              .append(" by ")
              .append(describe(verdict, status.revertedBy().get()))
              .append(" (")
              .append(link(status.revertedBy().get()))
              .append(").\n  Action: land it on ")
              .append(branch)
              .append(" again (revert the revert), or drop this Depends-On");
    }
    if (status.change().isPresent() && status.state().satisfied()) {
      out.append(" (").append(link(status.change().get())).append(")");
    } else if (status.change().isPresent()) {
      out.append(": ").append(link(status.change().get()));
    }
    out.append('\n');
  }

  /**
   * The prerequisites of the prerequisites, in the order they have to land on the branch, and any
   * cycle; only when the chain says more than the lines above.
   */
  private void appendChain(StringBuilder out, Verdict verdict) {
    Chain chain = verdict.chain();
    if (!chain.goesDeeper()) {
      return;
    }
    String branch = verdict.targetBranch();
    if (chain.cycle().isPresent()) {
      out.append("\nCYCLE: ")
          .append(
              chain.cycle().get().stream()
                  .map(n -> name(verdict, chain, n))
                  .collect(Collectors.joining(" -> ")))
          .append(
              ". Each needs the next one first, so none of them can land on "
                  + branch
                  + ".\n  Action: drop the Depends-On that closes the cycle.\n");
    }
    // With a cycle there is no order to land in.
    if (chain.cycle().isEmpty() && !chain.landingOrder().isEmpty()) {
      out.append("\nChain: these have to land on ")
          .append(branch)
          .append(" first, in this order:\n");
      int i = 1;
      for (Node node : chain.landingOrder()) {
        PrerequisiteStatus status = chain.statuses().get(node);
        out.append(i++).append(". ").append(name(verdict, chain, node)).append(" (needed by ");
        out.append(
            chain.neededBy(node).stream()
                .map(n -> name(verdict, chain, n))
                .collect(Collectors.joining(", ")));
        out.append("): ").append(shortState(status, branch));
        status.change().ifPresent(c -> out.append(": ").append(link(c)));
        out.append('\n');
      }
      out.append(i).append(". this change\n");
    }
    chain
        .trimmed()
        .forEach(
            (node, declared) ->
                out.append("\n")
                    .append(name(verdict, chain, node))
                    .append(" declares ")
                    .append(declared)
                    .append(" prerequisites; the ones after the first ")
                    .append(chain.maxDependencies())
                    .append(" were not followed (plugin.backport-guard.maxDependencies).\n"));
    for (Node node : chain.cut()) {
      out.append("\n")
          .append(name(verdict, chain, node))
          .append(" declares prerequisites of its own that were not checked: the chain was")
          .append(" followed ")
          .append(chain.maxDepth())
          .append(chain.maxDepth() == 1 ? " level" : " levels")
          .append(" deep (plugin.backport-guard.maxChainDepth). Check them on it.\n");
    }
    chain
        .overBudget()
        .forEach(
            (node, setting) ->
                out.append("\n")
                    .append(name(verdict, chain, node))
                    .append(" declares prerequisites of its own that were not all checked: the")
                    .append(" check reached its bound (")
                    .append(setting)
                    .append("). Check them on it.\n"));
    for (Node node : chain.tooWide()) {
      out.append("\n")
          .append(name(verdict, chain, node))
          .append(" declares prerequisites of its own that were not checked: its level of the")
          .append(" chain declares more than ")
          .append(DependencyResolver.MAX_DECLARATIONS_PER_LEVEL)
          .append(". Check them on it.\n");
    }
  }

  private static String name(Verdict verdict, Chain chain, Node node) {
    if (node.equals(chain.root())) {
      return "this change";
    }
    PrerequisiteStatus status = chain.statuses().get(node);
    return status != null && status.change().isPresent()
        ? describe(verdict, status.change().get())
        : "change " + node.changeId() + " in " + node.project();
  }

  private static String shortState(PrerequisiteStatus status, String branch) {
    String on = status.change().map(Candidate::branch).orElse("");
    return switch (status.state()) {
      case OPEN_ON_BRANCH -> "open on " + branch;
      case ABANDONED_ON_BRANCH -> "abandoned on " + branch;
      case REVERTED_ON_BRANCH -> "reverted on " + branch;
      case NOT_BACKPORTED -> "merged on " + on + ", not cherry-picked onto " + branch;
      case OPEN_ELSEWHERE -> "open on " + on + ", merged nowhere";
      case ABANDONED_ELSEWHERE -> "abandoned on " + on;
      default -> status.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  private static void appendNoSuchBranch(
      StringBuilder out, PrerequisiteStatus status, String project, String branch) {
    if (status.noSuchBranch()) {
      out.append(" (project ").append(project).append(" has no branch ").append(branch).append(")");
    }
  }

  private static String describe(Verdict verdict, Candidate c) {
    return c.project().equals(verdict.project())
        ? "change " + c.number()
        : "change " + c.number() + " in " + c.project();
  }

  private String link(Candidate c) {
    return links.of(c.project(), c.number());
  }
}
