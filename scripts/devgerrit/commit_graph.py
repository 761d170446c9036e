# Copyright (C) 2026 The Android Open Source Project
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
# http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
"""Commit-graph files and reachability bitmaps in a site's repositories, on and off, for the
scale benchmark.

What config.md's "Large sites" advises an admin: a commit-graph written by gc
(here by `git commit-graph write --reachable`, the single file JGit reads) and
`core.commitGraph = true` so JGit reads it; and the reachability bitmaps
Gerrit's gc writes by default (here `git repack -adb`; git fast-import writes
none). The running Gerrit sees them at once: JGit re-reads a repository's
config, packs and commit-graph file when they change on disk.
"""

import os
import time

from devgerrit.git import git

GRAPH = os.path.join("objects", "info", "commit-graph")


def repository(site_git, project):
    return os.path.join(site_git, project + ".git")


def write(site_git, projects):
    """Writes each project's commit-graph and turns reading it on; returns the seconds taken."""
    start = time.monotonic()
    for p in projects:
        repo = repository(site_git, p)
        # First: git writes no graph where core.commitGraph = false.
        git("config", "core.commitGraph", "true", cwd=repo)
        git("commit-graph", "write", "--reachable", "--no-progress", cwd=repo)
    return time.monotonic() - start


def remove(site_git, projects):
    """Turns reading the commit-graph off and deletes the file: the repository as fast-import left it."""
    for p in projects:
        repo = repository(site_git, p)
        git("config", "core.commitGraph", "false", cwd=repo)
        path = os.path.join(repo, GRAPH)
        if os.path.exists(path):
            os.remove(path)


def has_graph(site_git, project):
    repo = repository(site_git, project)
    on = git("config", "--bool", "--default", "false", "core.commitGraph", cwd=repo).strip() == "true"
    return on and os.path.exists(os.path.join(repo, GRAPH))


def bitmaps(site_git, projects, on):
    """Repacks each project into one pack, with reachability bitmaps or without; returns the seconds."""
    start = time.monotonic()
    for p in projects:
        git("-c", f"repack.writeBitmaps={'true' if on else 'false'}", "repack", "-a", "-d", "-q",
            cwd=repository(site_git, p))
    return time.monotonic() - start


def has_bitmaps(site_git, project):
    pack = os.path.join(repository(site_git, project), "objects", "pack")
    return any(f.endswith(".bitmap") for f in os.listdir(pack))
