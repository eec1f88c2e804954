//===- ConfigLookup.h - the .relcheck.yaml that applies to a file -*- C++
//-*-===//
#pragma once

#include "config/RelcheckConfig.h"

#include <map>
#include <memory>
#include <string>

namespace relcheck {

/// Finds the configuration in effect for each file, like clang-tidy finds
/// .clang-tidy: the nearest .relcheck.yaml in the file's directory or a
/// parent, merged with its parents' when it says InheritParentConfig: true,
/// then with the command-line overrides. With a forced file
/// (--config-file) that file applies everywhere and nothing is looked up.
/// Results are cached per directory.
class ConfigResolver {
public:
  ConfigResolver(std::vector<const RuleInfo *> AllRules,
                 ConfigOverrides Overrides, std::string ForcedFile = "");

  /// The configuration for File (a file, or a directory with IsDirectory);
  /// an error names the broken configuration file and position.
  llvm::Expected<const EffectiveConfig &> forFile(const std::string &File,
                                                  bool IsDirectory = false);

private:
  /// The nearest configuration at or above Dir (inheritance resolved), as a
  /// chain outermost first; empty when there is none.
  llvm::Expected<std::vector<const RelcheckConfig *>>
  chainFor(const std::string &Dir);
  llvm::Expected<const RelcheckConfig *> load(const std::string &Path);

  std::vector<const RuleInfo *> AllRules;
  ConfigOverrides Overrides;
  std::string ForcedFile;
  std::map<std::string, std::unique_ptr<RelcheckConfig>> Files;
  std::map<std::string, std::vector<const RelcheckConfig *>> Chains;
  std::map<std::string, std::unique_ptr<EffectiveConfig>> Effective;
};

} // namespace relcheck
