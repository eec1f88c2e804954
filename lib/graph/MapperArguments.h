//===- MapperArguments.h - ORM_MODEL's __mapper_args__ ----------*- C++ -*-===//
//
// ORM_MODEL("manager", __mapper_args__={"inherit_condition": id ==
// Employee.id, "polymorphic_identity": "manager"}) is the declarative class
// attribute __mapper_args__: keyword arguments of Mapper.__init__. Those
// that decide how the mapping (and so its relationships) configures are
// interpreted: inherit_condition (the join to a joined-inheritance base,
// needed when the tables have several foreign keys between them),
// polymorphic_on and polymorphic_identity.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "annotations/PyExpr.h"

#include <string>
#include <vector>

namespace relcheck {

struct MapperArgsSpelling {
  struct Entry {
    std::string Key;
    const PyExpr *KeyNode = nullptr;
    const PyExpr *Value = nullptr;
  };
  /// Every string-keyed entry, in order.
  std::vector<Entry> Entries;
  const PyExpr *InheritCondition = nullptr;
  const PyExpr *PolymorphicOn = nullptr;
  const PyExpr *PolymorphicIdentity = nullptr;
};

/// The entries of a __mapper_args__ dict (empty for anything else).
MapperArgsSpelling interpretMapperArgs(const PyExpr &Value);

/// Mapper.__init__'s keyword parameters in SQLAlchemy 1.4.46.
const std::vector<std::string> &mapperKeywords();

} // namespace relcheck
