//===- PreambleStore.cpp --------------------------------------------------===//
#include "extract/PreambleStore.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace relcheck {
namespace {

std::string normalizedName(const clang::SourceManager &SM,
                           clang::FileEntryRef File) {
  llvm::SmallString<256> Path(File.getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  llvm::sys::path::native(Path);
  return std::string(Path);
}

/// Stamps what the preamble read, and notices a project header among it.
class PreambleRecorder : public clang::PreambleCallbacks {
public:
  explicit PreambleRecorder(const std::map<std::string, std::string> &Overlay)
      : Overlay(Overlay) {}

  void AfterExecute(clang::CompilerInstance &CI) override {
    const clang::SourceManager &SM = CI.getSourceManager();
    clang::FileID Main = SM.getMainFileID();
    for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
      const clang::SrcMgr::SLocEntry &Entry = SM.getLocalSLocEntry(I);
      if (!Entry.isFile() || !Entry.getFile().getContentCache().OrigEntry)
        continue;
      clang::FileID FID = SM.getFileID(
          clang::SourceLocation::getFromRawEncoding(Entry.getOffset()));
      if (FID != Main &&
          !clang::SrcMgr::isSystem(Entry.getFile().getFileCharacteristic()))
        ReadsProjectFile = true;
    }
    // The main file was read as the preamble's bytes only: the parse that
    // uses the preamble stamps it.
    Files = stampFiles(SM, Overlay);
    if (clang::OptionalFileEntryRef MainFile = SM.getFileEntryRefForID(Main)) {
      std::string MainPath = normalizedName(SM, *MainFile);
      Files.erase(std::remove_if(
                      Files.begin(), Files.end(),
                      [&](const FileStamp &S) { return S.Path == MainPath; }),
                  Files.end());
    }
  }

  bool ReadsProjectFile = false;
  std::vector<FileStamp> Files;

private:
  const std::map<std::string, std::string> &Overlay;
};

std::shared_ptr<const StoredPreamble>
buildPreamble(const clang::CompilerInvocation &Invocation,
              const llvm::MemoryBuffer &MainBuffer,
              clang::PreambleBounds Bounds,
              llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> VFS,
              std::shared_ptr<clang::PCHContainerOperations> PCHOps,
              const std::map<std::string, std::string> &Overlay) {
  auto Out = std::make_shared<StoredPreamble>();
  Out->Bytes = MainBuffer.getBuffer().substr(0, Bounds.Size).str();
  clang::CompilerInvocation Copy(Invocation);
  // As the parse that uses it: models live in class definitions.
  Copy.getFrontendOpts().SkipFunctionBodies = true;
  clang::DiagnosticConsumer Errors; // Counts them; prints nothing.
  llvm::IntrusiveRefCntPtr<clang::DiagnosticsEngine> Diags =
      clang::CompilerInstance::createDiagnostics(&Copy.getDiagnosticOpts(),
                                                 &Errors,
                                                 /*ShouldOwnClient=*/false);
  PreambleRecorder Recorder(Overlay);
  llvm::ErrorOr<clang::PrecompiledPreamble> Built =
      clang::PrecompiledPreamble::Build(Copy, &MainBuffer, Bounds, *Diags, VFS,
                                        std::move(PCHOps),
                                        /*StoreInMemory=*/true,
                                        /*StoragePath=*/"", Recorder);
  // A preamble with errors would hide them from the parse that uses it.
  if (!Built || Errors.getNumErrors() > 0 || Recorder.ReadsProjectFile)
    return Out;
  Out->Preamble.emplace(std::move(*Built));
  Out->Files = std::move(Recorder.Files);
  return Out;
}

std::string keyOf(const clang::CompilerInvocation &Invocation) {
  std::string Key;
  for (const std::string &Arg : Invocation.getCC1CommandLine()) {
    Key += Arg;
    Key += '\0';
  }
  return Key;
}

} // namespace

clang::PreambleBounds systemPreambleBounds(const clang::LangOptions &Lang,
                                           const llvm::MemoryBuffer &Buffer) {
  clang::PreambleBounds Region =
      clang::ComputePreambleBounds(Lang, Buffer.getMemBufferRef(), 0);
  const char *Begin = Buffer.getBufferStart();
  clang::Lexer Lex(clang::SourceLocation(), Lang, Begin, Begin,
                   Begin + Region.Size);
  clang::Token Tok;
  while (!Lex.LexFromRawLexer(Tok)) {
    if (!Tok.is(clang::tok::hash) || !Tok.isAtStartOfLine())
      continue;
    size_t Hash = Lex.getBufferLocation() - Begin - Tok.getLength();
    clang::Token Directive, Operand;
    if (Lex.LexFromRawLexer(Directive) ||
        !Directive.is(clang::tok::raw_identifier))
      continue;
    llvm::StringRef Name = Directive.getRawIdentifier();
    if (Name != "include" && Name != "import" && Name != "include_next")
      continue;
    Lex.LexFromRawLexer(Operand);
    if (Operand.is(clang::tok::less))
      continue;
    // `#include "..."` (or a macro): the project's own headers start here.
    llvm::StringRef Before(Begin, Hash);
    size_t LineStart = Before.find_last_of("\n\r");
    return clang::PreambleBounds(
        LineStart == llvm::StringRef::npos ? 0 : LineStart + 1,
        /*PreambleEndsAtStartOfLine=*/true);
  }
  return Region;
}

std::shared_ptr<const StoredPreamble>
PreambleStore::get(const clang::CompilerInvocation &Invocation,
                   const llvm::MemoryBuffer &MainBuffer,
                   llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> VFS,
                   std::shared_ptr<clang::PCHContainerOperations> PCHOps,
                   const std::map<std::string, std::string> &Overlay) {
  clang::PreambleBounds Bounds =
      systemPreambleBounds(Invocation.getLangOpts(), MainBuffer);
  if (Bounds.Size == 0)
    return nullptr;
  std::string Key = keyOf(Invocation);
  if (std::shared_ptr<const StoredPreamble> Stored = find(Key)) {
    if (!Stored->Preamble &&
        Stored->Bytes == MainBuffer.getBuffer().substr(0, Bounds.Size))
      return nullptr;
    if (Stored->Preamble &&
        Stored->Preamble->CanReuse(Invocation, MainBuffer.getMemBufferRef(),
                                   Bounds, *VFS)) {
      ++Reuses;
      return Stored;
    }
  }
  std::shared_ptr<const StoredPreamble> Built = buildPreamble(
      Invocation, MainBuffer, Bounds, VFS, std::move(PCHOps), Overlay);
  ++Builds;
  put(Key, Built);
  return Built->Preamble ? Built : nullptr;
}

std::shared_ptr<const StoredPreamble>
PreambleStore::find(const std::string &Key) {
  std::lock_guard<std::mutex> Lock(Mutex);
  for (auto It = Recent.begin(); It != Recent.end(); ++It)
    if (It->first == Key) {
      Recent.splice(Recent.begin(), Recent, It);
      return Recent.front().second;
    }
  return nullptr;
}

void PreambleStore::put(const std::string &Key,
                        std::shared_ptr<const StoredPreamble> P) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Recent.remove_if([&](const Entry &E) { return E.first == Key; });
  Recent.emplace_front(Key, std::move(P));
  if (Recent.size() > Capacity)
    Recent.pop_back();
  size_t Bytes = 0;
  for (const Entry &E : Recent)
    if (E.second->Preamble)
      Bytes += E.second->Preamble->getSize();
  StoredBytes = Bytes;
}

} // namespace relcheck
