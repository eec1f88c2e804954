//===- TextColors.h - clang's diagnostic colours for the text report -*- C++
//-*-===//
//
// clang's TextDiagnostic colours, byte for byte: the location bold, the
// severity word bold red / magenta / cyan, an error's or warning's message
// bold, the caret line bold green, the fix-it hint line green. Without colour
// every function returns its text unchanged, so the uncoloured output stays
// byte-identical.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

namespace relcheck {

class TextColors {
public:
  explicit TextColors(bool Enabled) : Enabled(Enabled) {}

  /// "file:line:col: " in bold.
  std::string location(const std::string &Text) const;
  /// "warning: ", "error: " or "note: " in the severity's colour.
  std::string severity(const std::string &Kind) const;
  /// The message, bold unless it is a note's (as clang prints it).
  std::string message(const std::string &Kind, const std::string &Text) const;
  /// The caret line with its newline.
  std::string caret(const std::string &Line) const;
  /// The fix-it hint line with its newline.
  std::string fixItHint(const std::string &Line) const;

private:
  bool Enabled;
};

} // namespace relcheck
