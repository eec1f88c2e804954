//===- Uri.cpp ------------------------------------------------------------===//
#include "Uri.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Path.h"

#include <cctype>

namespace relcheck::lsp {

// The decoding is by hand: LLVM's percent-decoder is clangd's (URI.cpp),
// not a library the tool links.
std::optional<std::string> uriToPath(const std::string &Uri) {
  llvm::StringRef Rest(Uri);
  if (!Rest.consume_front("file://") && !Rest.consume_front("FILE://"))
    return std::nullopt;
  // file://localhost/x and file:///x; another host is not a local file.
  if (!Rest.starts_with("/")) {
    if (!Rest.consume_front("localhost"))
      return std::nullopt;
  }
  Rest = Rest.take_until([](char C) { return C == '?' || C == '#'; });
  std::string Path;
  for (size_t I = 0; I < Rest.size(); ++I) {
    if (Rest[I] != '%') {
      Path += Rest[I];
      continue;
    }
    if (I + 2 >= Rest.size() || !std::isxdigit(Rest[I + 1]) ||
        !std::isxdigit(Rest[I + 2]))
      return std::nullopt;
    Path +=
        static_cast<char>(std::stoi(Rest.substr(I + 1, 2).str(), nullptr, 16));
    I += 2;
  }
  if (Path.empty() || Path[0] != '/')
    return std::nullopt;
  llvm::SmallString<256> Normal(Path);
  llvm::sys::path::remove_dots(Normal, /*remove_dot_dot=*/true);
  llvm::sys::path::native(Normal);
  return std::string(Normal);
}

} // namespace relcheck::lsp
