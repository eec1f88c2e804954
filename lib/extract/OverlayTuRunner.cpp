//===- OverlayTuRunner.cpp - one TU with unsaved buffers ------------------===//
//
// FIXME: the argument adjustment and the diagnostic capture repeat
// TuRunner.cpp's (kept apart while that file is reworked for parallel
// extraction); fold both runners into one once it settles.
//
//===----------------------------------------------------------------------===//
#include "extract/OverlayTuRunner.h"

#include "extract/SourceSpanMapper.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string_view>

namespace relcheck {
namespace {

/// Keeps errors (fatal included) as CompileErrors with their positions.
class ErrorCollector : public clang::DiagnosticConsumer {
public:
  explicit ErrorCollector(std::vector<CompileError> &Errors) : Errors(Errors) {}

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < clang::DiagnosticsEngine::Error)
      return;
    CompileError Error;
    llvm::SmallString<256> Message;
    Info.FormatDiagnostic(Message);
    Error.Message = std::string(Message);
    if (Info.getLocation().isValid() && Info.hasSourceManager()) {
      clang::LangOptions LangOpts; // Only used to measure tokens.
      SourceSpanMapper Mapper(Info.getSourceManager(), LangOpts);
      Error.Range = Mapper.point(Info.getLocation());
    }
    Errors.push_back(std::move(Error));
  }

private:
  std::vector<CompileError> &Errors;
};

/// Extracts the facts, then stamps the files the source manager loaded.
class Consumer : public clang::ASTConsumer {
public:
  Consumer(OverlayTuResult &Result,
           const std::map<std::string, std::string> &Overlay)
      : Result(Result), Overlay(Overlay) {}
  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    Result.Facts = extractFacts(Ctx);
    const clang::SourceManager &SM = Ctx.getSourceManager();
    std::map<std::string, FileStamp> Files;
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      llvm::SmallString<256> Path(It->first.getName());
      SM.getFileManager().makeAbsolutePath(Path);
      FileStamp Stamp;
      Stamp.OpenedAs = std::string(Path);
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      llvm::sys::path::native(Path);
      Stamp.Path = std::string(Path);
      Stamp.FromOverlay = Overlay.count(Stamp.Path) != 0;
      Stamp.ModificationTime = It->first.getModificationTime();
      Stamp.Size = static_cast<uint64_t>(It->first.getSize());
      if (std::optional<llvm::MemoryBufferRef> Buffer =
              It->second->getBufferIfLoaded()) {
        Stamp.Hash = std::hash<std::string_view>()(std::string_view(
            Buffer->getBufferStart(), Buffer->getBufferSize()));
        Stamp.HashKnown = true;
      }
      Files.emplace(Stamp.Path, std::move(Stamp));
    }
    for (auto &[Path, Stamp] : Files)
      Result.Files.push_back(std::move(Stamp));
  }

private:
  OverlayTuResult &Result;
  const std::map<std::string, std::string> &Overlay;
};

class Action : public clang::ASTFrontendAction {
public:
  Action(OverlayTuResult &Result,
         const std::map<std::string, std::string> &Overlay)
      : Result(Result), Overlay(Overlay) {}

protected:
  bool BeginInvocation(clang::CompilerInstance &CI) override {
    CI.getFrontendOpts().SkipFunctionBodies = true;
    CI.getDiagnosticOpts().ShowCarets = false;
    return true;
  }
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<Consumer>(Result, Overlay);
  }

private:
  OverlayTuResult &Result;
  const std::map<std::string, std::string> &Overlay;
};

std::string absolutePath(llvm::StringRef Directory, llvm::StringRef File) {
  llvm::SmallString<256> Path(File);
  if (!llvm::sys::path::is_absolute(Path)) {
    llvm::SmallString<256> Joined(Directory);
    llvm::sys::path::append(Joined, Path);
    Path = Joined;
  }
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  llvm::sys::path::native(Path);
  return std::string(Path);
}

std::vector<std::string>
adjustedArguments(const clang::tooling::CompileCommand &Command,
                  const ExtractOptions &Options) {
  using namespace clang::tooling;
  std::vector<std::string> Args = Command.CommandLine;
  Args = getClangSyntaxOnlyAdjuster()(Args, Command.Filename);
  Args = getClangStripOutputAdjuster()(Args, Command.Filename);
  Args = getClangStripDependencyFileAdjuster()(Args, Command.Filename);
  Args = getInsertArgumentAdjuster("-Wno-error", ArgumentInsertPosition::END)(
      Args, Command.Filename);
  bool HasResourceDir = std::any_of(Args.begin(), Args.end(), [](auto &A) {
    return A == "-resource-dir" ||
           llvm::StringRef(A).starts_with("-resource-dir=");
  });
  if (!Options.ResourceDir.empty() && !HasResourceDir)
    Args = getInsertArgumentAdjuster(
        CommandLineArguments{"-resource-dir=" + Options.ResourceDir},
        ArgumentInsertPosition::END)(Args, Command.Filename);
  if (!Options.ExtraArgs.empty())
    Args = getInsertArgumentAdjuster(
        CommandLineArguments(Options.ExtraArgs.begin(),
                             Options.ExtraArgs.end()),
        ArgumentInsertPosition::END)(Args, Command.Filename);
  return Args;
}

} // namespace

OverlayTuResult
extractFactsWithOverlay(const clang::tooling::CompileCommand &Command,
                        const ExtractOptions &Options,
                        const std::map<std::string, std::string> &Overlay) {
  OverlayTuResult Result;
  std::string MainFile = absolutePath(Command.Directory, Command.Filename);
  Result.Facts.MainFile = MainFile;
  if (Command.CommandLine.empty()) {
    CompileError Error;
    Error.Message = "empty compile command for '" + MainFile + "'";
    Result.Facts.CompileErrors.push_back(std::move(Error));
    return Result;
  }

  // Unsaved buffers over the disk. The working directory is set on the
  // overlay (it forwards to both layers), never on the process.
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  for (const auto &[Path, Content] : Overlay)
    Memory->addFile(Path, /*ModificationTime=*/0,
                    llvm::MemoryBuffer::getMemBufferCopy(Content, Path));
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  FS->pushOverlay(Memory);
  if (!Command.Directory.empty())
    FS->setCurrentWorkingDirectory(Command.Directory);
  llvm::IntrusiveRefCntPtr<clang::FileManager> Files(
      new clang::FileManager(clang::FileSystemOptions(), FS));

  std::vector<CompileError> Errors;
  ErrorCollector Diagnostics(Errors);
  clang::tooling::ToolInvocation Invocation(
      adjustedArguments(Command, Options),
      std::make_unique<Action>(Result, Overlay), Files.get());
  Invocation.setDiagnosticConsumer(&Diagnostics);
  bool Ok = Invocation.run();

  if (Result.Facts.MainFile.empty())
    Result.Facts.MainFile = MainFile;
  // Without an AST (the driver failed) the main file is still what the TU
  // depends on: a stamp that never matches makes it re-extracted next time.
  auto At = std::lower_bound(
      Result.Files.begin(), Result.Files.end(), MainFile,
      [](const FileStamp &S, const std::string &P) { return S.Path < P; });
  if (At == Result.Files.end() || At->Path != MainFile) {
    FileStamp Stamp;
    Stamp.Path = Stamp.OpenedAs = MainFile;
    Stamp.FromOverlay = Overlay.count(MainFile) != 0;
    Result.Files.insert(At, std::move(Stamp));
  }
  Result.Facts.CompileErrors.insert(Result.Facts.CompileErrors.end(),
                                    Errors.begin(), Errors.end());
  if (!Ok && Result.Facts.CompileErrors.empty()) {
    CompileError Error;
    Error.Message = "clang could not process '" + MainFile + "'";
    Result.Facts.CompileErrors.push_back(std::move(Error));
  }
  return Result;
}

} // namespace relcheck
