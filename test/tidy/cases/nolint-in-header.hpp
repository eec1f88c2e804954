// Models in a header, every relcheck diagnostic here suppressed; the TU's
// test (nolint-in-header.cpp) fails on any diagnostic from this file.
#pragma once
#include <relcheck/orm.hpp>

#include <vector>

struct Address;

struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="user") std::vector<Address*> addresses; // NOLINT(relcheck-legacy-backref,relcheck-overlapping-writers)
  // NOLINTNEXTLINE(relcheck-legacy-backref,relcheck-overlapping-writers)
  ORM_RELATIONSHIP("Address", backref="owner") std::vector<Address*> owned;
};

struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
