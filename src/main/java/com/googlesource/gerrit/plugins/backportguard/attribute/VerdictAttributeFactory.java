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

package com.googlesource.gerrit.plugins.backportguard.attribute;

import com.google.gerrit.entities.Change;
import com.google.gerrit.extensions.common.PluginDefinedInfo;
import com.google.gerrit.server.DynamicOptions.BeanProvider;
import com.google.gerrit.server.change.ChangePluginDefinedInfoFactory;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.store.Outcomes;
import com.googlesource.gerrit.plugins.backportguard.store.StoredVerdict;
import com.googlesource.gerrit.plugins.backportguard.store.VerdictStore;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds the plugin's last decision to each change Gerrit lists. Reads the verdict store only: no
 * index query and no git walk per listed change, so a dashboard of a thousand changes costs a
 * thousand cache lookups. Whether the stored patch set is still current is read from the change
 * Gerrit already loaded for the listing.
 */
public class VerdictAttributeFactory implements ChangePluginDefinedInfoFactory {
  private final VerdictStore store;

  @Inject
  VerdictAttributeFactory(VerdictStore store) {
    this.store = store;
  }

  @Override
  public Map<Change.Id, PluginDefinedInfo> createPluginDefinedInfos(
      Collection<ChangeData> cds, BeanProvider beanProvider, String plugin) {
    Map<Change.Id, StoredVerdict> stored =
        store.getAll(cds.stream().map(ChangeData::getId).toList());
    Map<Change.Id, PluginDefinedInfo> out = new HashMap<>();
    for (ChangeData cd : cds) {
      out.put(cd.getId(), attribute(stored.get(cd.getId()), cd, plugin));
    }
    return out;
  }

  private static VerdictAttribute attribute(StoredVerdict v, ChangeData cd, String plugin) {
    VerdictAttribute a = new VerdictAttribute();
    a.name = plugin;
    if (v == null) {
      a.outcome = Outcomes.UNKNOWN;
      return a;
    }
    a.outcome = v.outcome();
    a.vote = v.vote();
    a.missing = v.missing();
    a.patchSet = v.patchSet();
    a.current = cd.change().currentPatchSetId().get() == v.patchSet();
    a.checked = v.decidedAt().truncatedTo(ChronoUnit.SECONDS).toString();
    return a;
  }
}
