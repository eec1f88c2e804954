// Cross-TU fixture: User and Address live in headers that no translation
// unit includes together (user.cpp sees only User, address.cpp only
// Address). The back_populates mismatch below needs both classes: relcheck
// finds it because the graph is merged from every TU's facts.
#pragma once
#include <relcheck/orm.hpp>

#include <vector>

struct Address;

struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates="owner") std::vector<Address*> addresses;
  // EXPECT: :[[@LINE-1]]:46: error: back_populates of 'User.addresses' names 'Address.owner', but 'Address' maps no attribute 'owner'
};
