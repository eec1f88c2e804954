//===- SourceFileCache.cpp ------------------------------------------------===//
#include "emit/SourceFileCache.h"

#include <fstream>
#include <iterator>

namespace relcheck {

const SourceFileCache::File &SourceFileCache::load(const std::string &Path) {
  auto [It, Inserted] = Files.try_emplace(Path);
  File &F = It->second;
  if (!Inserted)
    return F;
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return F;
  F.Content.assign(std::istreambuf_iterator<char>(In),
                   std::istreambuf_iterator<char>());
  F.Readable = !In.bad();
  F.LineStarts.push_back(0);
  for (size_t I = 0; I < F.Content.size(); ++I)
    if (F.Content[I] == '\n' && I + 1 < F.Content.size())
      F.LineStarts.push_back(I + 1);
  return F;
}

std::optional<std::string_view> SourceFileCache::line(const std::string &Path,
                                                      unsigned Line) {
  const File &F = load(Path);
  if (!F.Readable || Line == 0 || Line > F.LineStarts.size())
    return std::nullopt;
  size_t Begin = F.LineStarts[Line - 1];
  size_t End = F.Content.find('\n', Begin);
  if (End == std::string::npos)
    End = F.Content.size();
  if (End > Begin && F.Content[End - 1] == '\r')
    --End;
  return std::string_view(F.Content).substr(Begin, End - Begin);
}

} // namespace relcheck
