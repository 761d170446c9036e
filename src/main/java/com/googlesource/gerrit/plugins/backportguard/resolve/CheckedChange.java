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

import com.google.gerrit.entities.Project;
import java.time.Instant;

/**
 * The change whose dependencies are resolved: it is never its own prerequisite.
 *
 * @param project its project
 * @param number its change number
 * @param changeId its Change-Id
 * @param branch the short name of its target branch
 * @param patchSetCreated when the checked patch set was created: an abbreviated Change-Id names
 *     what existed then
 */
public record CheckedChange(
    Project.NameKey project, int number, String changeId, String branch, Instant patchSetCreated) {}
