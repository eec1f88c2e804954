//===- TranslationUnitPlan.cpp --------------------------------------------===//
#include "TranslationUnitPlan.h"

#include "CompilationDatabaseLoader.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>

namespace relcheck {

using clang::tooling::CompilationDatabase;
using clang::tooling::CompileCommand;

std::string normalizedAbsolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  llvm::sys::path::native(Abs);
  return std::string(Abs);
}

namespace {

bool sameCommand(const CompileCommand &A, const CompileCommand &B) {
  return A.Directory == B.Directory && A.CommandLine == B.CommandLine &&
         A.Filename == B.Filename;
}

/// Looks up and adjusts the commands for one file.
class JobBuilder {
public:
  explicit JobBuilder(const ProjectInputs &Inputs)
      : FlagsFor(Inputs.FlagsFor), RemoveArgs(Inputs.RemoveArgs) {
    using namespace clang::tooling;
    ExtraArgs = combineAdjusters(
        getInsertArgumentAdjuster(Inputs.ExtraArgsBefore,
                                  ArgumentInsertPosition::BEGIN),
        getInsertArgumentAdjuster(Inputs.ExtraArgs,
                                  ArgumentInsertPosition::END));
  }

  /// The edits of docs/cli.md#compile-databases, in clangd's order.
  std::vector<std::string> edit(std::vector<std::string> Args,
                                llvm::StringRef File,
                                std::set<std::string> &Dropped) const {
    if (FlagsFor)
      for (const CompileFlagEdits &Edits : FlagsFor(File)) {
        ArgumentRemover(Edits.Remove).apply(Args);
        addArguments(Args, Edits.Add);
      }
    ArgumentRemover(RemoveArgs).apply(Args);
    Args = ExtraArgs(Args, File);
    dropUnknownArguments(Args, Dropped);
    return Args;
  }

  /// The same edits without a configuration, for commands looked up later.
  clang::tooling::ArgumentsAdjuster adjuster() const {
    JobBuilder Copy = *this;
    Copy.FlagsFor = nullptr;
    return [Copy](const clang::tooling::CommandLineArguments &Args,
                  llvm::StringRef File) {
      std::set<std::string> Dropped; // Noted at start-up, if ever.
      return Copy.edit(Args, File, Dropped);
    };
  }

  /// Adds the job for File (absolute) to Plan, or an error naming DbPath.
  void add(TranslationUnitPlan &Plan, const std::string &File,
           const LoadedDatabase &Loaded) {
    add(Plan, File, *Loaded.Database, Loaded.Path,
        Loaded.ResponseFileProblems.get());
  }

  void add(TranslationUnitPlan &Plan, const std::string &File,
           const CompilationDatabase &Db, llvm::StringRef DbPath,
           ResponseFileErrors *Problems = nullptr) {
    TranslationUnitJob Job;
    Job.File = File;
    std::vector<CompileCommand> Commands = Db.getCompileCommands(File);
    // Commands left out for their response files: each is an input error
    // of its own, and the file's other commands still run.
    // (Once each: a file without a usable command is looked up again as
    // the proxy of its own inferred command.)
    std::vector<std::string> Refused;
    if (Problems)
      for (std::string &Message : Problems->take())
        if (std::find(Refused.begin(), Refused.end(), Message) == Refused.end())
          Refused.push_back(std::move(Message));
    for (const std::string &Message : Refused)
      Plan.Errors.push_back({File, Message});
    for (CompileCommand &C : Commands) {
      C.CommandLine =
          edit(std::move(C.CommandLine), File, Plan.DroppedArguments);
      bool Duplicate = std::any_of(
          Job.Commands.begin(), Job.Commands.end(),
          [&](const CompileCommand &Seen) { return sameCommand(Seen, C); });
      if (!Duplicate)
        Job.Commands.push_back(std::move(C));
    }
    if (Job.Commands.empty() && !Refused.empty())
      return;
    if (Job.Commands.empty()) {
      Plan.Errors.push_back({File, DbPath.empty()
                                       ? "no compile command for '" + File + "'"
                                       : "no compile command for '" + File +
                                             "' in '" + DbPath.str() + "'"});
      return;
    }
    Plan.Jobs.push_back(std::move(Job));
  }

private:
  std::function<std::vector<CompileFlagEdits>(llvm::StringRef)> FlagsFor;
  std::vector<std::string> RemoveArgs;
  clang::tooling::ArgumentsAdjuster ExtraArgs;
};

/// The sources named on the command line that exist, absolute, sorted and
/// unique; the others become errors.
std::vector<std::string> existingSources(const std::vector<std::string> &Given,
                                         std::vector<ToolError> &Errors) {
  std::map<std::string, std::string> ByPath; // Absolute -> as given.
  for (const std::string &S : Given)
    ByPath.try_emplace(normalizedAbsolutePath(S), S);
  std::vector<std::string> Files;
  for (const auto &[Abs, AsGiven] : ByPath) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(Abs, Status) || !llvm::sys::fs::exists(Status)) {
      Errors.push_back({Abs, "no such file: '" + AsGiven + "'"});
      continue;
    }
    if (llvm::sys::fs::is_directory(Status)) {
      Errors.push_back(
          {Abs, "not a source file: '" + AsGiven + "' is a directory"});
      continue;
    }
    if (!llvm::sys::fs::is_regular_file(Status)) { // Would hang the parse.
      Errors.push_back({Abs, "not a source file: '" + AsGiven +
                                 "' is not a regular file (a FIFO or device)"});
      continue;
    }
    Files.push_back(Abs);
  }
  return Files;
}

} // namespace

TranslationUnitPlan planTranslationUnits(const ProjectInputs &Options) {
  TranslationUnitPlan Plan;
  JobBuilder Builder(Options);
  Plan.Adjuster = Builder.adjuster();

  if (Options.FixedDatabase) {
    for (const std::string &File :
         existingSources(Options.Sources, Plan.Errors))
      Builder.add(Plan, File, *Options.FixedDatabase, "");
    return Plan;
  }

  if (!Options.BuildPath.empty()) {
    llvm::Expected<LoadedDatabase> Database =
        loadCompilationDatabase(Options.BuildPath);
    if (!Database) {
      Plan.Errors.push_back({normalizedAbsolutePath(Options.BuildPath),
                             llvm::toString(Database.takeError())});
      return Plan;
    }
    Plan.Database = std::make_shared<LoadedDatabase>(std::move(*Database));
    const LoadedDatabase *Loaded = Plan.Database.get();
    std::vector<std::string> Files;
    if (Options.Sources.empty()) {
      for (const std::string &F : Loaded->Database->getAllFiles())
        Files.push_back(normalizedAbsolutePath(F));
      std::sort(Files.begin(), Files.end());
      Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
      if (Files.empty())
        Plan.Errors.push_back(
            {Loaded->Path,
             "no input files: '" + Loaded->Path + "' lists no source file"});
      // A database entry whose file is gone is as much an input error as a
      // missing file on the command line.
      Files = existingSources(Files, Plan.Errors);
    } else {
      Files = existingSources(Options.Sources, Plan.Errors);
    }
    for (const std::string &File : Files)
      Builder.add(Plan, File, *Loaded);
    return Plan;
  }

  DatabaseFinder Finder;
  for (const std::string &File :
       existingSources(Options.Sources, Plan.Errors)) {
    llvm::Expected<const LoadedDatabase *> Found = Finder.find(File);
    if (!Found) {
      std::string Message = llvm::toString(Found.takeError());
      if (!Message.empty()) // Empty: a broken database already reported.
        Plan.Errors.push_back({File, Message});
      continue;
    }
    Builder.add(Plan, File, **Found);
  }
  return Plan;
}

} // namespace relcheck
