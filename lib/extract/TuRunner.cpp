//===- TuRunner.cpp - parse one TU from its compile command ---------------===//
//
// Everything here is per call (file manager, file system, diagnostics), so
// many TUs can be extracted in parallel. Clang's diagnostics are captured,
// never printed: worker threads must not interleave stderr.
//
//===----------------------------------------------------------------------===//
#include "extract/FactExtractor.h"

#include "extract/PreambleStore.h"
#include "extract/RegularFilesOnly.h"
#include "extract/SourceSpanMapper.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/PreprocessorOptions.h"
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

namespace relcheck {
namespace {

/// Keeps errors (fatal included) as CompileErrors with their positions.
class CapturingDiagnosticConsumer : public clang::DiagnosticConsumer {
public:
  explicit CapturingDiagnosticConsumer(std::vector<CompileError> &Errors)
      : Errors(Errors) {}

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

using AfterParseFn = llvm::function_ref<void(const clang::SourceManager &)>;

class ExtractConsumer : public clang::ASTConsumer {
public:
  ExtractConsumer(TuFacts &Result, AfterParseFn AfterParse)
      : Result(Result), AfterParse(AfterParse) {}
  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    Result = extractFacts(Ctx);
    if (AfterParse)
      AfterParse(Ctx.getSourceManager());
  }

private:
  TuFacts &Result;
  AfterParseFn AfterParse;
};

class ExtractAction : public clang::ASTFrontendAction {
public:
  ExtractAction(TuFacts &Result, AfterParseFn AfterParse)
      : Result(Result), AfterParse(AfterParse) {}

protected:
  bool BeginInvocation(clang::CompilerInstance &CI) override {
    // Models live in class definitions: function bodies are dead weight.
    CI.getFrontendOpts().SkipFunctionBodies = true;
    // Otherwise the compiler instance prints "N errors generated." itself.
    CI.getDiagnosticOpts().ShowCarets = false;
    return true;
  }
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<ExtractConsumer>(Result, AfterParse);
  }

private:
  TuFacts &Result;
  AfterParseFn AfterParse;
};

/// Runs ExtractAction over the TU's preamble from \p Preambles when one
/// fits (else a plain parse, as ToolInvocation runs a FrontendAction).
class PreambleToolAction : public clang::tooling::ToolAction {
public:
  PreambleToolAction(TuFacts &Result, AfterParseFn AfterParse,
                     PreambleStore &Preambles,
                     const std::map<std::string, std::string> &Overlay,
                     std::vector<FileStamp> &PreambleFiles)
      : Result(Result), AfterParse(AfterParse), Preambles(Preambles),
        Overlay(Overlay), PreambleFiles(PreambleFiles) {}

  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> Invocation,
                     clang::FileManager *Files,
                     std::shared_ptr<clang::PCHContainerOperations> PCHOps,
                     clang::DiagnosticConsumer *Diagnostics) override {
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> VFS =
        &Files->getVirtualFileSystem();
    const clang::FrontendInputFile &Input =
        Invocation->getFrontendOpts().Inputs.front();
    // Owned here, not by the compiler instance: the remapped main file
    // must outlive the parse (RetainRemappedFileBuffers).
    std::unique_ptr<llvm::MemoryBuffer> Main;
    if (Input.isFile())
      if (auto Buffer = VFS->getBufferForFile(Input.getFile()))
        Main = std::move(*Buffer);
    std::shared_ptr<const StoredPreamble> Preamble;
    if (Main)
      Preamble = Preambles.get(*Invocation, *Main, VFS, PCHOps, Overlay);
    if (Preamble) {
      // The preamble comes back as a layer over VFS, which must keep the
      // command's working directory.
      llvm::ErrorOr<std::string> WorkingDirectory =
          VFS->getCurrentWorkingDirectory();
      Preamble->Preamble->AddImplicitPreamble(*Invocation, VFS, Main.get());
      Invocation->getPreprocessorOpts().RetainRemappedFileBuffers = true;
      if (WorkingDirectory)
        VFS->setCurrentWorkingDirectory(*WorkingDirectory);
      PreambleFiles = Preamble->Files;
    }
    clang::CompilerInstance Compiler(std::move(PCHOps));
    Compiler.setInvocation(std::move(Invocation));
    Compiler.createDiagnostics(Diagnostics, /*ShouldOwnClient=*/false);
    Compiler.createFileManager(VFS);
    Compiler.createSourceManager(Compiler.getFileManager());
    ExtractAction Action(Result, AfterParse);
    return Compiler.ExecuteAction(Action);
  }

private:
  TuFacts &Result;
  AfterParseFn AfterParse;
  PreambleStore &Preambles;
  const std::map<std::string, std::string> &Overlay;
  std::vector<FileStamp> &PreambleFiles;
};

bool hasResourceDir(const std::vector<std::string> &Args) {
  for (const std::string &Arg : Args)
    if (Arg == "-resource-dir" ||
        llvm::StringRef(Arg).starts_with("-resource-dir="))
      return true;
  return false;
}

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

} // namespace

TuFacts extractFactsFromCommand(
    const clang::tooling::CompileCommand &Command,
    const ExtractOptions &Options,
    const std::map<std::string, std::string> *Overlay,
    llvm::function_ref<void(const clang::SourceManager &)> AfterParse,
    PreambleStore *Preambles, std::vector<FileStamp> *PreambleFiles) {
  TuFacts Result;
  Result.MainFile = absolutePath(Command.Directory, Command.Filename);
  if (Command.CommandLine.empty()) {
    CompileError Error;
    Error.Message = "empty compile command for '" + Result.MainFile + "'";
    Result.CompileErrors.push_back(std::move(Error));
    return Result;
  }

  using namespace clang::tooling;
  std::vector<std::string> Args = extractionCommandLine(Command, Options);
  // A private file system: its working directory is the command's, without
  // changing the process's (other threads rely on it). Unsaved buffers go
  // in a layer over the disk.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS =
      createRegularFilesOnlyFileSystem(); // No FIFO, no /dev/zero.
  if (Overlay && !Overlay->empty()) {
    auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
    for (const auto &[Path, Content] : *Overlay)
      Memory->addFile(Path, /*ModificationTime=*/0,
                      llvm::MemoryBuffer::getMemBufferCopy(Content, Path));
    auto Layered = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(FS);
    Layered->pushOverlay(Memory);
    FS = Layered;
  }
  if (!Command.Directory.empty())
    FS->setCurrentWorkingDirectory(Command.Directory);
  llvm::IntrusiveRefCntPtr<clang::FileManager> Files(
      new clang::FileManager(clang::FileSystemOptions(), FS));

  std::vector<CompileError> Errors;
  CapturingDiagnosticConsumer Diagnostics(Errors);
  static const std::map<std::string, std::string> NoOverlay;
  std::vector<FileStamp> Unused;
  std::optional<PreambleToolAction> WithPreamble;
  std::unique_ptr<ToolInvocation> Invocation;
  if (Preambles) {
    WithPreamble.emplace(Result, AfterParse, *Preambles,
                         Overlay ? *Overlay : NoOverlay,
                         PreambleFiles ? *PreambleFiles : Unused);
    Invocation = std::make_unique<ToolInvocation>(
        Args, &*WithPreamble, Files.get(),
        std::make_shared<clang::PCHContainerOperations>());
  } else {
    Invocation = std::make_unique<ToolInvocation>(
        Args, std::make_unique<ExtractAction>(Result, AfterParse), Files.get());
  }
  Invocation->setDiagnosticConsumer(&Diagnostics);
  bool Ok = Invocation->run();

  if (Result.MainFile.empty())
    Result.MainFile = absolutePath(Command.Directory, Command.Filename);
  Result.CompileErrors.insert(Result.CompileErrors.end(), Errors.begin(),
                              Errors.end());
  if (!Ok && Result.CompileErrors.empty()) {
    CompileError Error;
    Error.Message = "clang could not process '" + Result.MainFile + "'";
    Result.CompileErrors.push_back(std::move(Error));
  }
  return Result;
}

std::vector<std::string>
extractionCommandLine(const clang::tooling::CompileCommand &Command,
                      const ExtractOptions &Options) {
  using namespace clang::tooling;
  std::vector<std::string> Args = Command.CommandLine;
  Args = getClangSyntaxOnlyAdjuster()(Args, Command.Filename);
  Args = getClangStripOutputAdjuster()(Args, Command.Filename);
  Args = getClangStripDependencyFileAdjuster()(Args, Command.Filename);
  // Warnings never matter here, and -Werror must not turn one (e.g. about a
  // private field only used in a skipped body) into a failed TU.
  Args = getInsertArgumentAdjuster("-Wno-error", ArgumentInsertPosition::END)(
      Args, Command.Filename);
  if (!Options.ResourceDir.empty() && !hasResourceDir(Args))
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

TuFacts extractFactsFromCommand(const clang::tooling::CompileCommand &Command,
                                const ExtractOptions &Options) {
  return extractFactsFromCommand(Command, Options, nullptr, nullptr, nullptr,
                                 nullptr);
}

TuFacts extractFactsFromCommand(const clang::tooling::CompileCommand &Command,
                                const ExtractOptions &Options,
                                std::vector<std::string> &InputFiles) {
  InputFiles.clear();
  // Every file the source manager loaded: the main file, each header,
  // and files read by __has_include/#embed-like lookups that were entered.
  TuFacts Result = extractFactsFromCommand(
      Command, Options, nullptr, [&InputFiles](const clang::SourceManager &SM) {
        for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End;
             ++It)
          InputFiles.push_back(std::string(It->first.getName()));
      });
  // Absolute but with ".." kept: collapsing "gcc/12/../../.." across
  // symlinks would name another file.
  for (std::string &File : InputFiles) {
    llvm::SmallString<256> Path(File);
    if (!llvm::sys::path::is_absolute(Path)) {
      llvm::SmallString<256> Joined(Command.Directory);
      llvm::sys::path::append(Joined, Path);
      Path = Joined;
    }
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
    File = std::string(Path);
  }
  std::sort(InputFiles.begin(), InputFiles.end());
  InputFiles.erase(std::unique(InputFiles.begin(), InputFiles.end()),
                   InputFiles.end());
  return Result;
}

} // namespace relcheck
