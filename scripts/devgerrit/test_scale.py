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
"""The scale site's generator on a small shape: deterministic, the shape asked for, cached.

python3 -m unittest discover -s scripts -p 'test_*.py'
"""

import dataclasses
import os
import shutil
import tempfile
import unittest

from devgerrit import scale
from devgerrit.git import git

SMALL = scale.Shape(core_commits=300, branches=20, backports_per_branch=2, revert_every=10,
                    extensions=2, extension_commits=60, extension_branches=5, files=80)


def refs(repo):
    return git("--git-dir", repo, "for-each-ref", "--format=%(refname) %(objectname)")


class ScaleGeneratorTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="devgerrit-scale-test-")
        self.addCleanup(shutil.rmtree, self.root, True)

    def repo(self, dev, project, shape=SMALL):
        return os.path.join(scale.cache_dir(dev, shape), "git", project + ".git")

    def test_same_shape_same_commit_ids_in_two_builds(self):
        a, b = os.path.join(self.root, "a"), os.path.join(self.root, "b")
        scale.build(a, SMALL)
        scale.build(b, SMALL)
        for name, _, _, _ in scale.projects(SMALL):
            self.assertEqual(refs(self.repo(a, name)), refs(self.repo(b, name)), name)
        # Guards the test: the refs are there, and another seed gives other commits.
        self.assertIn("refs/heads/wmf/1.17.0-wmf.1 ", refs(self.repo(a, SMALL.core)))
        other = dataclasses.replace(SMALL, seed="another seed", extensions=0)
        scale.build(a, other)
        self.assertNotEqual(refs(self.repo(a, SMALL.core)), refs(self.repo(a, SMALL.core, other)))

    def test_core_has_the_history_and_branches_cut_along_it(self):
        dev = os.path.join(self.root, "dev")
        manifest = scale.build(dev, SMALL)
        core = self.repo(dev, SMALL.core)
        self.assertEqual(git("--git-dir", core, "rev-list", "--count", "master").strip(), "300")
        branches = git("--git-dir", core, "for-each-ref", "--format=%(refname:short)",
                       "refs/heads/wmf/").split()
        self.assertEqual(sorted(branches), sorted(SMALL.branch_names()))
        cuts = SMALL.cuts(SMALL.core_commits)
        for name, cut in zip(SMALL.branch_names(), cuts):
            base = git("--git-dir", core, "merge-base", "master", name).strip()
            self.assertEqual(git("--git-dir", core, "rev-list", "--count", base).strip(), str(cut), name)
            above = git("--git-dir", core, "log", "--format=%s", f"master..{name}").splitlines()
            self.assertEqual(len(above), 3 if SMALL.branch_names().index(name) % 10 == 0 else 2, name)
        first = SMALL.branch_names()[0]
        self.assertTrue(git("--git-dir", core, "log", "-1", "--format=%s", first).startswith("Revert "))
        self.assertEqual(manifest["projects"][SMALL.core]["reverts"], 2)
        self.assertIn("[access]\n\tinheritFrom = All-Projects",
                      git("--git-dir", core, "show", "refs/meta/config:project.config"))
        self.assertEqual(git("--git-dir", core, "symbolic-ref", "HEAD").strip(), "refs/heads/master")

    def test_a_backport_keeps_the_change_id_of_its_master_commit(self):
        dev = os.path.join(self.root, "dev")
        scale.build(dev, SMALL)
        core = self.repo(dev, SMALL.core)
        branch = SMALL.branch_names()[3]
        for sha in git("--git-dir", core, "rev-list", f"master..{branch}").split():
            cid = git("--git-dir", core, "log", "-1", "--format=%(trailers:key=Change-Id,valueonly)", sha).strip()
            on_master = git("--git-dir", core, "log", "--format=%H", "--grep", f"Change-Id: {cid}", "master")
            self.assertEqual(len(on_master.split()), 1, cid)

    def test_extensions_have_the_newest_branches(self):
        dev = os.path.join(self.root, "dev")
        scale.build(dev, SMALL)
        ext = SMALL.extension_names()[1]
        branches = git("--git-dir", self.repo(dev, ext), "for-each-ref", "--format=%(refname:short)",
                       "refs/heads/wmf/").split()
        self.assertEqual(sorted(branches), sorted(SMALL.branch_names()[-5:]))

    def test_a_complete_cache_is_reused_and_a_cut_short_one_rebuilt(self):
        dev = os.path.join(self.root, "dev")
        first = scale.build(dev, SMALL)
        core = self.repo(dev, SMALL.core)
        marker = os.path.join(core, "kept")
        open(marker, "w").close()
        self.assertEqual(scale.build(dev, SMALL), first)
        self.assertTrue(os.path.exists(marker), "a complete cache was rebuilt")
        os.remove(os.path.join(scale.cache_dir(dev, SMALL), "manifest.json"))
        scale.build(dev, SMALL)
        self.assertFalse(os.path.exists(marker), "a cache without its manifest was used")

    def test_the_cache_key_follows_the_shape(self):
        self.assertEqual(SMALL.key(), dataclasses.replace(SMALL).key())
        self.assertNotEqual(SMALL.key(), dataclasses.replace(SMALL, branches=21).key())

    def test_install_copies_once_and_keeps_what_the_site_has(self):
        dev = os.path.join(self.root, "dev")
        site_git = os.path.join(self.root, "site", "git")
        scale.build(dev, SMALL)
        copied = scale.install(dev, site_git, SMALL)
        self.assertEqual(sorted(copied), sorted(n for n, _, _, _ in scale.projects(SMALL)))
        core = os.path.join(site_git, SMALL.core + ".git")
        self.assertEqual(refs(core), refs(self.repo(dev, SMALL.core)))
        git("--git-dir", core, "update-ref", "refs/heads/gerrit-wrote-this", "master")
        self.assertEqual(scale.install(dev, site_git, SMALL), [])
        self.assertIn("refs/heads/gerrit-wrote-this", refs(core))
        self.assertNotIn("refs/heads/gerrit-wrote-this", refs(self.repo(dev, SMALL.core)))


if __name__ == "__main__":
    unittest.main()
