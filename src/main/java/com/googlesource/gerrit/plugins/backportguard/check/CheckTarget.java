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

package com.googlesource.gerrit.plugins.backportguard.check;

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import java.util.Comparator;

/** One change to check. Sorted by project, then number, so that output is easy to scan. */
public record CheckTarget(Project.NameKey project, Change.Id change)
    implements Comparable<CheckTarget> {
  private static final Comparator<CheckTarget> ORDER =
      Comparator.comparing((CheckTarget t) -> t.project().get())
          .thenComparingInt(t -> t.change().get());

  @Override
  public int compareTo(CheckTarget other) {
    return ORDER.compare(this, other);
  }
}
