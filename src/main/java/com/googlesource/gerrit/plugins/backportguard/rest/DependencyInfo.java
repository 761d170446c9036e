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

import java.util.List;

/** One {@code Depends-On} footer and what it resolved to. */
public class DependencyInfo {
  /** The footer line as written. */
  public String line;

  /**
   * How it names the prerequisite: {@code change_id}, {@code change_id_prefix}, {@code number},
   * {@code url} (of this server), {@code triplet}, {@code external} (another server).
   */
  public String form;

  /**
   * The prerequisites it names: usually one; one per project for a Change-Id used in several; none
   * for an external link.
   */
  public List<PrerequisiteInfo> prerequisites;
}
