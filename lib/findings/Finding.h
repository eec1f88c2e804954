//===- Finding.h - what a rule reports --------------------------*- C++ -*-===//
#pragma once

#include "facts/SourceSpan.h"

#include <memory>
#include <string>
#include <vector>

namespace relcheck {

enum class Severity { Note, Warning, Error };

/// "note", "warning", "error".
const char *severityName(Severity S);

/// A textual edit: replace [Offset, Offset+Length) of File with Text.
struct Replacement {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
};

/// One coherent set of edits that resolves a finding, possibly across files.
struct Fix {
  std::string Description;
  std::vector<Replacement> Replacements;
  /// The fix changes what SQLAlchemy does on purpose (the one-way form of a
  /// filtered collection, a back_populates added to a one-sided partner);
  /// `--fix-exact-only` leaves it out.
  bool ChangesBehaviour = false;
  /// Another finding's fix may rewrite the same code (the exact rewrite of
  /// a backref that relcheck-one-way-filtered-collection rewrites one-way):
  /// when that fix is applied and overlaps this one, this one is dropped
  /// without a word, for that fix resolves its finding too.
  bool YieldsOnOverlap = false;
};

/// Extra location attached to a finding ("'Address.user' declared here").
struct FindingNote {
  SourceSpan Range;
  std::string Message;
};

struct Finding {
  std::string RuleId; ///< "relcheck-legacy-backref".
  Severity Sev = Severity::Warning;
  /// clang-tidy style: lowercase start, no final period, identifiers quoted
  /// as 'User.addresses'.
  std::string Message;
  SourceSpan Range;      ///< Primary location (Line/Column are reported).
  std::string Model;     ///< Qualified model name: "User", "shop::User".
  std::string Attribute; ///< "addresses"; "" when the finding is not about
                         ///< one attribute.
  /// The SQLAlchemy behaviour the finding rests on, by its id in the
  /// semantics notes: "E5" (refused at configure time), "J1" (join cannot be
  /// determined), "S9" (accepted but silently broken), "" for findings that
  /// are not about a refusal or breakage (e.g. legacy style). The agreement
  /// test checks E*/J* against real refusals and S* against acceptance.
  std::string CaseId;
  std::vector<FindingNote> Notes;
  std::vector<Fix> Fixes; ///< Empty when no fix is offered.
  /// Normalized text of the annotation the finding is about (see
  /// findings/FindingKey.h); part of its fingerprint, which must not depend
  /// on line numbers or formatting. Set by attachAnnotationKeys(). Shared
  /// by the findings of one annotation: memory stays linear in the input
  /// when one large annotation has thousands of findings.
  std::shared_ptr<const std::string> AnnotationKey;
};

/// Sorts findings deterministically: file, offset, rule, message.
void sortFindings(std::vector<Finding> &Findings);

/// Drops each first fix that yields (Fix::YieldsOnOverlap) to another
/// finding's first fix editing the same bytes, with its alternatives moving
/// up: what every front end then shows and applies is one consistent set,
/// as clang-tidy's own conflict resolution leaves it. Run after the
/// findings are selected (rules, NOLINT, header filter): a fix yields only
/// to one that is shown.
void dropYieldingFixes(std::vector<Finding> &Findings);

/// Which findings' first fixes yield to another's (see dropYieldingFixes),
/// by index: the fix planner skips them.
std::vector<bool> yieldingFixesSuperseded(const std::vector<Finding> &Findings);

/// Drops every fix that changes behaviour on purpose (Fix::ChangesBehaviour),
/// its alternatives moving up: what `--fix-exact-only` offers.
void dropBehaviourChangingFixes(std::vector<Finding> &Findings);

} // namespace relcheck
