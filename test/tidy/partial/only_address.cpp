// Sees Address only: the table 'user' and the class 'User' are elsewhere.
#include "address.hpp"

int addressOwner(const Address &A) { return A.user_id; }
