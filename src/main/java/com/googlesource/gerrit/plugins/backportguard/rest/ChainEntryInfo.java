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

/** One unmerged prerequisite in the order of landing. */
public class ChainEntryInfo {
  /** The prerequisite. */
  public ChangeRefInfo change;

  /** Its state, as in {@link PrerequisiteInfo#state}. */
  public String state;

  /** The state in the chain's words, as the comment says it. */
  public String description;

  /** What to do, as the comment says it; left out when nothing. */
  public String action;

  /** For an unmerged one, the merged change it can be cherry-picked from. */
  public ChangeRefInfo cherryPickSource;

  /** Its copies on any branch, as in {@link PrerequisiteInfo#copies}; left out when none. */
  public List<ChangeRefInfo> copies;

  /** The changes that declare they need it. */
  public List<ChangeRefInfo> neededBy;
}
