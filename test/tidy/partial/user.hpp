// A valid project split over headers (the CLI, which sees every TU, reports
// nothing). Each of only_user.cpp and only_address.cpp sees part of it.
#pragma once
#include <relcheck/orm.hpp>

#include <vector>

struct Address;
struct Tag;

struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates="user") std::vector<Address*> addresses;
  ORM_RELATIONSHIP("Tag", secondary="user_tag", back_populates="users") std::vector<Tag*> tags;
};
