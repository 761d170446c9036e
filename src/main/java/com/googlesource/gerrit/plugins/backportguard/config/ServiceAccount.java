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

package com.googlesource.gerrit.plugins.backportguard.config;

import com.google.gerrit.entities.Account;
import com.google.gerrit.server.account.AccountCache;
import com.google.gerrit.server.account.AccountState;
import com.google.inject.Inject;
import java.util.Optional;

/** The account named by {@code plugin.backport-guard.account}, as the plugin acts with it. */
public class ServiceAccount {
  private final ServerSettings settings;
  private final AccountCache accountCache;

  @Inject
  ServiceAccount(ServerSettings settings, AccountCache accountCache) {
    this.settings = settings;
    this.accountCache = accountCache;
  }

  /** The service account, if it is configured and names an active account. */
  public Optional<Account.Id> id() {
    return settings
        .account()
        .flatMap(accountCache::getByUsername)
        .map(AccountState::account)
        .filter(Account::isActive)
        .map(Account::id);
  }
}
