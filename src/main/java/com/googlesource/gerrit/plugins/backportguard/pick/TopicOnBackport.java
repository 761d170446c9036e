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

package com.googlesource.gerrit.plugins.backportguard.pick;

/** What a run does to the backport's topic. */
enum TopicOnBackport {
  /** The backport already has a topic: the picks join it. */
  ALREADY_SET,
  /** The backport had none: the new topic is (or, in a dry run, would be) set on it too. */
  SET,
  /** The caller may not edit the backport's topic: its owner can join the picks' topic. */
  NOT_ALLOWED,
  /** Nothing to pick, so no topic. */
  NONE
}
