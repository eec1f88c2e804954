//===- ColorOption.cpp ----------------------------------------------------===//
#include "ColorOption.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Process.h"

namespace relcheck {
namespace {

/// "--name", "-name", "--name=V" or "-name=V": true with Value (nullopt
/// when no "=V").
bool matches(llvm::StringRef Arg, llvm::StringRef Name,
             std::optional<std::string> &Value) {
  if (!Arg.consume_front("--") && !Arg.consume_front("-"))
    return false;
  if (!Arg.consume_front(Name))
    return false;
  if (Arg.empty()) {
    Value.reset();
    return true;
  }
  if (!Arg.consume_front("="))
    return false;
  Value = Arg.str();
  return true;
}

} // namespace

std::optional<std::string> takeColorOptions(std::vector<const char *> &Args,
                                            ColorMode &Mode) {
  std::vector<const char *> Kept;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef Arg(Args[I]);
    if (Arg == "--") { // Compiler arguments: not ours.
      Kept.insert(Kept.end(), Args.begin() + I, Args.end());
      break;
    }
    std::optional<std::string> Value;
    if (I == 0) {
      Kept.push_back(Args[I]);
      continue;
    }
    if (matches(Arg, "color", Value)) {
      std::string V = Value.value_or("always");
      if (V == "always" || V == "true")
        Mode = ColorMode::Always;
      else if (V == "never" || V == "false")
        Mode = ColorMode::Never;
      else if (V == "auto")
        Mode = ColorMode::Auto;
      else
        return "--color: unknown value '" + V +
               "' (expected 'auto', 'always' or 'never')";
    } else if (matches(Arg, "use-color", Value)) {
      std::string V = Value.value_or("true");
      if (V != "true" && V != "false")
        return "--use-color: unknown value '" + V +
               "' (expected 'true' or 'false')";
      Mode = V == "true" ? ColorMode::Always : ColorMode::Never;
    } else {
      Kept.push_back(Args[I]);
    }
  }
  Args = std::move(Kept);
  return std::nullopt;
}

bool useColor(ColorMode Mode, bool ToStdout) {
  if (Mode != ColorMode::Auto)
    return Mode == ColorMode::Always;
  return ToStdout && llvm::sys::Process::StandardOutHasColors();
}

} // namespace relcheck
