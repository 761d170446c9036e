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
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the verdict comment says about a prerequisite in each state: change the wording here, in one
 * place. {@link VerdictComment} fills the placeholders and lays the entries out.
 *
 * <p>Placeholders, each filled once (a value that itself reads like a placeholder stays as it is):
 *
 * <ul>
 *   <li>{@code {change}}: the prerequisite, "change 123" (or "change 123 in other/project")
 *   <li>{@code {branch}}: the branch the checked change targets
 *   <li>{@code {on}}: the branch the prerequisite was found on
 *   <li>{@code {project}}: the prerequisite's project
 *   <li>{@code {commit}}: the abbreviated commit that carries the Change-Id
 *   <li>{@code {source}}: the change the prerequisite's backport was cherry-picked from
 *   <li>{@code {revertedBy}}, {@code {revertedByLink}}: the change that reverted it, and its link
 *   <li>{@code {bound}}: the bound of the check that was reached
 *   <li>{@code {noSuchBranch}}, {@code {cherryPickAgain}}, {@code {thenCherryPick}}: the optional
 *       clauses below, or nothing
 * </ul>
 */
final class StateWording {
  private StateWording() {}

  /**
   * The words for one state.
   *
   * @param state what the state is, ending without a period
   * @param action what to do about it, or empty when there is nothing to do
   * @param inChain the short form of the state in the chain's landing order
   */
  record Words(String state, String action, String inChain) {}

  /** Before a prerequisite that blocks the change. */
  static final String MISSING = "MISSING: ";

  /** Before a prerequisite that is not satisfied but does not block (nothing can be checked). */
  static final String UNCHECKED = "UNCHECKED (not blocking): ";

  /** Before a satisfied prerequisite. */
  static final String OK = "OK: ";

  /** Between the state and the action. */
  static final String ACTION = ".\n  Action: ";

  /** {@code {noSuchBranch}}: when the prerequisite's project has no branch of the target's name. */
  static final String NO_SUCH_BRANCH = " (project {project} has no branch {branch})";

  /** {@code {cherryPickAgain}}: when the abandoned backport's source is known. */
  static final String CHERRY_PICK_AGAIN = ", or cherry-pick {source} onto {branch} again";

  /** {@code {thenCherryPick}}: when the prerequisite's project has the target branch. */
  static final String THEN_CHERRY_PICK = ", then cherry-pick it onto {branch}";

  private static final String NO_ACTION = "";

  /** The table; a switch without default, so that a new state does not compile without words. */
  static Words of(PrerequisiteState state) {
    return switch (state) {
      case MERGED_ON_BRANCH ->
          new Words("{change} is merged on {branch}", NO_ACTION, "merged on branch");
      case CONTAINED_IN_BRANCH ->
          new Words(
              "{change} merged on {on} and is already part of {branch}",
              NO_ACTION,
              "contained in branch");
      case PUSHED_TO_BRANCH ->
          new Words(
              "commit {commit} carrying this Change-Id is in {branch} (it came without review,"
                  + " e.g. by direct push)",
              NO_ACTION,
              "pushed to branch");
      case MERGED_NO_SUCH_BRANCH ->
          new Words(
              "{change} is merged on {on}; project {project} has no branch {branch}, so merged on"
                  + " any branch counts",
              NO_ACTION,
              "merged no such branch");
      case OPEN_ON_BRANCH ->
          new Words(
              "the backport {change} is open on {branch}",
              "get {change} merged first",
              "open on {branch}");
      case LANDS_AS_ANCESTOR ->
          new Words(
              "the backport {change} is open on {branch} and lands together with this change: it"
                  + " is an ancestor of this patch set",
              NO_ACTION,
              "lands together with this change");
      case LANDS_WITH_TOPIC ->
          new Words(
              "the backport {change} is open on {branch} and lands together with this change: it"
                  + " is in the same topic, which this site submits whole",
              NO_ACTION,
              "lands together with this change");
      case ABANDONED_ON_BRANCH ->
          new Words(
              "the backport {change} on {branch} was abandoned",
              "restore and merge it{cherryPickAgain}",
              "abandoned on {branch}");
      case NOT_BACKPORTED ->
          new Words(
              "{change} merged on {on} but was never cherry-picked onto {branch}",
              "cherry-pick {change} onto {branch} and merge it first",
              "merged on {on}, not cherry-picked onto {branch}");
      case OPEN_ELSEWHERE ->
          new Words(
              "{change} is still open on {on} and merged nowhere{noSuchBranch}",
              "merge {change}{thenCherryPick}",
              "open on {on}, merged nowhere");
      case ABANDONED_ELSEWHERE ->
          new Words(
              "{change} on {on} was abandoned{noSuchBranch}",
              "restore and merge it, or drop this Depends-On",
              "abandoned on {on}");
      case NOT_FOUND ->
          new Words(
              "no change or commit carrying this reference was found: not found, or not visible"
                  + " to every reader of this change",
              "check the reference; it must name a change on this server that everyone who can"
                  + " read this change can read",
              "not found");
      case UNDECIDED ->
          new Words(
              "could not be decided within the bound on the work of one check ({bound})",
              "ask an admin to raise it, or name the change more exactly",
              "undecided");
      case AMBIGUOUS ->
          new Words(
              "this abbreviated Change-Id matches more than one change",
              "write the full Change-Id",
              "ambiguous");
      case SELF_REFERENCE ->
          new Words(
              "this names the change itself, a cycle that can never be satisfied",
              "name the change it needs, or drop this Depends-On",
              "self reference");
      case REVERTED_ON_BRANCH ->
          new Words(
              "{change} was merged into {branch} but reverted on {branch} by {revertedBy}"
                  + " ({revertedByLink})",
              "land it on {branch} again (revert the revert), or drop this Depends-On",
              "reverted on {branch}");
    };
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)\\}");

  /**
   * The template with each placeholder replaced by its value, in one pass: text from a value is
   * never read as a placeholder.
   *
   * @throws IllegalArgumentException for a placeholder without a value
   */
  static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for {" + m.group(1) + "} in " + template);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The state, and the action if there is one, as one entry says them. */
  static String describe(PrerequisiteState state, ImmutableMap<String, String> values) {
    Words words = of(state);
    String text = fill(words.state(), values);
    return words.action().isEmpty() ? text : text + ACTION + fill(words.action(), values);
  }
}
