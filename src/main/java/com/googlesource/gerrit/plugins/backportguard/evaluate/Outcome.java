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

/**
 * What the plugin wants to see on a patch set: its vote, and the comment that explains it.
 *
 * @param vote the vote on the configured label; 0 means no vote
 * @param comment the comment text, starting with {@code VerdictComment.HEADER}
 */
record Outcome(int vote, String comment) {}
