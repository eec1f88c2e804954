//===- ConfigYamlFuzzer.cpp - libFuzzer: the .relcheck.yaml reader --------===//
#include "config/RelcheckConfig.h"
#include "rules/Registry.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  llvm::Expected<relcheck::RelcheckConfig> Config = relcheck::parseConfig(
      "fuzz/.relcheck.yaml", Text, relcheck::ruleInfos(relcheck::allRules()));
  if (!Config)
    llvm::consumeError(Config.takeError());
  return 0;
}
