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

import com.google.common.collect.ImmutableList;

/**
 * Everything one evaluation found out.
 *
 * @param results each declared dependency with its state on the target branch
 * @param chain the prerequisites of the unmerged prerequisites, followed on the same branch
 * @param indexQueries how many index queries it took
 * @param objectsRead how many git objects its walks read
 */
public record Resolution(
    ImmutableList<DependencyResult> results, Chain chain, int indexQueries, int objectsRead) {}
