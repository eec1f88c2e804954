#include "user.hpp"

int userCount() { return 1; }
