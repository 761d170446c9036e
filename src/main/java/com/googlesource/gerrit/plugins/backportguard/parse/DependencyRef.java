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

package com.googlesource.gerrit.plugins.backportguard.parse;

import java.util.Optional;

/** What a {@code Depends-On} footer value points at, before anything is looked up. */
public sealed interface DependencyRef {

  /** A full Change-Id, {@code I} followed by 40 lower-case hex digits. */
  record ChangeId(String id) implements DependencyRef {}

  /** An abbreviated Change-Id (7 to 39 hex digits); it counts only when it is unique. */
  record ChangeIdPrefix(String prefix) implements DependencyRef {}

  /**
   * A change number, optionally qualified by a project ({@code project~12345}, or a URL of this
   * server that names the project).
   */
  record ChangeNumber(Optional<String> project, int number) implements DependencyRef {}

  /** A {@code project~branch~I<40 hex>} triplet. */
  record Triplet(String project, String branch, String changeId) implements DependencyRef {}

  /** A URL of another server (another Gerrit, a GitLab merge request): listed, never checked. */
  record External(String url) implements DependencyRef {}
}
