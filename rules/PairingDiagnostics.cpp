//===- PairingDiagnostics.cpp - SQLAlchemy's pairing refusals, as text ----===//
#include "rules/PairingDiagnostics.h"

#include <algorithm>
#include <cctype>

namespace relcheck {
namespace pairing {

std::string mapperText(const Model &M) {
  return "mapped class " + M.Name + "->" + M.TableName;
}

std::string sqlaName(const Relationship &R) {
  return (R.Owner ? R.Owner->Name : std::string("?")) + "." + R.Attribute;
}

std::string e1Reason() {
  return "backref and back_populates keyword arguments are mutually "
         "exclusive";
}

std::string e2Reason(const Model &Target, std::string_view Key) {
  return "Mapper '" + mapperText(Target) + "' has no property '" +
         std::string(Key) + "'";
}

std::string e3Reason(const Relationship &R, std::string_view AttributeText) {
  return "back_populates on relationship '" + sqlaName(R) +
         "' refers to attribute '" + std::string(AttributeText) +
         "' that is not a relationship.  The back_populates parameter should "
         "refer to the name of a relationship on the target class";
}

std::string e4Reason(const Relationship &R, const Relationship &Partner) {
  return "reverse_property '" + R.BackPopulates + "' on relationship " +
         sqlaName(R) + " references relationship " + sqlaName(Partner) +
         ", which does not reference mapper " +
         (R.Owner ? mapperText(*R.Owner) : std::string("?"));
}

std::string e5Reason(const Relationship &First, const Relationship &Second) {
  return sqlaName(First) + " and back-reference " + sqlaName(Second) +
         " are both of the same direction symbol('" +
         directionSymbol(Second.Dir) +
         "').  Did you mean to set remote_side on the many-to-one side ?";
}

std::string e6Reason(std::string_view Name, const Relationship &R,
                     const Model &Mapper) {
  return "Error creating backref '" + std::string(Name) +
         "' on relationship '" + sqlaName(R) +
         "': property of that name exists on mapper '" + mapperText(Mapper) +
         "'";
}

std::string e7Reason() {
  return "Can't assign 'secondaryjoin' on a backref against a non-secondary "
         "relationship";
}

std::string e8Reason() { return "sync_backref and viewonly cannot both be True"; }

std::string e9Reason(const Relationship &SyncSide,
                     const Relationship &ViewOnlySide) {
  return "Relationship " + sqlaName(SyncSide) +
         " cannot specify sync_backref=True since " + sqlaName(ViewOnlySide) +
         " includes viewonly=True";
}

namespace {

/// Optimal string alignment distance, case-insensitive: a swapped pair of
/// letters ("adress" / "adderss") is one typo, as a user counts it.
size_t editDistance(std::string_view A, std::string_view B) {
  auto Lower = [](char C) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  };
  std::vector<std::vector<size_t>> D(A.size() + 1,
                                     std::vector<size_t>(B.size() + 1));
  for (size_t I = 0; I <= A.size(); ++I)
    D[I][0] = I;
  for (size_t J = 0; J <= B.size(); ++J)
    D[0][J] = J;
  for (size_t I = 1; I <= A.size(); ++I)
    for (size_t J = 1; J <= B.size(); ++J) {
      size_t Cost = Lower(A[I - 1]) == Lower(B[J - 1]) ? 0 : 1;
      D[I][J] = std::min({D[I - 1][J] + 1, D[I][J - 1] + 1,
                          D[I - 1][J - 1] + Cost});
      if (I > 1 && J > 1 && Lower(A[I - 1]) == Lower(B[J - 2]) &&
          Lower(A[I - 2]) == Lower(B[J - 1]))
        D[I][J] = std::min(D[I][J], D[I - 2][J - 2] + 1);
    }
  return D[A.size()][B.size()];
}

} // namespace

std::optional<std::string>
clearlyIntendedName(std::string_view Written,
                    const std::vector<std::string> &Candidates) {
  std::optional<std::string> Best;
  size_t BestDistance = 0;
  bool Tie = false;
  for (const std::string &C : Candidates) {
    if (C == Written)
      continue;
    size_t Dist = editDistance(Written, C);
    size_t Shorter = std::min(Written.size(), C.size());
    size_t Allowed = std::max<size_t>(1, (Written.size() + 2) / 3);
    // A distance as large as the shorter name replaces it entirely ("a"
    // vs "b"): that is a different name, not a typo.
    if (Dist > Allowed || Dist >= Shorter)
      continue;
    if (!Best || Dist < BestDistance) {
      Best = C;
      BestDistance = Dist;
      Tie = false;
    } else if (Dist == BestDistance && C != *Best) {
      Tie = true;
    }
  }
  if (Tie)
    return std::nullopt;
  return Best;
}

} // namespace pairing
} // namespace relcheck
