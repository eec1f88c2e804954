//===- ConfigYamlTest.cpp - parseConfig on texts that recurse deeply -----===//
//
// llvm::yaml's parser recurses once per flow entry and per nesting level;
// these run in the ASan build too (the asan preset), whose frames are larger.
//
//===----------------------------------------------------------------------===//
#include "config/RelcheckConfig.h"
#include "rules/Registry.h"

#include "llvm/Support/Error.h"

#include <gtest/gtest.h>

using namespace relcheck;

namespace {

std::string parseError(const std::string &Text) {
  llvm::Expected<RelcheckConfig> Config =
      parseConfig("dir/.relcheck.yaml", Text, ruleInfos(allRules()));
  if (Config)
    return "";
  return llvm::toString(Config.takeError());
}

constexpr size_t Limit = size_t(64) * 1024;

} // namespace

TEST(ConfigYamlTest, FuzzerInputThatOverflowedTheStack) {
  // fuzz_config_yaml's input, byte for byte: SIGSEGV in
  // llvm::yaml::SequenceNode::increment before the parse had its own stack.
  std::string Text = "[\ne#" + std::string(17450, ',') + "\x19(,`,-{";
  EXPECT_EQ(parseError(Text).rfind("dir/.relcheck.yaml:2:", 0), 0u);
}

TEST(ConfigYamlTest, DeepestShapesAtTheLimitAreErrorsNotCrashes) {
  const std::string Shapes[] = {
      "Rules: [" + std::string(Limit - 9, ',') + "]",
      "Rules: " + std::string(Limit / 2 - 4, '[') +
          std::string(Limit / 2 - 4, ']'),
  };
  for (const std::string &Text : Shapes) {
    ASSERT_LE(Text.size(), Limit);
    EXPECT_EQ(parseError(Text),
              "dir/.relcheck.yaml:1:9: Rules must be a string");
  }
}

TEST(ConfigYamlTest, TextOverTheLimitIsRefusedUnparsed) {
  std::string Text = "Rules: '*'\n#" + std::string(Limit - 12, 'x');
  ASSERT_EQ(Text.size(), Limit);
  EXPECT_EQ(parseError(Text), "");
  EXPECT_EQ(parseError(Text + "x"), "cannot read configuration "
                                    "'dir/.relcheck.yaml': larger than 64 KiB");
}
