//===- LspSourceTexts.cpp -------------------------------------------------===//
#include "LspSourceTexts.h"

#include "driver/RegularFile.h"

#include "llvm/Support/MemoryBuffer.h"

namespace relcheck::lsp {

const std::string *SourceTexts::text(const std::string &Path) {
  if (auto It = Buffers.find(Path); It != Buffers.end())
    return &It->second;
  auto [It, New] = Read.try_emplace(Path);
  if (New) {
    // Regular files only: the path may come from cached facts, and a FIFO
    // would block the server (a device never end).
    auto Buffer = readRegularFile(Path);
    if (Buffer)
      It->second = std::make_unique<std::string>((*Buffer)->getBuffer().str());
  }
  return It->second.get();
}

const LineIndex *SourceTexts::index(const std::string &Path) {
  auto [It, New] = Indices.try_emplace(Path);
  if (New)
    if (const std::string *Text = text(Path))
      It->second = std::make_unique<LineIndex>(*Text);
  return It->second.get();
}

} // namespace relcheck::lsp
