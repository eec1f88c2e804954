#include "address.hpp"

int addressCount() { return 2; }
