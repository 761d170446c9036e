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
"""The scale site's changes as planned (no server): counts, Depends-On forms, bulk-push streams.

python3 -m unittest discover -s scripts -p 'test_*.py'
"""

import os
import shutil
import tempfile
import unittest

from devgerrit import scale
from devgerrit import scale_changes as sc
from devgerrit.git import git

BASE = "http://127.0.0.1:8080/"


def planned(shape=scale.Shape(), counts=sc.Counts()):
    prereqs = sc.prerequisites(shape, counts)
    nums = {c.change_id: 1000 + i for i, c in enumerate(c for cs in prereqs.values() for c in cs)}
    core = sc.core_backports(shape, counts, prereqs, nums, BASE)
    ext = sc.extension_backports(shape, counts, prereqs, nums, BASE)
    return prereqs, nums, core, ext


class PlanTest(unittest.TestCase):
    def test_the_default_plan_has_the_issues_counts(self):
        shape, counts = scale.Shape(), sc.Counts()
        prereqs, _, core, ext = planned(shape, counts)
        backports = [c for cs in list(core.values()) + list(ext.values()) for c in cs]
        self.assertGreaterEqual(len(backports), 1000)
        self.assertTrue(all(any(f.startswith("Depends-On: ") for f in c.footers) for c in backports))
        self.assertGreaterEqual(counts.total(shape), 5000)
        self.assertEqual(len({c.change_id for c in backports}), len(backports))

    def test_every_form_and_cross_project_in_both_directions(self):
        shape = scale.Shape()
        prereqs, nums, core, ext = planned(shape)
        values = [f.split(": ", 1)[1] for cs in core.values() for c in cs for f in c.footers]
        core_cids = {c.change_id for c in prereqs[shape.core]}
        self.assertTrue(any(v in core_cids for v in values), "full Change-Id")
        self.assertTrue(any(v.isdigit() for v in values), "number")
        self.assertTrue(any(v.startswith("I") and len(v) == 10 for v in values), "abbreviated")
        self.assertTrue(any(v.startswith(shape.core + "~master~I") for v in values), "triplet")
        self.assertTrue(any(v.startswith(shape.core + "~") and v.split("~")[1].isdigit() for v in values))
        self.assertTrue(any(v.startswith(BASE + "c/" + shape.core + "/+/") for v in values), "url")
        ext_cids = {c.change_id for e in shape.extension_names() for c in prereqs[e]}
        ext_nums = {str(nums[c]) for c in ext_cids}
        self.assertTrue(any(v in ext_cids or v.rsplit("/", 1)[-1] in ext_nums or "extensions" in v
                            for v in values), "a core backport naming an extension's prerequisite")
        ext_values = [f.split(": ", 1)[1] for cs in ext.values() for c in cs for f in c.footers]
        self.assertTrue(any(v in core_cids or v.startswith(shape.core) or "/c/" + shape.core + "/" in v
                            for v in ext_values), "an extension's backport naming a core prerequisite")

    def test_the_plan_is_the_same_every_time(self):
        self.assertEqual(planned()[2:], planned()[2:])


class StreamTest(unittest.TestCase):
    def setUp(self):
        self.repo = tempfile.mkdtemp(prefix="devgerrit-scale-stream-")
        self.addCleanup(shutil.rmtree, self.repo, True)
        git("init", "-q", "--bare", self.repo)
        git("--git-dir", self.repo, "fast-import", "--quiet", input=(
            b"commit refs/heads/master\ncommitter A <a@example.com> 1 +0000\ndata 5\nroot\n\n"))
        self.tip = git("--git-dir", self.repo, "rev-parse", "master").strip()
        self.commits = [sc.Commit(f"I{i:040x}", f"Change {i}", ("Depends-On: 42",)) for i in range(5)]

    def parents(self, rev):
        return git("--git-dir", self.repo, "log", "-1", "--format=%P", rev).split()

    def test_independent_changes_are_each_on_the_tip_under_one_merge(self):
        git("--git-dir", self.repo, "fast-import", "--quiet",
            input=sc.stream(self.commits, self.tip, merge_change_id="I" + "f" * 40))
        parts = self.parents("refs/heads/scale-push")
        self.assertEqual(len(parts), 5)
        for p in parts:
            self.assertEqual(self.parents(p), [self.tip])
        body = git("--git-dir", self.repo, "cat-file", "commit", parts[2]).split("\n\n", 1)[1]
        self.assertTrue(body.endswith("Depends-On: 42\nChange-Id: I" + "%040x" % 2 + "\n"), body)

    def test_a_series_is_one_chain(self):
        git("--git-dir", self.repo, "fast-import", "--quiet",
            input=sc.stream(self.commits, self.tip, independent=False))
        self.assertEqual(git("--git-dir", self.repo, "rev-list", "--count", "scale-push").strip(), "6")
        self.assertEqual(len(self.parents("scale-push")), 1)


class FakeGerrit:
    """git_url is a local bare repository per project; rest() records the calls."""

    def __init__(self, root):
        self.root = root
        self.calls = []

    def git_url(self, project):
        return os.path.join(self.root, "site-git", project + ".git")

    def rest(self, method, path, body=None):
        self.calls.append((method, path))


class PusherTest(unittest.TestCase):
    SHAPE = scale.Shape(core_commits=50, branches=4, extensions=0, small_commits=0, files=40)

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="devgerrit-scale-pusher-")
        self.addCleanup(shutil.rmtree, self.root, True)
        self.dev = os.path.join(self.root, "dev")
        scale.build(self.dev, self.SHAPE)
        scale.install(self.dev, os.path.join(self.root, "site-git"), self.SHAPE)
        self.g = FakeGerrit(self.root)
        self.remote = self.g.git_url(self.SHAPE.core)
        old = sc.site.DEV_DIR
        sc.site.DEV_DIR = self.dev
        self.addCleanup(setattr, sc.site, "DEV_DIR", old)
        self.pusher = sc.Pusher(self.g, self.dev, self.SHAPE)
        self.addCleanup(self.pusher.close)
        self.commits = [sc.Commit(f"I{i:040x}", f"Change {i}") for i in range(3)]

    def test_independent_changes_go_to_refs_for_under_a_merge_that_is_abandoned(self):
        branch = self.SHAPE.branch_names()[1]
        tip = git("--git-dir", self.remote, "rev-parse", f"refs/heads/{branch}").strip()
        self.pusher.push(self.SHAPE.core, branch, self.commits)
        pushed = f"refs/for/{branch}"
        self.assertEqual(len(git("--git-dir", self.remote, "log", "-1", "--format=%P", pushed).split()), 3)
        self.assertEqual(git("--git-dir", self.remote, "rev-parse", f"{pushed}^2^").strip(), tip)
        self.assertEqual(len(self.g.calls), 1)
        self.assertTrue(self.g.calls[0][1].endswith("/abandon"), self.g.calls)
        # The branch did not move, so its tip is not fetched again.
        self.assertIn((self.SHAPE.core, branch), self.pusher.tips)

    def test_submit_and_direct_push_one_series_and_read_the_tip_again(self):
        self.pusher.push(self.SHAPE.core, "master", self.commits, submit=True)
        ref = "refs/for/master%submit,l=Code-Review+2,l=Verified+1"
        self.assertEqual(git("--git-dir", self.remote, "rev-list", "--count", f"master..{ref}").strip(), "3")
        self.assertEqual(self.g.calls, [])
        self.assertNotIn((self.SHAPE.core, "master"), self.pusher.tips)
        branch = self.SHAPE.branch_names()[0]
        self.pusher.push(self.SHAPE.core, branch, self.commits[:1], direct=True)
        self.assertIn(f"Change-Id: {self.commits[0].change_id}",
                      git("--git-dir", self.remote, "log", "-1", "--format=%B", f"refs/heads/{branch}"))


if __name__ == "__main__":
    unittest.main()
