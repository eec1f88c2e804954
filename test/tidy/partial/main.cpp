// Sees every model: nothing to report.
#include "address.hpp"
#include "tag.hpp"
#include "user.hpp"

int main() { return 0; }
