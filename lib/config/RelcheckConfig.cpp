//===- RelcheckConfig.cpp - merging and dumping configurations ------------===//
#include "config/RelcheckConfig.h"
#include "config/RuleSelection.h"

#include "llvm/Support/Regex.h"

#include <algorithm>
#include <cctype>

namespace relcheck {
namespace {

/// YAML single-quoted scalar: the only escape is '' for '.
std::string quoted(const std::string &S) {
  std::string Out = "'";
  for (char C : S) {
    if (C == '\'')
      Out += '\'';
    Out += C;
  }
  return Out + "'";
}

/// A key printed plainly when it cannot be misread (rule ids, option names).
std::string key(const std::string &S) {
  bool Plain = !S.empty() && S.front() != '-';
  for (char C : S)
    Plain &= std::isalnum(static_cast<unsigned char>(C)) || C == '-' ||
             C == '_' || C == '.';
  return Plain ? S : quoted(S);
}

std::string flowList(const std::vector<std::string> &Items) {
  std::string Out = "[";
  for (const std::string &I : Items)
    Out += (Out.size() > 1 ? ", " : "") + quoted(I);
  return Out + "]";
}

/// The chain's edits folded into one file's (every Remove, then every Add):
/// the same edits unless an inner file removes what an outer one adds.
std::string dumpCompileFlags(const std::vector<CompileFlagEdits> &Chain) {
  if (Chain.empty())
    return "";
  CompileFlagEdits All;
  for (const CompileFlagEdits &E : Chain) {
    All.Remove.insert(All.Remove.end(), E.Remove.begin(), E.Remove.end());
    All.Add.insert(All.Add.end(), E.Add.begin(), E.Add.end());
  }
  return "CompileFlags:\n  Add: " + flowList(All.Add) +
         "\n  Remove: " + flowList(All.Remove) + "\n";
}

} // namespace

bool EffectiveConfig::enables(const std::string &RuleId) const {
  return std::binary_search(EnabledRules.begin(), EnabledRules.end(), RuleId);
}

Severity EffectiveConfig::severityFor(const std::string &RuleId,
                                      Severity Default) const {
  for (auto It = SeverityOverrides.rbegin(); It != SeverityOverrides.rend();
       ++It)
    if (globMatches(It->first, RuleId))
      return It->second;
  return Default;
}

RuleOptions EffectiveConfig::ruleOptions() const {
  RuleOptions Options;
  for (const auto &[Name, Value] : CheckOptions)
    Options.set(Name, Value);
  return Options;
}

llvm::Expected<EffectiveConfig>
mergeConfigs(const std::vector<const RelcheckConfig *> &Chain,
             const ConfigOverrides &Overrides,
             const std::vector<const RuleInfo *> &AllRules) {
  EffectiveConfig E;
  for (const RuleInfo *R : AllRules)
    for (const RuleOptionInfo &O : R->Options)
      E.CheckOptions[std::string(R->Id) + "." + std::string(O.Name)] =
          std::string(O.Default);
  auto AddRules = [&E](const std::string &Globs) {
    if (Globs.empty())
      return;
    E.Rules += (E.Rules.empty() ? "" : ",") + Globs;
  };
  for (const RelcheckConfig *C : Chain) {
    E.Sources.push_back(C->Path);
    if (C->Rules)
      AddRules(*C->Rules);
    for (const auto &Override : C->SeverityOverrides) {
      // A later setting of the same glob replaces the earlier one (and
      // moves to the end, where it wins over the globs before it).
      E.SeverityOverrides.erase(
          std::remove_if(
              E.SeverityOverrides.begin(), E.SeverityOverrides.end(),
              [&](const auto &P) { return P.first == Override.first; }),
          E.SeverityOverrides.end());
      E.SeverityOverrides.push_back(Override);
    }
    if (C->FailOnLevel)
      E.FailOnLevel = *C->FailOnLevel;
    for (const auto &[Name, Value] : C->CheckOptions)
      E.CheckOptions[Name] = Value;
    if (C->HeaderFilterRegex)
      E.HeaderFilterRegex = *C->HeaderFilterRegex;
    if (!C->CompileFlags.empty())
      E.CompileFlags.push_back(C->CompileFlags);
  }
  AddRules(Overrides.Rules);
  if (Overrides.FailOnLevel)
    E.FailOnLevel = *Overrides.FailOnLevel;
  if (Overrides.HeaderFilterRegex)
    E.HeaderFilterRegex = *Overrides.HeaderFilterRegex;

  std::string Why;
  if (!llvm::Regex(E.HeaderFilterRegex).isValid(Why))
    return llvm::createStringError("--header-filter: invalid regular "
                                   "expression '%s': %s",
                                   E.HeaderFilterRegex.c_str(), Why.c_str());
  E.RulesOrigin = !Overrides.Rules.empty() || Chain.empty()
                      ? "--rules"
                      : "Rules of " + Chain.back()->Path;
  std::string Unknown = unknownRuleGlob(E.Rules, AllRules);
  if (!Unknown.empty())
    return llvm::createStringError("%s: unknown rule '%s' (see --list-rules)",
                                   E.RulesOrigin.c_str(), Unknown.c_str());
  // No rule at all is fine for a directory ("Rules: '-*'" silences vendored
  // code); the caller refuses it for the run as a whole.
  GlobList List("*," + E.Rules);
  for (const RuleInfo *R : AllRules)
    if (List.contains(R->Id))
      E.EnabledRules.emplace_back(R->Id);
  std::sort(E.EnabledRules.begin(), E.EnabledRules.end());
  return E;
}

std::string dumpConfig(const EffectiveConfig &Config) {
  std::string Out = "---\n";
  Out += "Rules: " + quoted(Config.Rules.empty() ? "*" : Config.Rules) + "\n";
  Out += "Severity:";
  if (Config.SeverityOverrides.empty())
    Out += " {}";
  Out += "\n";
  for (const auto &[Glob, Sev] : Config.SeverityOverrides)
    Out += "  " + key(Glob) + ": " + severityName(Sev) + "\n";
  Out += std::string("FailOn: ") +
         (Config.FailOnLevel == FailOn::Error ? "error" : "warning") + "\n";
  Out += "HeaderFilterRegex: " + quoted(Config.HeaderFilterRegex) + "\n";
  Out += "CheckOptions:";
  if (Config.CheckOptions.empty())
    Out += " {}";
  Out += "\n";
  for (const auto &[Name, Value] : Config.CheckOptions)
    Out += "  " + key(Name) + ": " + quoted(Value) + "\n";
  Out += dumpCompileFlags(Config.CompileFlags);
  return Out + "...\n";
}

} // namespace relcheck
