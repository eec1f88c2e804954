// Cross-TU fixture, the other half: see user.hpp.
#pragma once
#include <relcheck/orm.hpp>

struct User;

struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", back_populates="addresses") User* user;
};
