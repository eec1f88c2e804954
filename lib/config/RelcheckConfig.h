//===- RelcheckConfig.h - .relcheck.yaml contents ---------------*- C++ -*-===//
//
// One configuration file as read (RelcheckConfig), and the configuration in
// effect for a file once files, inheritance and the command line are merged
// (EffectiveConfig). See docs/config.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Finding.h"
#include "findings/RuleInfo.h"

#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace relcheck {

/// The file name looked up from each analyzed file's directory upward.
inline constexpr const char *ConfigFileName = ".relcheck.yaml";

/// Which findings make the exit status 1.
enum class FailOn { Warning, Error };

/// One file's `CompileFlags` (clangd's): Remove applies before Add.
struct CompileFlagEdits {
  std::vector<std::string> Add;
  std::vector<std::string> Remove;
  bool empty() const { return Add.empty() && Remove.empty(); }
};

/// One .relcheck.yaml; unset keys are nullopt / empty.
struct RelcheckConfig {
  std::string Path; ///< The file it was read from.
  std::optional<std::string> Rules;
  /// (rule-id glob, severity) in file order; the last matching glob wins.
  std::vector<std::pair<std::string, Severity>> SeverityOverrides;
  std::optional<FailOn> FailOnLevel;
  std::map<std::string, std::string> CheckOptions;
  std::optional<std::string> HeaderFilterRegex;
  bool InheritParentConfig = false;
  CompileFlagEdits CompileFlags;
};

/// The keys a configuration may hold, sorted (for the unknown-key error).
const std::vector<std::string> &knownConfigKeys();

/// Parses Text (the contents of Path) strictly: YAML syntax errors, unknown
/// keys, values of the wrong kind and names of rules or options that do not
/// exist are errors "Path:LINE:COL: message".
llvm::Expected<RelcheckConfig>
parseConfig(const std::string &Path, const std::string &Text,
            const std::vector<const RuleInfo *> &AllRules);

/// Reads and parses the file Path.
llvm::Expected<RelcheckConfig>
readConfigFile(const std::string &Path,
               const std::vector<const RuleInfo *> &AllRules);

/// Command-line settings, which override every configuration file.
struct ConfigOverrides {
  std::string Rules; ///< --rules, appended to the files' Rules.
  std::optional<FailOn> FailOnLevel;
  std::optional<std::string> HeaderFilterRegex;
};

/// The configuration in effect for a file.
struct EffectiveConfig {
  /// The files it was merged from, outermost first; empty = defaults only.
  std::vector<std::string> Sources;
  std::string Rules; ///< Combined globs ("" = every rule).
  std::vector<std::pair<std::string, Severity>> SeverityOverrides;
  FailOn FailOnLevel = FailOn::Warning;
  /// Every option of every rule (defaults filled in), by full name.
  std::map<std::string, std::string> CheckOptions;
  std::string HeaderFilterRegex = ".*";
  /// Each file's CompileFlags, outermost first: applied in that order, as
  /// clangd applies its fragments.
  std::vector<CompileFlagEdits> CompileFlags;

  std::vector<std::string> EnabledRules; ///< Ids, sorted; may be empty.
  /// Where Rules came from, for messages: "--rules" or "Rules of <file>".
  std::string RulesOrigin;
  bool enables(const std::string &RuleId) const;
  /// The severity a finding of RuleId gets (Default when no override).
  Severity severityFor(const std::string &RuleId, Severity Default) const;
  RuleOptions ruleOptions() const;
};

/// Merges Chain (outermost first; each file's settings override the
/// previous ones, Rules are concatenated) and then Overrides, and selects
/// the rules. Fails on a rule glob that names no rule (a typo).
llvm::Expected<EffectiveConfig>
mergeConfigs(const std::vector<const RelcheckConfig *> &Chain,
             const ConfigOverrides &Overrides,
             const std::vector<const RuleInfo *> &AllRules);

/// The configuration as YAML that parseConfig accepts and that means the
/// same (every key spelt out, defaults included).
std::string dumpConfig(const EffectiveConfig &Config);

} // namespace relcheck
