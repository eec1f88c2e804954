//===- PairingDiagnostics.cpp - SQLAlchemy's pairing refusals, as text ----===//
#include "rules/PairingDiagnostics.h"
#include "graph/Vocabulary.h"

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

std::string e8Reason() {
  return "sync_backref and viewonly cannot both be True";
}

std::string e9Reason(const Relationship &SyncSide,
                     const Relationship &ViewOnlySide) {
  return "Relationship " + sqlaName(SyncSide) +
         " cannot specify sync_backref=True since " + sqlaName(ViewOnlySide) +
         " includes viewonly=True";
}

std::optional<std::string>
clearlyIntendedName(std::string_view Written,
                    const std::vector<std::string> &Candidates) {
  std::optional<std::string> Best;
  size_t BestDistance = 0;
  bool Tie = false;
  for (const std::string &C : Candidates) {
    if (C == Written)
      continue;
    size_t Dist = typoDistance(Written, C, /*IgnoreCase=*/true);
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
