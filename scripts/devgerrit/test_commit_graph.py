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
"""commit_graph: written, read by JGit's switch, and removed again, on a real repository."""

import os
import tempfile
import unittest

from devgerrit import commit_graph
from devgerrit.git import git


class CommitGraphTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.site_git = self.tmp.name
        repo = os.path.join(self.site_git, "scale", "core.git")
        os.makedirs(repo)
        git("init", "--bare", "-q", cwd=repo)
        tree = git("mktree", cwd=repo, input="").strip()
        parent = []
        for i in range(3):
            c = git("commit-tree", tree, *parent, "-m", f"c{i}", cwd=repo).strip()
            parent = ["-p", c]
        git("update-ref", "refs/heads/master", c, cwd=repo)
        self.repo = repo

    def tearDown(self):
        self.tmp.cleanup()

    def test_write_then_remove(self):
        self.assertFalse(commit_graph.has_graph(self.site_git, "scale/core"))
        commit_graph.write(self.site_git, ["scale/core"])
        self.assertTrue(os.path.exists(os.path.join(self.repo, commit_graph.GRAPH)))
        self.assertTrue(commit_graph.has_graph(self.site_git, "scale/core"))
        commit_graph.remove(self.site_git, ["scale/core"])
        self.assertFalse(os.path.exists(os.path.join(self.repo, commit_graph.GRAPH)))
        self.assertFalse(commit_graph.has_graph(self.site_git, "scale/core"))

    def test_write_after_remove_writes_again(self):
        commit_graph.write(self.site_git, ["scale/core"])
        commit_graph.remove(self.site_git, ["scale/core"])
        commit_graph.write(self.site_git, ["scale/core"])
        self.assertTrue(commit_graph.has_graph(self.site_git, "scale/core"))

    def test_bitmaps_on_then_off(self):
        self.assertFalse(commit_graph.has_bitmaps(self.site_git, "scale/core"))
        commit_graph.bitmaps(self.site_git, ["scale/core"], True)
        self.assertTrue(commit_graph.has_bitmaps(self.site_git, "scale/core"))
        commit_graph.bitmaps(self.site_git, ["scale/core"], False)
        self.assertFalse(commit_graph.has_bitmaps(self.site_git, "scale/core"))


if __name__ == "__main__":
    unittest.main()
