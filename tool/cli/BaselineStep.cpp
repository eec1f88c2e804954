//===- BaselineStep.cpp ---------------------------------------------------===//
#include "BaselineStep.h"

#include "driver/RegularFile.h"
#include "driver/TranslationUnitPlan.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace relcheck {

/// A baseline entry takes about 150 bytes: 64 MiB is some 400,000 findings.
constexpr size_t MaxBaselineBytes = size_t(64) << 20;

llvm::Expected<Baseline> loadBaselineFile(const std::string &Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      readBoundedFile(Path, MaxBaselineBytes);
  if (Buffer.getError() == std::errc::file_too_large)
    return llvm::createStringError("cannot read baseline '" + Path +
                                   "': larger than 64 MiB");
  if (!Buffer)
    return llvm::createStringError("cannot read baseline '" + Path +
                                   "': " + Buffer.getError().message());
  std::string Error;
  std::optional<Baseline> B =
      parseBaseline((*Buffer)->getBuffer(), Path, Error);
  if (!B)
    return llvm::createStringError("invalid baseline " + Error);
  return std::move(*B);
}

BaselineComparison applyBaseline(AnalysisReport &Report, const Baseline &B,
                                 bool Quiet) {
  BaselineComparison C = compareWithBaseline(Report.Findings, B);
  Report.Findings = C.New;
  if (!C.Fixed.empty() && !Quiet) {
    unsigned Count = 0;
    std::string List;
    for (const BaselineEntry &E : C.Fixed) {
      Count += E.Count;
      List += (List.empty() ? "" : ", ") + describeBaselineEntry(E);
    }
    llvm::errs() << "relcheck: " << Count << " baseline "
                 << (Count == 1 ? "entry no longer matches"
                                : "entries no longer match")
                 << " (fixed): " << List << '\n';
  }
  return C;
}

/// The top of the git work tree holding \p Dir (the nearest directory with
/// a .git entry: a directory, or a file in a worktree or submodule), or "".
static std::string workTreeTop(llvm::StringRef Dir) {
  for (llvm::StringRef D = Dir; !D.empty();
       D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Git(D);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return std::string(D);
  }
  return "";
}

std::string baseDirectory(const CliOptions &Options) {
  if (!Options.BaseDir.empty())
    return normalizedAbsolutePath(Options.BaseDir);
  if (!Options.BuildPath.empty()) {
    std::string Dir = normalizedAbsolutePath(Options.BuildPath);
    if (!llvm::sys::fs::is_directory(Dir))
      Dir = std::string(llvm::sys::path::parent_path(Dir));
    // build/ is rarely where the sources are: the repository is what code
    // scanning maps %SRCROOT% to.
    std::string Top = workTreeTop(Dir);
    return Top.empty() ? Dir : Top;
  }
  return normalizedAbsolutePath(".");
}

} // namespace relcheck
