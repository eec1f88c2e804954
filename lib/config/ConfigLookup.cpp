//===- ConfigLookup.cpp ---------------------------------------------------===//
#include "config/ConfigLookup.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace relcheck {
namespace {

/// What \p Path is when it exists but is no regular file, "" otherwise.
/// lstat first: a dangling symlink exists, and is a mistake to report.
std::string notRegularFile(const llvm::Twine &Path) {
  namespace fs = llvm::sys::fs;
  fs::file_status Entry;
  if (fs::status(Path, Entry, /*Follow=*/false))
    return ""; // nothing there: look in the parent directory
  fs::file_status Target;
  if (fs::status(Path, Target, /*Follow=*/true))
    return "a dangling symlink";
  switch (Target.type()) {
  case fs::file_type::regular_file:
    return "";
  case fs::file_type::directory_file:
    return "a directory";
  case fs::file_type::fifo_file:
    return "a FIFO";
  case fs::file_type::block_file:
  case fs::file_type::character_file:
    return "a device";
  default:
    return "a socket or other special file";
  }
}

std::string absolute(const std::string &Path) {
  llvm::SmallString<256> P(Path);
  if (llvm::sys::fs::make_absolute(P))
    return Path; // no current directory: look up from the path as given
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

} // namespace

ConfigResolver::ConfigResolver(std::vector<const RuleInfo *> AllRules,
                               ConfigOverrides Overrides,
                               std::string ForcedFile)
    : AllRules(std::move(AllRules)), Overrides(std::move(Overrides)),
      ForcedFile(std::move(ForcedFile)) {}

llvm::Expected<const RelcheckConfig *>
ConfigResolver::load(const std::string &Path) {
  auto It = Files.find(Path);
  if (It != Files.end())
    return It->second.get();
  llvm::Expected<RelcheckConfig> C = readConfigFile(Path, AllRules);
  if (!C)
    return C.takeError();
  auto Owned = std::make_unique<RelcheckConfig>(std::move(*C));
  return Files.emplace(Path, std::move(Owned)).first->second.get();
}

llvm::Expected<std::vector<const RelcheckConfig *>>
ConfigResolver::chainFor(const std::string &Dir) {
  auto It = Chains.find(Dir);
  if (It != Chains.end())
    return It->second;
  std::vector<const RelcheckConfig *> Chain;
  llvm::SmallString<256> Candidate(Dir);
  llvm::sys::path::append(Candidate, ConfigFileName);
  std::string Parent = std::string(llvm::sys::path::parent_path(Dir));
  bool AtRoot = Parent.empty() || Parent == Dir;
  // A configuration that is there but cannot be read as a file would
  // otherwise be skipped without a word (its rules silently not applied),
  // and reading a FIFO would wait forever for a writer.
  std::string Kind = notRegularFile(Candidate);
  if (!Kind.empty())
    return llvm::createStringError("cannot read configuration '%s': %s, not a "
                                   "regular file",
                                   Candidate.c_str(), Kind.c_str());
  if (llvm::sys::fs::is_regular_file(Candidate)) {
    llvm::Expected<const RelcheckConfig *> C = load(std::string(Candidate));
    if (!C)
      return C.takeError();
    if ((*C)->InheritParentConfig && !AtRoot) {
      llvm::Expected<std::vector<const RelcheckConfig *>> Up = chainFor(Parent);
      if (!Up)
        return Up.takeError();
      Chain = *Up;
    }
    Chain.push_back(*C);
  } else if (!AtRoot) {
    llvm::Expected<std::vector<const RelcheckConfig *>> Up = chainFor(Parent);
    if (!Up)
      return Up.takeError();
    Chain = *Up;
  }
  Chains[Dir] = Chain;
  return Chain;
}

llvm::Expected<const EffectiveConfig &>
ConfigResolver::forFile(const std::string &File, bool IsDirectory) {
  std::string Dir = absolute(File);
  if (!IsDirectory)
    Dir = std::string(llvm::sys::path::parent_path(Dir));
  if (!ForcedFile.empty())
    Dir = ""; // One configuration for every file.
  auto It = Effective.find(Dir);
  if (It != Effective.end())
    return *It->second;
  std::vector<const RelcheckConfig *> Chain;
  if (!ForcedFile.empty()) {
    llvm::Expected<const RelcheckConfig *> C = load(ForcedFile);
    if (!C)
      return C.takeError();
    Chain.push_back(*C);
  } else {
    llvm::Expected<std::vector<const RelcheckConfig *>> Found = chainFor(Dir);
    if (!Found)
      return Found.takeError();
    Chain = std::move(*Found);
  }
  llvm::Expected<EffectiveConfig> E = mergeConfigs(Chain, Overrides, AllRules);
  if (!E)
    return E.takeError();
  auto &Slot = Effective[Dir];
  Slot = std::make_unique<EffectiveConfig>(std::move(*E));
  return *Slot;
}

} // namespace relcheck
