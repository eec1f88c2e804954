// NOLINT on the line of a relcheck warning suppresses it (and its notes)
// exactly as for any clang-tidy check: bare, by check name, by glob; a
// NOLINT naming another check does not. Like every clang-tidy diagnostic of
// severity error, relcheck errors (configurations SQLAlchemy refuses) cannot
// be suppressed: clang-tidy's NOLINT handler ignores errors.
#include <relcheck/orm.hpp>

#include <vector>

struct Address;
struct Phone;
struct Order;
struct Tag;

struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="user") std::vector<Address*> addresses; // NOLINT(relcheck-legacy-backref)
  ORM_RELATIONSHIP("Phone", backref="user") std::vector<Phone*> phones; // NOLINT
  ORM_RELATIONSHIP("Order", backref="user") std::vector<Order*> orders; // NOLINT(relcheck-*)
  ORM_RELATIONSHIP("Tag", backref="user") std::vector<Tag*> tags; // NOLINT(relcheck-invalid-annotation)
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'User.tags' uses the legacy backref= parameter{{.*}} [relcheck-legacy-backref]
  ORM_RELATIONSHIP("Tag", bakref="x") std::vector<Tag*> more_tags; // NOLINT(relcheck-invalid-annotation)
  // CHECK-MESSAGES: :[[@LINE-1]]:27: error: relationship() got an unexpected keyword argument 'bakref'{{.*}} [relcheck-invalid-annotation]
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
struct ORM_MODEL("tag") Tag {
  // CHECK-NOTES: :[[@LINE-1]]:25: note: target class 'Tag' declared here
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
