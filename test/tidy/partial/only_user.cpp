// Sees User only: 'Address', 'Tag' and the table 'user_tag' are defined in
// headers this TU does not include. Nothing here is wrong.
#include "user.hpp"

int countAddresses(const User &U) { return static_cast<int>(U.addresses.size()); }
