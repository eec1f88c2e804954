// NOLINTNEXTLINE suppresses relcheck diagnostics on the next line only.
#include <relcheck/orm.hpp>

#include <vector>

struct Address;
struct Phone;

struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  // NOLINTNEXTLINE(relcheck-legacy-backref)
  ORM_RELATIONSHIP("Address", backref="user") std::vector<Address*> addresses;
  // NOLINTNEXTLINE(relcheck-legacy-backref)

  ORM_RELATIONSHIP("Phone", backref="user") std::vector<Phone*> phones;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'User.phones' uses the legacy backref= parameter{{.*}} [relcheck-legacy-backref]
};

struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
struct ORM_MODEL("phone") Phone {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
