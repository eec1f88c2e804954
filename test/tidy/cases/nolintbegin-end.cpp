// NOLINTBEGIN/NOLINTEND suppress relcheck warnings in the region, for the
// checks they name. Errors stay (clang-tidy never suppresses errors).
#include <relcheck/orm.hpp>

#include <vector>

struct Address;
struct Phone;
struct Order;

struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  // NOLINTBEGIN(relcheck-legacy-backref, relcheck-invalid-annotation)
  ORM_RELATIONSHIP("Address", backref="user") std::vector<Address*> addresses;
  ORM_RELATIONSHIP("Phone", backref="user") std::vector<Phone*> phones;
  ORM_RELATIONSHIP("Phone", bakref="x") std::vector<Phone*> more_phones;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: error: relationship() got an unexpected keyword argument 'bakref'{{.*}} [relcheck-invalid-annotation]
  // NOLINTEND(relcheck-legacy-backref, relcheck-invalid-annotation)
  ORM_RELATIONSHIP("Order", backref="user") std::vector<Order*> orders;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'User.orders' uses the legacy backref= parameter{{.*}} [relcheck-legacy-backref]
  // NOLINTBEGIN(relcheck-legacy-backref)
  ORM_RELATIONSHIP("Order", backref="customer", viewonly=True) std::vector<Order*> orders_view;
  ORM_RELATIONSHIP("Order", bakref="y") std::vector<Order*> more_orders;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: error: relationship() got an unexpected keyword argument 'bakref'{{.*}} [relcheck-invalid-annotation]
  // NOLINTEND(relcheck-legacy-backref)
};

struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
struct ORM_MODEL("phone") Phone {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
struct ORM_MODEL("orders") Order {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
