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

import static com.google.common.truth.Truth.assertThat;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.AUTHOR;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.BRANCH;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.STRANGER;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.change;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.index;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.merged;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.self;

import com.google.common.collect.ImmutableList;
import com.google.gerrit.extensions.client.ChangeStatus;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.resolve.References.InProject;
import com.googlesource.gerrit.plugins.backportguard.resolve.References.Named;
import com.googlesource.gerrit.plugins.backportguard.resolve.References.Settled;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which prerequisites a reference names, from what the index answered. */
class ReferencesTest {
  private static final String SELF_ID = "I" + "5e1f".repeat(10);
  private static final CheckedChange SELF = self(SELF_ID);
  private static final String I1 = "I" + "1".repeat(40);
  private static final String ABC1 = "Iabc" + "1".repeat(37);
  private static final String ABC2 = "Iabc" + "2".repeat(37);

  private static ImmutableList<Named> names(DependencyRef ref, IndexSnapshot index) {
    return References.names(ref, SELF, index);
  }

  private static ImmutableList<Named> names(DependencyRef ref, ChangeInfo... found) {
    return names(ref, index(List.of(), List.of(found)));
  }

  private static Named settled(PrerequisiteStatus s) {
    return new Settled(s);
  }

  private static Named inProject(String project, String changeId, ChangeInfo... candidates) {
    return new InProject(
        project,
        changeId,
        List.of(candidates).stream().map(Candidate::of).collect(ImmutableList.toImmutableList()));
  }

  private static DependencyRef id(String id) {
    return new DependencyRef.ChangeId(id);
  }

  private static DependencyRef prefix(String prefix) {
    return new DependencyRef.ChangeIdPrefix(prefix);
  }

  private static DependencyRef number(int n) {
    return new DependencyRef.ChangeNumber(Optional.empty(), n);
  }

  private static DependencyRef number(String project, int n) {
    return new DependencyRef.ChangeNumber(Optional.of(project), n);
  }

  // The query terms.

  @Test
  void eachReferenceAsksTheIndexForWhatItNames() {
    assertThat(References.term(id(I1))).hasValue("change:" + I1);
    assertThat(References.term(prefix("Iabc1"))).hasValue("change:Iabc1");
    assertThat(References.term(number(42))).hasValue("change:42");
    assertThat(References.term(number("lib/core", 42))).hasValue("change:\"lib/core~42\"");
    assertThat(References.term(new DependencyRef.Triplet("lib", "master", I1)))
        .hasValue("change:" + I1);
  }

  @Test
  void aProjectNameInANumberIsQuotedSoTheParserReadsItWhole() {
    assertThat(References.term(number("we\"ird\\name", 7)))
        .hasValue("change:\"we\\\"ird\\\\name~7\"");
  }

  @Test
  void aLinkToAnotherServerAsksNothingAndNamesNothing() {
    DependencyRef link = new DependencyRef.External("https://other.example.org/c/x/+/1");

    assertThat(References.term(link)).isEmpty();
    assertThat(names(link, merged(1, "lib", "master", I1))).isEmpty();
  }

  @Test
  void aFullOrAbbreviatedChangeIdTermCoversItsCopiesAndANumberDoesNot() {
    List<String> terms = List.of("change:Iabc", "change:42", "change:\"lib~7\"");

    assertThat(References.covered(terms, ABC1)).isTrue();
    assertThat(References.covered(terms, I1)).isFalse();
  }

  // Change-Ids.

  @Test
  void aChangeIdNamesItsCopiesThatCount() {
    ChangeInfo original = merged(1, "lib", "master", I1);
    ChangeInfo backport = change(5, STRANGER, "lib", BRANCH, I1, ChangeStatus.NEW);

    assertThat(names(id(I1), original, backport))
        .containsExactly(inProject("lib", I1, original, backport));
  }

  @Test
  void oneAuthorsChangeIdInTwoProjectsNamesOnePrerequisiteInEachInNameOrder() {
    ChangeInfo inZeta = merged(1, "zeta", "master", I1);
    ChangeInfo inAlpha = merged(2, "alpha", "master", I1);

    assertThat(names(id(I1), inZeta, inAlpha))
        .containsExactly(inProject("alpha", I1, inAlpha), inProject("zeta", I1, inZeta))
        .inOrder();
  }

  @Test
  void aStrangersCopyInAnotherProjectIsNoPrerequisite() {
    ChangeInfo original = merged(1, "lib", "master", I1);
    ChangeInfo squat = change(7, STRANGER, "squat", BRANCH, I1, ChangeStatus.MERGED);

    assertThat(names(id(I1), original, squat)).containsExactly(inProject("lib", I1, original));
  }

  @Test
  void aChangeIdTheIndexDoesNotKnowIsLookedForInTheChangesOwnProject() {
    assertThat(names(id(I1))).containsExactly(inProject("app", I1));
  }

  @Test
  void theChangesOwnChangeIdIsASelfReference() {
    assertThat(names(id(SELF_ID))).containsExactly(settled(PrerequisiteStatus.selfReference()));
  }

  // Abbreviations.

  @Test
  void anAbbreviationOfOneChangeIdNamesItInFull() {
    ChangeInfo c = merged(1, "lib", "master", ABC1);

    assertThat(names(prefix("Iabc"), c)).containsExactly(inProject("lib", ABC1, c));
  }

  @Test
  void anAbbreviationOfTwoEarlierChangeIdsIsAmbiguous() {
    assertThat(names(prefix("Iabc"), merged(1, "lib", "master", ABC1), merged(2, "lib", "x", ABC2)))
        .containsExactly(settled(PrerequisiteStatus.ambiguous()));
  }

  @Test
  void aStrangersLaterUploadDoesNotMakeAnAbbreviationAmbiguous() {
    ChangeInfo c = merged(1, "lib", "master", ABC1);
    ChangeInfo later = change(150, STRANGER, "lib", "master", ABC2, ChangeStatus.NEW);

    assertThat(names(prefix("Iabc"), c, later)).containsExactly(inProject("lib", ABC1, c));
  }

  @Test
  void aStrangersEarlierChangeInAnotherProjectDoesNotMakeItAmbiguous() {
    ChangeInfo c = merged(1, "lib", "master", ABC1);
    ChangeInfo elsewhere = change(2, STRANGER, "squat", "master", ABC2, ChangeStatus.NEW);

    assertThat(names(prefix("Iabc"), c, elsewhere)).containsExactly(inProject("lib", ABC1, c));
  }

  @Test
  void anAbbreviationOfTheChangesOwnChangeIdIsASelfReference() {
    // The index never lists the change under check among the candidates.
    assertThat(names(prefix("I5e1f5e1f")))
        .containsExactly(settled(PrerequisiteStatus.selfReference()));
  }

  @Test
  void anAbbreviationNoChangeHasIsLookedForAsItIsInTheChangesOwnProject() {
    assertThat(names(prefix("Ideadbeef"))).containsExactly(inProject("app", "Ideadbeef"));
  }

  // Numbers.

  @Test
  void aNumberNamesThatChangeFirstThenTheCopiesThatCountInItsProject() {
    ChangeInfo named = merged(5, "lib", "master", I1);
    ChangeInfo original = merged(1, "lib", "master", I1);
    ChangeInfo inOther = merged(9, "other", "master", I1);
    IndexSnapshot index = index(List.of(named), List.of(original, named, inOther));

    assertThat(names(number(5), index)).containsExactly(inProject("lib", I1, named, original));
    assertThat(names(number("lib", 5), index))
        .containsExactly(inProject("lib", I1, named, original));
  }

  @Test
  void aStrangersChangeNamedByNumberIsACandidateAllTheSame() {
    ChangeInfo original = merged(1, "lib", "master", I1);
    ChangeInfo sandbox = change(7, STRANGER, "lib", "sandbox", I1, ChangeStatus.MERGED);
    IndexSnapshot index = index(List.of(sandbox), List.of(original, sandbox));

    assertThat(names(number(7), index)).containsExactly(inProject("lib", I1, sandbox, original));
  }

  @Test
  void aNumberTheIndexDidNotNameIsNotFound() {
    // Unknown, private or hidden: the snapshot holds describable changes only.
    ChangeInfo other = merged(5, "lib", "master", I1);

    assertThat(names(number(6), index(List.of(other), List.of(other))))
        .containsExactly(settled(PrerequisiteStatus.notFound()));
  }

  @Test
  void aNumberInAnotherProjectThanTheOneNamedIsNotFound() {
    ChangeInfo c = merged(5, "lib", "master", I1);

    assertThat(names(number("other", 5), index(List.of(c), List.of(c))))
        .containsExactly(settled(PrerequisiteStatus.notFound()));
  }

  @Test
  void theChangesOwnNumberIsASelfReferenceWithOrWithoutItsProject() {
    assertThat(names(number(100))).containsExactly(settled(PrerequisiteStatus.selfReference()));
    assertThat(names(number("app", 100)))
        .containsExactly(settled(PrerequisiteStatus.selfReference()));
    assertThat(names(number("lib", 100))).containsExactly(settled(PrerequisiteStatus.notFound()));
  }

  // Triplets and links.

  @Test
  void aTripletNamesItsProjectEvenWithoutChangesThere() {
    ChangeInfo original = merged(1, "lib", "master", I1);
    DependencyRef triplet = new DependencyRef.Triplet("lib", "master", I1);

    assertThat(names(triplet, original)).containsExactly(inProject("lib", I1, original));
    assertThat(names(new DependencyRef.Triplet("tools", "master", I1), original))
        .containsExactly(inProject("tools", I1));
  }

  @Test
  void aTripletOfTheChangeItselfIsASelfReferenceButNotInAnotherProject() {
    assertThat(names(new DependencyRef.Triplet("app", "master", SELF_ID)))
        .containsExactly(settled(PrerequisiteStatus.selfReference()));
    assertThat(names(new DependencyRef.Triplet("lib", "master", SELF_ID)))
        .containsExactly(inProject("lib", SELF_ID));
  }

  @Test
  void theAuthorIsTheOwnerOfTheEarliestCopy() {
    // The author's own copy elsewhere counts; a stranger's on another branch does not.
    ChangeInfo original = change(1, AUTHOR, "lib", "master", I1, ChangeStatus.MERGED);
    ChangeInfo authorsSandbox = change(2, AUTHOR, "lib", "sandbox", I1, ChangeStatus.NEW);
    ChangeInfo strangersSandbox = change(3, STRANGER, "lib", "sandbox2", I1, ChangeStatus.MERGED);

    assertThat(names(id(I1), original, authorsSandbox, strangersSandbox))
        .containsExactly(inProject("lib", I1, original, authorsSandbox));
  }
}
