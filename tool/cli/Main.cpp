#include "rules/Registry.h"
#include <cstdio>
int main() {
  for (const relcheck::Rule *R : relcheck::allRules())
    std::printf("%s\n", std::string(R->info().Id).c_str());
  return 0;
}
