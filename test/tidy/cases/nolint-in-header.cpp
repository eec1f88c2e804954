// NOLINT comments in a header suppress the relcheck diagnostics reported
// there (with --header-filter='.*'); the main file's own one stays.
#include "nolint-in-header.hpp"

struct Phone;

struct ORM_MODEL("account") Account {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Phone", backref="account") std::vector<Phone*> phones;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'Account.phones' uses the legacy backref= parameter{{.*}} [relcheck-legacy-backref]
};

struct ORM_MODEL("phone") Phone {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("account.id")) int account_id;
};
