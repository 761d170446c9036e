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

/**
 * Decides whether the comment on a change may describe a prerequisite, from what the permission
 * backend says about who can read the two. Pure: the plumbing is in {@link Visibility}.
 *
 * <p>The comment is read by everyone who can read the change, and its footers were written by the
 * uploader of the patch set, who need not be the owner. So a prerequisite is described only when
 * the owner and the uploader can read it, and it is at least as visible as the change itself:
 *
 * <ul>
 *   <li>a change anonymous users can read may describe what anonymous users can read;
 *   <li>a change every registered user can read may describe what every registered user can read;
 *   <li>a change fewer can read may describe what every registered user can read (its readers are
 *       all registered users);
 *   <li>any change may describe one in its own project on a branch whose read rules are the very
 *       same as its own branch's: the two have the same readers.
 * </ul>
 */
public final class VisibilityRule {
  /** Who can read the dependent change. */
  public enum Audience {
    ANONYMOUS,
    REGISTERED,
    RESTRICTED
  }

  /**
   * Who can read the prerequisite.
   *
   * @param owner the dependent change's owner
   * @param uploader the uploader of the patch set being checked (and its real uploader, if another
   *     account uploaded it on the uploader's behalf)
   * @param anonymous anonymous users
   * @param registered a user whose only groups are Anonymous Users and Registered Users
   * @param sameReaders it is in the dependent change's project, on a branch with the same read
   *     rules
   */
  public record Readers(
      boolean owner,
      boolean uploader,
      boolean anonymous,
      boolean registered,
      boolean sameReaders) {}

  private VisibilityRule() {}

  public static Audience audience(boolean anonymousReads, boolean registeredReads) {
    if (anonymousReads) {
      return Audience.ANONYMOUS;
    }
    return registeredReads ? Audience.REGISTERED : Audience.RESTRICTED;
  }

  public static boolean describable(Audience dependent, Readers prerequisite) {
    if (!prerequisite.owner() || !prerequisite.uploader()) {
      return false;
    }
    if (prerequisite.sameReaders()) {
      return true;
    }
    return switch (dependent) {
      case ANONYMOUS -> prerequisite.anonymous();
      case REGISTERED, RESTRICTED -> prerequisite.registered();
    };
  }
}
