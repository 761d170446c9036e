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

package com.googlesource.gerrit.plugins.backportguard.config;

/**
 * The plugin's settings for one project, read from {@code project.config} with inheritance.
 *
 * @param enabled whether the plugin checks changes of the project at all
 * @param label the label the plugin votes on
 * @param failVote the vote when a prerequisite is missing
 * @param passVote the vote when every prerequisite is merged; 0 removes the plugin's vote
 * @param backportBranches patterns of the branches that hold backports; empty means every branch
 *     but the project's default branch
 * @param checkAllChanges whether changes that are not backports get a vote and comment too
 * @param blockOnNotFound whether references that cannot be verified block the change
 */
public record ProjectSettings(
    boolean enabled,
    String label,
    int failVote,
    int passVote,
    BranchPatterns backportBranches,
    boolean checkAllChanges,
    boolean blockOnNotFound) {

  public static final String DEFAULT_LABEL = "Verified";
  public static final int DEFAULT_FAIL_VOTE = -1;
  public static final int DEFAULT_PASS_VOTE = 0;
}
