//===- TextColors.cpp -----------------------------------------------------===//
#include "emit/TextColors.h"

namespace relcheck {
namespace {

// The bytes clang writes through llvm::raw_ostream::changeColor and
// resetColor (llvm::sys::Process's ANSI codes). lib/emit links no LLVM, so
// they are spelt out here; test/cli checks them against clang++'s own
// -fcolor-diagnostics output.
constexpr const char *Bold = "\033[1m";
constexpr const char *BoldRed = "\033[0;1;31m";
constexpr const char *BoldMagenta = "\033[0;1;35m";
constexpr const char *BoldCyan = "\033[0;1;36m";
constexpr const char *BoldGreen = "\033[0;1;32m";
constexpr const char *Green = "\033[0;32m";
constexpr const char *Reset = "\033[0m";

std::string painted(const std::string &Text, const char *Color) {
  return Color + Text + Reset;
}

} // namespace

std::string TextColors::location(const std::string &Text) const {
  return Enabled ? painted(Text, Bold) : Text;
}

std::string TextColors::severity(const std::string &Kind) const {
  std::string Text = Kind + ": ";
  if (!Enabled)
    return Text;
  return painted(Text, Kind == "error"     ? BoldRed
                       : Kind == "warning" ? BoldMagenta
                                           : BoldCyan);
}

std::string TextColors::message(const std::string &Kind,
                                const std::string &Text) const {
  if (!Enabled)
    return Text;
  // clang leaves a note's message plain but still resets after it.
  return Kind == "note" ? Text + Reset : painted(Text, Bold);
}

std::string TextColors::caret(const std::string &Line) const {
  return Enabled ? painted(Line + "\n", BoldGreen) : Line + "\n";
}

std::string TextColors::fixItHint(const std::string &Line) const {
  return Enabled ? painted(Line + "\n", Green) : Line + "\n";
}

} // namespace relcheck
