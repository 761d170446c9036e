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
"""The scale benchmark's measurement logic, without a server: percentiles, the order of the
samples, metric deltas, the class histogram, the table, the plugin switch, the small names.

cd scripts && python3 -B -m unittest devgerrit.test_scale_measure
"""

import collections
import dataclasses
import os
import shutil
import tempfile
import unittest

from devgerrit import scale, scale_measure
from devgerrit.git import git

HISTOGRAM = """\
1797:
 num     #instances         #bytes  class name (module)
-------------------------------------------------------
   1:        120000       96000000  [B (java.base@25)
   2:          4000         128000  com.googlesource.gerrit.plugins.backportguard.resolve.Candidate
   3:           500          24000  java.lang.String (java.base@25)
   4:            10            480  com.googlesource.gerrit.plugins.backportguard.evaluate.CoalescingQueue$Entry
   5:             1             16  com.googlesource.gerrit.plugins.otherplugin.Thing
Total        124511       96152496
"""


class PureTest(unittest.TestCase):
    def test_percentile_interpolates_between_ranks(self):
        values = list(range(10, 0, -1))  # unsorted on purpose
        self.assertEqual(scale_measure.percentile(values, 50), 5.5)
        self.assertAlmostEqual(scale_measure.percentile(values, 95), 9.55)
        self.assertEqual(scale_measure.percentile(values, 100), 10)
        self.assertEqual(scale_measure.percentile([0.3], 95), 0.3)
        self.assertIsNone(scale_measure.percentile([], 50))

    def test_summary_and_ratio(self):
        s = scale_measure.summary([0.2, 0.4, 0.3])
        self.assertEqual((s["n"], s["p50"], s["max"]), (3, 0.3, 0.4))
        self.assertEqual(scale_measure.summary([])["p95"], None)
        self.assertEqual(scale_measure.ratio(3.0, 2.0), 1.5)
        self.assertIsNone(scale_measure.ratio(None, 2.0))
        self.assertIsNone(scale_measure.ratio(1.0, 0))

    def test_spread_takes_branches_across_the_history(self):
        names = [f"b{i}" for i in range(700)]
        self.assertEqual(scale_measure.spread(names, 3), ["b175", "b350", "b525"])
        self.assertEqual(scale_measure.spread(names[:2], 5), ["b0", "b1"])
        self.assertEqual(scale_measure.spread(names, 0), [])

    def test_evaluation_plan_interleaves_projects_and_states(self):
        plan = scale_measure.evaluation_plan({1: 3, 50: 1}, scale_measure.STATES, ["core", "small"])
        counts = collections.Counter((s.k, s.state, s.project) for s in plan)
        self.assertEqual(counts[(1, "missing", "core")], 3)
        self.assertEqual(counts[(50, "reverted", "small")], 1)
        self.assertEqual(len(plan), (3 + 1) * len(scale_measure.STATES) * 2)
        # Core and small alternate sample by sample: never two of one project in a row.
        self.assertTrue(all(a.project != b.project for a, b in zip(plan, plan[1:])))
        # Every K runs in the first round, before any second sample of a cell.
        first_round = [s for s in plan if s.round == 0]
        self.assertEqual(plan[:len(first_round)], first_round)
        self.assertEqual({s.k for s in first_round}, {1, 50})

    def test_metric_delta_reads_counters_and_gauges(self):
        before = {"c": {"count": 10}, "g": {"value": 3}}
        after = {"c": {"count": 14}, "g": {"value": 1}, "new": {"count": 2}}
        self.assertEqual(scale_measure.metric_delta(before, after, "c"), 4)
        self.assertEqual(scale_measure.metric_delta(before, after, "g"), -2)
        self.assertIsNone(scale_measure.metric_delta(before, after, "new"))
        self.assertIsNone(scale_measure.metric_delta(before, after, scale_measure.OBJECTS))

    def test_histogram_counts_only_the_plugins_classes(self):
        instances, size, classes = scale_measure.parse_histogram(HISTOGRAM)
        self.assertEqual((instances, size), (4010, 128480))
        self.assertEqual(set(classes), {
            "com.googlesource.gerrit.plugins.backportguard.resolve.Candidate",
            "com.googlesource.gerrit.plugins.backportguard.evaluate.CoalescingQueue$Entry"})

    def test_markdown_names_the_load_and_every_cell(self):
        report = {
            "header": {"started": "now", "gerrit": "3.13.5", "cores": 2, "memory_gb": 8, "threads": "2",
                       "shape_key": "abc", "core": "c", "core_commits": 100000, "branches": 700, "small": "s",
                       "small_commits": 1000, "load_before": "1.00 1.00 1.00", "load_after": "2.00 2.00 2.00",
                       "seconds": 60, "commit_graph": {"c": True, "s": False}},
            "upload": {"on_project": "c", "off_project": "c-off", "on": scale_measure.summary([0.5, 0.6]),
                       "off": scale_measure.summary([0.4, 0.5]), "ratio": 1.2222, "load": ["1.1", "1.2"]},
            "evaluation": {"cells": [{"k": 50, "state": "reverted", "project": "s",
                                      "latency": scale_measure.summary([0.25]),
                                      "create": scale_measure.summary([0.1]), "votes": "-1", "undecided": 0,
                                      "queries": 4.0, "objects": None}],
                           "by_k": [{"k": 50, "core_p95": 1.2, "goal": 1.5, "core_small": 2.0}],
                           "load": ["1.3", "1.4"]},
            "revote": [{"n": 1000, "revote": 42.0, "submit": 0.3, "still_blocked": 0, "posts": 30.0,
                        "ratio": 1.4, "load": ["1.5", "1.6"]}],
            "memory": {"samples": [{"when": "queue idle", "events": 2000, "instances": 10, "bytes": 320,
                                    "cache": 7, "queue": 0, "load": "1.7"}],
                       "events": 2000, "pushes": 4, "seconds": 12.5, "project": "s", "branch": "b"},
        }
        md = scale_measure.render_markdown(report)
        self.assertIn("before 1.00 1.00 1.00, after 2.00 2.00 2.00", md)
        self.assertIn("Commit-graph: c; bitmaps: none.", md)
        self.assertIn("**1.22**", md)
        self.assertIn("| 50 | reverted | s | 1 | 0.25 | 0.25 | 0.25 | 0.10 | -1 | 0 | 4.0 | n/a |", md)
        self.assertIn("| 1000 | 42.00 | 0.30 | 0 | 30.00 | 1.40 | 1.5 / 1.6 |", md)
        self.assertIn("| queue idle | 2000 | 10 | 320 | 7 | 0 | 1.7 |", md)


SMALL = scale.Shape(core_commits=120, branches=6, extensions=1, extension_commits=30, extension_branches=2,
                    files=40, small_commits=50)


class ShapeAndTwinTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="devgerrit-measure-test-")
        self.addCleanup(shutil.rmtree, self.root, True)

    def test_full_shape_keeps_its_cache_key_and_a_prefix_moves_every_project(self):
        # The key of the default shape before `prefix` existed: its cache must stay valid.
        self.assertEqual(scale.Shape().key(), "6200b684965b")
        small = dataclasses.replace(SMALL, core="scale-small/mediawiki/core", prefix="scale-small")
        names = [p for p, _, _, _ in scale.projects(small)]
        self.assertTrue(all(n.startswith("scale-small/") for n in names), names)
        self.assertNotEqual(small.key(), SMALL.key())
        self.assertFalse(set(names) & {p for p, _, _, _ in scale.projects(SMALL)})

class PluginSwitchTest(unittest.TestCase):
    def test_the_plugin_is_turned_off_and_on_in_the_projects_own_config(self):
        with tempfile.TemporaryDirectory() as site_git:
            repo = os.path.join(site_git, "scale", "core.git")
            os.makedirs(repo)
            git("init", "--bare", "-q", cwd=repo)
            blob = git("hash-object", "-w", "--stdin", cwd=repo,
                       input='[access]\n\tinheritFrom = All-Projects\n').strip()
            groups = git("hash-object", "-w", "--stdin", cwd=repo, input="# UUID\tGroup Name\n").strip()
            tree = git("mktree", cwd=repo,
                       input=f"100644 blob {groups}\tgroups\n100644 blob {blob}\tproject.config\n").strip()
            first = git("commit-tree", tree, "-m", "config", cwd=repo).strip()
            git("update-ref", "refs/meta/config", first, cwd=repo)

            def value():
                return git("--git-dir", repo, "config", "--blob", "refs/meta/config:project.config",
                           "plugin.backport-guard.enabled").strip()

            scale_measure.set_plugin_enabled(site_git, "scale/core", False)
            self.assertEqual("false", value())
            scale_measure.set_plugin_enabled(site_git, "scale/core", True)
            self.assertEqual("true", value())
            self.assertEqual("All-Projects", git("--git-dir", repo, "config", "--blob",
                                                 "refs/meta/config:project.config", "access.inheritFrom").strip())
            self.assertEqual("3", git("--git-dir", repo, "rev-list", "--count", "refs/meta/config").strip())
            # The ACLs' group names survive.
            self.assertIn("groups", git("--git-dir", repo, "ls-tree", "--name-only", "refs/meta/config"))


class WrongVerdictsTest(unittest.TestCase):
    @staticmethod
    def cell(state, votes, undecided=0):
        return {"k": 1, "state": state, "project": "c", "votes": votes, "undecided": undecided}

    def test_a_right_run_has_nothing_wrong(self):
        report = {"evaluation": {"cells": [self.cell("missing", "-1"), self.cell("reverted", "-1"),
                                           self.cell("merged on the branch", "None"),
                                           self.cell("direct push", "0")]},
                  "revote": [{"n": 10, "still_blocked": 0}]}
        self.assertEqual([], scale_measure.wrong_verdicts(report))

    def test_undecided_wrong_votes_and_stale_dependents_are_named(self):
        report = {"evaluation": {"cells": [self.cell("missing", "-1", undecided=2),
                                           self.cell("reverted", "-1,None"),
                                           self.cell("merged before the cut", "-1")]},
                  "revote": [{"n": 100, "still_blocked": 3}]}
        wrong = scale_measure.wrong_verdicts(report)
        self.assertEqual(4, len(wrong))
        self.assertIn("K=1 missing on c: 2 undecided", wrong)
        self.assertIn("re-vote of 100: 3 still -1", wrong)


if __name__ == "__main__":
    unittest.main()
