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

package com.googlesource.gerrit.plugins.backportguard.replay;

import com.google.common.collect.ImmutableList;

/**
 * One commit of an exported history: no file contents, only what the replay needs.
 *
 * @param sha the original SHA-1
 * @param parents the original SHA-1s of its parents
 * @param authorTime the author time, in seconds since the epoch
 * @param message the full commit message
 */
public record HistoryCommit(
    String sha, ImmutableList<String> parents, long authorTime, String message) {

  public boolean isMerge() {
    return parents.size() > 1;
  }

  public String shortSha() {
    return sha.substring(0, 10);
  }
}
