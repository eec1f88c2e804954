//===- SourceFileCache.cpp ------------------------------------------------===//
#include "emit/SourceFileCache.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace relcheck {

const SourceFileCache::File &SourceFileCache::load(const std::string &Path) {
  auto [It, Inserted] = Files.try_emplace(Path);
  File &F = It->second;
  if (!Inserted)
    return F;
  // The paths come from facts, which a cache entry or a shard file may
  // hold: a FIFO would block, a device never end.
  struct stat St;
  if (::stat(Path.c_str(), &St) != 0 || !S_ISREG(St.st_mode))
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

std::optional<std::pair<unsigned, unsigned>>
SourceFileCache::lineAndColumn(const std::string &Path, unsigned Offset) {
  const File &F = load(Path);
  if (!F.Readable || Offset > F.Content.size())
    return std::nullopt;
  // The end of a file whose last line is terminated starts a new line
  // (LineStarts does not list it).
  if (Offset == F.Content.size() && !F.Content.empty() &&
      F.Content.back() == '\n')
    return std::make_pair(static_cast<unsigned>(F.LineStarts.size() + 1), 1u);
  // The last line start at or before Offset.
  auto It = std::upper_bound(F.LineStarts.begin(), F.LineStarts.end(),
                             static_cast<size_t>(Offset));
  size_t Line = static_cast<size_t>(It - F.LineStarts.begin());
  return std::make_pair(static_cast<unsigned>(Line),
                        static_cast<unsigned>(Offset - *(It - 1) + 1));
}

} // namespace relcheck
