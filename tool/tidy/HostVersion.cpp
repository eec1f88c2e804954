//===- HostVersion.cpp ----------------------------------------------------===//
#include "HostVersion.h"

#include "clang/Basic/Version.h"

#include <cctype>

namespace relcheck::tidy {

std::optional<ClangVersion> parseClangVersion(std::string_view FullVersion) {
  size_t Pos = FullVersion.find("version ");
  if (Pos == std::string_view::npos)
    return std::nullopt;
  Pos += 8;
  auto Number = [&](unsigned &Out) {
    size_t Start = Pos;
    Out = 0;
    while (Pos < FullVersion.size() &&
           std::isdigit(static_cast<unsigned char>(FullVersion[Pos])))
      Out = Out * 10 + unsigned(FullVersion[Pos++] - '0');
    return Pos > Start;
  };
  ClangVersion V;
  if (!Number(V.Major) || Pos >= FullVersion.size() || FullVersion[Pos] != '.')
    return std::nullopt;
  ++Pos;
  if (!Number(V.Minor))
    return std::nullopt;
  return V;
}

std::string hostVersionMismatch() {
  // getClangFullVersion() is resolved in the host process: it reports the
  // clang-tidy that loaded us, while CLANG_VERSION_* are what we were
  // compiled against. LLVM keeps its C++ ABI stable only within X.Y.
  std::string Host = clang::getClangFullVersion();
  std::optional<ClangVersion> V = parseClangVersion(Host);
  if (V && V->Major == CLANG_VERSION_MAJOR && V->Minor == CLANG_VERSION_MINOR)
    return "";
  return "relcheck-tidy: built for clang-tidy " CLANG_VERSION_MAJOR_STRING "." +
         std::to_string(CLANG_VERSION_MINOR) + ".x but loaded by " + Host +
         "; use clang-tidy-" CLANG_VERSION_MAJOR_STRING;
}

} // namespace relcheck::tidy
