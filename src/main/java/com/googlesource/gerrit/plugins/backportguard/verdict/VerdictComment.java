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

import com.google.common.collect.ImmutableMap;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResolver;
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResult;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes a verdict as the change message reviewers read: a one-line verdict, then each declared
 * dependency with its state on the target branch, a link and what to do; then links that were not
 * checked and lines that were not understood. Plain text that also reads as Markdown.
 *
 * <p>The text is a pure function of the verdict, so an unchanged outcome gives the same text and
 * the plugin can tell it has said it already.
 *
 * <p>The text always fits its budget (see {@link CommentLimit}): Gerrit refuses a longer message
 * and the vote with it. Quoted values are cut with "…", each section lists at most {@link
 * #MAX_ITEMS} entries and counts the rest ("and 12 more"); if that is still too long, fewer entries
 * are listed, blocking prerequisites first, and as a last resort the text is cut. The verdict line
 * always stays.
 */
public final class VerdictComment {
  /** Every comment starts with this, so the plugin finds its last one among the messages. */
  public static final String HEADER = "Backport check: ";

  /** The smallest budget: the header and the start of the verdict line. */
  public static final int MIN_BUDGET = 32;

  /** Entries listed per section at most; the rest are counted. */
  public static final int MAX_ITEMS = 20;

  /** Characters of a quoted value (a footer line, a project name) at most. */
  public static final int MAX_VALUE = 200;

  /** Characters of the verdict line at most. */
  static final int MAX_SUMMARY = 500;

  /** Characters of one entry at most, whatever it quotes; room for a link with a long name. */
  static final int MAX_ENTRY = 2_500;

  /** Entries per section tried in turn until the text fits. */
  private static final int[] ENTRIES_TRIED = {MAX_ITEMS, 10, 5, 2, 1, 0};

  private static final String ELLIPSIS = "…";

  /** Starts the line under the verdict that links to the page of the prerequisites. */
  public static final String PAGE_LINE = "Prerequisites across branches: ";

  private final ChangeLinks links;
  private final ChangeLinks pages;
  private final int budget;
  private final String pluginName;
  private final Runnable onCut;

  /**
   * @param budget the most the text may measure (see {@link #size}); at least {@link #MIN_BUDGET}
   * @param pluginName the name the plugin is installed under, which names its settings
   */
  public VerdictComment(ChangeLinks links, int budget, String pluginName) {
    this(links, null, budget, pluginName, () -> {});
  }

  /**
   * @param onCut told of each text that had to leave entries out or be cut to fit the budget
   */
  public VerdictComment(ChangeLinks links, int budget, String pluginName, Runnable onCut) {
    this(links, null, budget, pluginName, onCut);
  }

  /**
   * @param pages the link of the plugin's page of a change's prerequisites, by the change's own
   *     project and number; null for none
   */
  public VerdictComment(ChangeLinks links, ChangeLinks pages, int budget, String pluginName) {
    this(links, pages, budget, pluginName, () -> {});
  }

  /**
   * @param pages the link of the plugin's page of a change's prerequisites, by the change's own
   *     project and number; null for none
   * @param onCut told of each text that had to leave entries out or be cut to fit the budget
   */
  public VerdictComment(
      ChangeLinks links, ChangeLinks pages, int budget, String pluginName, Runnable onCut) {
    if (budget < MIN_BUDGET) {
      throw new IllegalArgumentException("budget " + budget + " < " + MIN_BUDGET);
    }
    this.links = links;
    this.pages = pages;
    this.budget = budget;
    this.pluginName = pluginName;
    this.onCut = onCut;
  }

  public String format(Verdict verdict) {
    return format(verdict, "");
  }

  /** The comment on change {@code number} of the verdict's project, linking to its page. */
  public String format(Verdict verdict, int number) {
    return format(verdict, pages == null ? "" : PAGE_LINE + pages.of(verdict.project(), number));
  }

  private String format(Verdict verdict, String pageLine) {
    for (int entries : ENTRIES_TRIED) {
      String text = render(verdict, entries, pageLine);
      if (size(text) <= budget) {
        if (entries != ENTRIES_TRIED[0]) {
          onCut.run();
        }
        return text;
      }
    }
    onCut.run();
    // The page link goes first: a link cut short would lead to another change.
    return cutToSize(render(verdict, 0, ""), budget);
  }

  /**
   * What Gerrit could count for the text, whichever way it counts: its UTF-8 bytes, assuming three
   * for every UTF-16 unit outside the BMP or unpaired; never less than {@link String#length()}.
   */
  public static int size(CharSequence text) {
    int size = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      size += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return size;
  }

  /** The text with at most {@code entries} entries per section. */
  private String render(Verdict verdict, int entries, String pageLine) {
    StringBuilder out =
        new StringBuilder(HEADER).append(cut(summary(verdict), MAX_SUMMARY)).append('\n');
    if (!pageLine.isEmpty()) {
      out.append(pageLine).append('\n');
    }
    List<DependencyResult> checked =
        verdict.results().stream().filter(r -> !r.isExternal()).toList();
    if (!checked.isEmpty()) {
      List<Entry> statuses = new ArrayList<>();
      for (DependencyResult result : checked) {
        for (PrerequisiteStatus status : result.prerequisites()) {
          statuses.add(new Entry(verdict, result, status));
        }
      }
      out.append('\n');
      appendStatuses(out, verdict, statuses, entries);
    }
    appendChain(out, verdict, entries);
    if (!verdict.overLimit().isEmpty()) {
      out.append("\nNot checked: more than ")
          .append(verdict.maxDependencies())
          .append(" dependencies declared")
          .append(verdict.blockOnUnknown() ? " (blocks until fixed)" : "")
          .append("; split the change, or ask an admin to raise")
          .append(" plugin.")
          .append(pluginName)
          .append(".maxDependencies:\n");
      appendList(out, verdict.overLimit(), entries, l -> "* " + cut(l, MAX_VALUE) + "\n");
    }
    List<DependencyResult> external =
        verdict.results().stream().filter(DependencyResult::isExternal).toList();
    if (!external.isEmpty()) {
      out.append("\nNot checked (not on this server; check them yourself):\n");
      appendList(out, external, entries, r -> "* " + cut(r.dependency().line(), MAX_VALUE) + "\n");
    }
    if (!verdict.unreadable().isEmpty()) {
      out.append("\nNot understood")
          .append(verdict.blockOnUnknown() ? " (blocks until fixed)" : "")
          .append(":\n");
      appendList(
          out,
          verdict.unreadable(),
          entries,
          line ->
              "* \"" + cut(line.line(), MAX_VALUE) + "\": " + cut(line.reason(), MAX_VALUE) + "\n");
    }
    return out.toString().stripTrailing();
  }

  /** One checked prerequisite, rendered only when it is listed. */
  private record Entry(Verdict verdict, DependencyResult result, PrerequisiteStatus status) {
    boolean blocks() {
      return verdict.blocks(status);
    }
  }

  /**
   * Lists the checked prerequisites; when not all of them fit, the blocking ones come first, in the
   * order they were declared, and the rest are counted.
   */
  private void appendStatuses(StringBuilder out, Verdict verdict, List<Entry> all, int entries) {
    List<Entry> shown = all;
    if (all.size() > entries) {
      List<Entry> blocking = all.stream().filter(Entry::blocks).limit(entries).toList();
      Set<Entry> chosen = Collections.newSetFromMap(new IdentityHashMap<>());
      chosen.addAll(blocking);
      all.stream().filter(e -> !e.blocks()).limit(entries - blocking.size()).forEach(chosen::add);
      shown = all.stream().filter(chosen::contains).toList();
    }
    for (Entry e : shown) {
      StringBuilder entry = new StringBuilder();
      appendStatus(entry, verdict, e.result(), e.status());
      out.append(cut(entry.toString(), MAX_ENTRY));
      if (entry.length() > MAX_ENTRY) {
        out.append('\n');
      }
    }
    int more = all.size() - shown.size();
    if (more > 0) {
      long missing =
          all.stream().filter(Entry::blocks).count() - shown.stream().filter(Entry::blocks).count();
      out.append("* … and ")
          .append(more)
          .append(" more")
          .append(missing > 0 ? " (" + missing + " of them missing)" : "")
          .append(", not listed to keep this comment short\n");
    }
  }

  /** Lists the first {@code entries} items of a section and counts the rest. */
  private static <T> void appendList(
      StringBuilder out, List<T> items, int entries, Function<T, String> entry) {
    for (T item : items.subList(0, Math.min(entries, items.size()))) {
      out.append(entry.apply(item));
    }
    appendMore(out, items.size() - entries);
  }

  private static void appendMore(StringBuilder out, int more) {
    if (more > 0) {
      out.append("* … and ").append(more).append(" more, not listed to keep this comment short\n");
    }
  }

  /** The value, cut to at most {@code max} characters with "…" when it is longer. */
  static String cut(String value, int max) {
    if (value.length() <= max) {
      return value;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end) + ELLIPSIS;
  }

  /** The text, cut with "…" so that it measures at most {@code max}. */
  private static String cutToSize(String text, int max) {
    int room = max - size(ELLIPSIS);
    int size = 0;
    int end = 0;
    while (end < text.length()) {
      int next = size(text.subSequence(end, end + 1));
      if (size + next > room) {
        break;
      }
      size += next;
      end++;
    }
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + ELLIPSIS;
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
      long together =
          verdict.results().stream()
              .flatMap(r -> r.prerequisites().stream())
              .filter(s -> s.state().landsTogether())
              .count();
      lead =
          checked == 1
              ? "the prerequisite is merged on " + branch + "."
              : "all " + checked + " prerequisites are merged on " + branch + ".";
      if (together > 0) {
        // Not merged yet: the submission of this change merges them.
        lead =
            checked == 1
                ? "the prerequisite lands on " + branch + " together with this change."
                : String.format(
                    "all %d prerequisites are merged on %s or land together with this change"
                        + " (%d of them).",
                    checked, branch, together);
      } else if (elsewhere > 0) {
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
    out.append("* ").append(cut(result.dependency().line(), MAX_VALUE)).append("\n  ");
    if (verdict.blocks(status)) {
      out.append(StateWording.MISSING);
    } else if (!status.state().satisfied()) {
      out.append(StateWording.UNCHECKED);
    } else {
      out.append(StateWording.OK);
    }
    out.append(StateWording.describe(status.state(), values(verdict, status)));
    if (status.change().isPresent() && status.state().satisfied()) {
      out.append(" (").append(link(status.change().get())).append(")");
    } else if (status.change().isPresent()) {
      out.append(": ").append(link(status.change().get()));
    }
    out.append('\n');
  }

  /**
   * What the comment says about one prerequisite, for other renderings of the verdict (the REST
   * API): the same words, from {@link StateWording}.
   *
   * @param state where it stands, e.g. "change 37 merged on master but was never cherry-picked onto
   *     wmf/1.0"
   * @param action what to do about it; empty when there is nothing to do
   * @param inChain the short form of the state, as the chain's landing order says it
   */
  public record Words(String state, String action, String inChain) {}

  /** The words of the comment for one prerequisite of the verdict. */
  public Words words(Verdict verdict, PrerequisiteStatus status) {
    ImmutableMap<String, String> values = values(verdict, status);
    StateWording.Words w = StateWording.of(status.state());
    return new Words(
        StateWording.fill(w.state(), values),
        w.action().isEmpty() ? "" : StateWording.fill(w.action(), values),
        StateWording.fill(w.inChain(), values));
  }

  /** The values of the placeholders of {@link StateWording} for one prerequisite. */
  private ImmutableMap<String, String> values(Verdict verdict, PrerequisiteStatus status) {
    Map<String, String> v = new HashMap<>();
    v.put("change", status.change().map(c -> describe(verdict, c)).orElse(""));
    v.put("branch", verdict.targetBranch());
    v.put("on", status.change().map(Candidate::branch).orElse(""));
    v.put("project", cut(status.project().orElse(""), MAX_VALUE));
    v.put(
        "commit",
        status.pushedCommit().map(c -> c.substring(0, Math.min(10, c.length()))).orElse(""));
    v.put("source", status.cherryPickSource().map(c -> describe(verdict, c)).orElse(""));
    v.put("revertedBy", status.revertedBy().map(c -> describe(verdict, c)).orElse(""));
    v.put("revertedByLink", status.revertedBy().map(this::link).orElse(""));
    v.put("bound", status.bound().orElse(""));
    v.put(
        "noSuchBranch",
        status.noSuchBranch() ? StateWording.fill(StateWording.NO_SUCH_BRANCH, v) : "");
    v.put(
        "cherryPickAgain",
        status.cherryPickSource().isPresent()
            ? StateWording.fill(StateWording.CHERRY_PICK_AGAIN, v)
            : "");
    v.put(
        "thenCherryPick",
        status.noSuchBranch() ? "" : StateWording.fill(StateWording.THEN_CHERRY_PICK, v));
    return ImmutableMap.copyOf(v);
  }

  /**
   * The prerequisites of the prerequisites, in the order they have to land on the branch, and any
   * cycle; only when the chain says more than the lines above.
   */
  private void appendChain(StringBuilder out, Verdict verdict, int entries) {
    Chain chain = verdict.chain();
    if (!chain.goesDeeper()) {
      return;
    }
    String branch = verdict.targetBranch();
    if (chain.cycle().isPresent()) {
      List<Node> cycle = chain.cycle().get();
      String path =
          cycle.stream()
              .limit(MAX_ITEMS)
              .map(n -> name(verdict, chain, n))
              .collect(Collectors.joining(" -> "));
      out.append("\nCYCLE: ")
          .append(cut(cycle.size() > MAX_ITEMS ? path + " -> …" : path, MAX_ENTRY))
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
      List<Node> order = chain.landingOrder();
      int i = 1;
      for (Node node : order.subList(0, Math.min(entries, order.size()))) {
        PrerequisiteStatus status = chain.statuses().get(node);
        StringBuilder entry = new StringBuilder();
        entry.append(i++).append(". ").append(name(verdict, chain, node)).append(" (needed by ");
        List<Node> neededBy = chain.neededBy(node);
        entry.append(
            neededBy.stream()
                .limit(5)
                .map(n -> name(verdict, chain, n))
                .collect(Collectors.joining(", ")));
        if (neededBy.size() > 5) {
          entry.append(" and ").append(neededBy.size() - 5).append(" more");
        }
        entry
            .append("): ")
            .append(
                StateWording.fill(
                    StateWording.of(status.state()).inChain(), values(verdict, status)));
        status.change().ifPresent(c -> entry.append(": ").append(link(c)));
        out.append(cut(entry.toString(), MAX_ENTRY)).append('\n');
      }
      appendMore(out, order.size() - entries);
      out.append(order.size() + 1).append(". this change\n");
    }
    List<Map.Entry<Node, Integer>> trimmed = chain.trimmed().entrySet().asList();
    for (Map.Entry<Node, Integer> e : trimmed.subList(0, Math.min(entries, trimmed.size()))) {
      out.append("\n")
          .append(name(verdict, chain, e.getKey()))
          .append(" declares ")
          .append(e.getValue())
          .append(" prerequisites; the ones after the first ")
          .append(chain.maxDependencies())
          .append(" were not followed (plugin.")
          .append(pluginName)
          .append(".maxDependencies).\n");
    }
    appendMore(out, trimmed.size() - entries);
    List<Node> cut = chain.cut().asList();
    for (Node node : cut.subList(0, Math.min(entries, cut.size()))) {
      out.append("\n")
          .append(name(verdict, chain, node))
          .append(" declares prerequisites of its own that were not checked: the chain was")
          .append(" followed ")
          .append(chain.maxDepth())
          .append(chain.maxDepth() == 1 ? " level" : " levels")
          .append(" deep (plugin.")
          .append(pluginName)
          .append(".maxChainDepth). Check them on it.\n");
    }
    appendMore(out, cut.size() - entries);
    List<Map.Entry<Node, String>> overBudget = chain.overBudget().entrySet().asList();
    for (Map.Entry<Node, String> e : overBudget.subList(0, Math.min(entries, overBudget.size()))) {
      out.append("\n")
          .append(name(verdict, chain, e.getKey()))
          .append(" declares prerequisites of its own that were not all checked: the")
          .append(" check reached its bound (")
          .append(e.getValue())
          .append("). Check them on it.\n");
    }
    appendMore(out, overBudget.size() - entries);
    List<Node> tooWide = chain.tooWide().asList();
    for (Node node : tooWide.subList(0, Math.min(entries, tooWide.size()))) {
      out.append("\n")
          .append(name(verdict, chain, node))
          .append(" declares prerequisites of its own that were not checked: its level of the")
          .append(" chain declares more than ")
          .append(DependencyResolver.MAX_DECLARATIONS_PER_LEVEL)
          .append(". Check them on it.\n");
    }
    appendMore(out, tooWide.size() - entries);
  }

  private static String name(Verdict verdict, Chain chain, Node node) {
    if (node.equals(chain.root())) {
      return "this change";
    }
    PrerequisiteStatus status = chain.statuses().get(node);
    return status != null && status.change().isPresent()
        ? describe(verdict, status.change().get())
        : "change " + cut(node.changeId(), MAX_VALUE) + " in " + cut(node.project(), MAX_VALUE);
  }

  private static String describe(Verdict verdict, Candidate c) {
    return c.project().equals(verdict.project())
        ? "change " + c.number()
        : "change " + c.number() + " in " + cut(c.project(), MAX_VALUE);
  }

  private String link(Candidate c) {
    return links.of(c.project(), c.number());
  }
}
