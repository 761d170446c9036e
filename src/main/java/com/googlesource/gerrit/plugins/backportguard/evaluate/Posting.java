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
import com.google.common.collect.ImmutableSet;
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.ChangeMessage;
import com.google.gerrit.extensions.api.changes.NotifyHandling;
import com.googlesource.gerrit.plugins.backportguard.verdict.VerdictComment;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What the plugin posts on a patch set: a comment (with the votes that change), only a vote, or
 * nothing. A pure function of what the plugin has said on the change, as read from its notes, and
 * what it wants the change to show now; {@link VotePoster} does the reading and the posting.
 *
 * <p>The plugin says nothing twice: the comment is posted only when it differs from its last one, a
 * vote only when it differs from its current vote on the patch set.
 *
 * @param comment the comment to post, if it differs from the last one
 * @param votes the labels whose vote changes, each with its new value
 */
record Posting(Optional<String> comment, ImmutableMap<String, Integer> votes) {
  /** The three things the plugin can do on a patch set. */
  enum Kind {
    NOTHING,
    ONLY_VOTE,
    COMMENT
  }

  /** A vote the plugin's account holds on a patch set, as read from the change notes. */
  record Vote(String label, int value, Optional<String> tag) {}

  /**
   * @param lastComment the plugin's last comment on the change, if any
   * @param currentVotes the plugin's current vote per label on the patch set; a label it has not
   *     voted on counts as 0
   * @param wantedComment the comment that explains the outcome
   * @param wantedVotes the vote per label the outcome asks for
   */
  static Posting decide(
      Optional<String> lastComment,
      Map<String, Integer> currentVotes,
      String wantedComment,
      Map<String, Integer> wantedVotes) {
    ImmutableMap.Builder<String, Integer> changed = ImmutableMap.builder();
    for (Map.Entry<String, Integer> v : wantedVotes.entrySet()) {
      if (currentVotes.getOrDefault(v.getKey(), 0).intValue() != v.getValue()) {
        changed.put(v);
      }
    }
    return new Posting(
        lastComment.equals(Optional.of(wantedComment))
            ? Optional.empty()
            : Optional.of(wantedComment),
        changed.buildOrThrow());
  }

  /**
   * The text of the plugin's last comment on the change, without Gerrit's patch set prefix. Only
   * the service account's own messages count, so nobody can silence it by borrowing its tag.
   */
  static Optional<String> lastComment(
      Collection<ChangeMessage> messages, Account.Id bot, String tag) {
    Optional<String> last = Optional.empty();
    for (ChangeMessage m : messages) {
      if (bot.equals(m.getAuthor()) && tag.equals(m.getTag()) && m.getMessage() != null) {
        int start = m.getMessage().indexOf(VerdictComment.HEADER);
        if (start >= 0) {
          last = Optional.of(m.getMessage().substring(start).strip());
        }
      }
    }
    return last;
  }

  /** Whether the plugin's account has posted on the change under the plugin's tag. */
  static boolean spokeBefore(Collection<ChangeMessage> messages, Account.Id bot, String tag) {
    return messages.stream().anyMatch(m -> tag.equals(m.getTag()) && bot.equals(m.getAuthor()));
  }

  /**
   * Whether to say anything on a change that has nothing to check (not a backport, or nothing
   * declared): only to take back a verdict the plugin gave before, never to comment on every change
   * of the server.
   */
  static boolean answersNothingToCheck(boolean spokeBefore) {
    return spokeBefore;
  }

  /**
   * The labels whose vote the plugin takes back where it has no say anymore (the check is off, or
   * its settings are invalid): its own non-zero votes, told by their tag; a vote someone cast with
   * the same account by hand stays.
   */
  static ImmutableSet<String> labelsToWithdraw(Collection<Vote> votes, String tag) {
    return votes.stream()
        .filter(v -> v.value() != 0 && v.tag().map(t -> t.startsWith(tag)).orElse(false))
        .map(Vote::label)
        .collect(ImmutableSet.toImmutableSet());
  }

  Kind kind() {
    if (comment.isPresent()) {
      return Kind.COMMENT;
    }
    return votes.isEmpty() ? Kind.NOTHING : Kind.ONLY_VOTE;
  }

  /** The new value of the label's vote, if the posting changes it. */
  Optional<Integer> newVote(String label) {
    return Optional.ofNullable(votes.get(label));
  }

  /** A comment tells the owner and the reviewers; a vote alone tells nobody. */
  NotifyHandling notifyHandling() {
    return comment.isPresent() ? NotifyHandling.OWNER_REVIEWERS : NotifyHandling.NONE;
  }
}
