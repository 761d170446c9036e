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
"""The Python half of scripts/dev-gerrit, shared with scripts/benchmark and scripts/crash-test.

Standard library only. scripts/dev-gerrit (bash) finds Java, builds the plugin
and starts or stops the daemon; everything that talks to the running Gerrit or
writes its configuration lives here:

  site.py       where the dev site is and where its Gerrit listens; step markers
  gerrit.py     an authenticated REST client for that Gerrit
  git.py        git run without the user's global or system configuration
  provision.py  gerrit.config, the service account, the Verified label and its permission
  demo.py       the demo project, its backport, and what the plugin said on it
  __main__.py   the commands scripts/dev-gerrit calls (python3 -m devgerrit ...)
"""
