//===- LspSourceTexts.h - file contents for position conversion -*- C++ -*-===//
#pragma once

#include "LspPositions.h"

#include <map>
#include <memory>
#include <string>

namespace relcheck::lsp {

/// The text of files as the analysis saw them: the editor's buffer for an
/// open file, else the disk (read once per instance). Short-lived: one
/// instance per publish or code action, so it never serves stale bytes.
class SourceTexts {
public:
  explicit SourceTexts(const std::map<std::string, std::string> &Buffers)
      : Buffers(Buffers) {}

  /// Null when the file cannot be read.
  const std::string *text(const std::string &Path);
  /// Null when the file cannot be read.
  const LineIndex *index(const std::string &Path);

private:
  const std::map<std::string, std::string> &Buffers;
  std::map<std::string, std::unique_ptr<std::string>> Read;
  std::map<std::string, std::unique_ptr<LineIndex>> Indices;
};

} // namespace relcheck::lsp
