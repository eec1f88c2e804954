//===- ReportPaths.cpp ----------------------------------------------------===//
#include "emit/ReportPaths.h"

namespace relcheck {

std::optional<std::string> pathUnderBase(const std::string &Path,
                                         const std::string &BaseDir) {
  if (BaseDir.empty())
    return std::nullopt;
  std::string Prefix = BaseDir;
  if (Prefix.back() != '/')
    Prefix += '/';
  if (Path.size() <= Prefix.size() || Path.compare(0, Prefix.size(), Prefix))
    return std::nullopt;
  return Path.substr(Prefix.size());
}

std::string percentEncodePath(const std::string &Path) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out;
  for (unsigned char C : Path) {
    bool Keep = (C >= 'A' && C <= 'Z') || (C >= 'a' && C <= 'z') ||
                (C >= '0' && C <= '9') || C == '-' || C == '.' || C == '_' ||
                C == '~' || C == '/';
    if (Keep) {
      Out += static_cast<char>(C);
    } else {
      Out += '%';
      Out += Hex[C >> 4];
      Out += Hex[C & 0xf];
    }
  }
  return Out;
}

std::string fileUri(const std::string &AbsolutePath, bool Directory) {
  std::string Uri = "file://" + percentEncodePath(AbsolutePath);
  if (Directory && (Uri.empty() || Uri.back() != '/'))
    Uri += '/';
  return Uri;
}

} // namespace relcheck
