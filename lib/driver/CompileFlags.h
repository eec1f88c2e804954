//===- CompileFlags.h - edits to compile commands, as clangd makes them -*- C++
//-*-===//
//
// A compile database is written for the project's compiler, which need not
// be clang: g++ flags clang does not know make every TU fail with "unknown
// argument". clangd's answer is the model: arguments the driver's option
// table does not know are dropped (noted once each), and the user may
// remove (`--remove-arg`, `CompileFlags: Remove`) and add (`--extra-arg`,
// `CompileFlags: Add`) arguments. See docs/cli.md#compile-databases.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/RelcheckConfig.h"

#include "llvm/ADT/StringRef.h"

#include <set>
#include <string>
#include <vector>

namespace relcheck {

/// Removes arguments the way clangd's `CompileFlags: Remove` does. Each
/// pattern is one of:
/// - a flag clang knows ("-I", "-std=", "-include"): the flag with its value
///   in every form ("-Ifoo", "-I foo", "--include-directory=foo");
/// - a glob ending in '*' ("-W*", "-DFOO=*"): every argument with that
///   prefix, with the value that follows a flag taking a separate one;
/// - anything else: arguments equal to it.
/// argv[0] and the inputs after "--" are never removed.
class ArgumentRemover {
public:
  explicit ArgumentRemover(std::vector<std::string> Patterns);
  bool empty() const { return Patterns.empty(); }
  void apply(std::vector<std::string> &Args) const;

private:
  struct Pattern {
    std::string Text;
    bool Prefix = false;   ///< Ends in '*'.
    unsigned OptionId = 0; ///< A flag clang knows: its option (unaliased).
  };
  std::vector<Pattern> Patterns;
};

/// Drops the arguments clang's driver does not know (as clangd ignores
/// them), adding each to Dropped.
void dropUnknownArguments(std::vector<std::string> &Args,
                          std::set<std::string> &Dropped);

/// Inserts Add before a "--" in Args, else at the end (clangd's Add).
void addArguments(std::vector<std::string> &Args,
                  const std::vector<std::string> &Add);

} // namespace relcheck
