//===- CliOptions.cpp -----------------------------------------------------===//
//
// The options mirror clang::tooling::CommonOptionsParser (same names, same
// meaning) but are declared here: CommonOptionsParser loads the compilation
// database itself, and on failure prints several lines and silently carries
// on "without flags", and with ZeroOrMore and no source files it loads no
// database at all. relcheck needs one clear error line per problem and `-p`
// without files, so the database loading lives in CompilationDatabaseLoader.
//
//===----------------------------------------------------------------------===//
#include "CliOptions.h"
#include "ColorOption.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <cctype>

namespace relcheck {
std::string defaultCacheDirectory(); // FactCache.cpp
} // namespace relcheck

namespace relcheck {
namespace {

namespace cl = llvm::cl;

cl::OptionCategory RelcheckCategory("relcheck options");

const char Overview[] =
    "Checks C++ ORM model declarations (relcheck/orm.hpp annotations) the "
    "way SQLAlchemy 1.4 configures them.\n"
    "\n"
    "  relcheck -p build                  every translation unit in "
    "build/compile_commands.json\n"
    "  relcheck -p build a.cpp b.cpp      only these (commands from the "
    "database)\n"
    "  relcheck a.cpp -- -std=c++17 -Iinclude   no database: these compiler "
    "arguments\n"
    "\n"
    "  relcheck --fix -p build            apply every fix in place\n"
    "\n"
    "Exit status: 0 no findings, 1 findings, 2 usage or input error. With\n"
    "--fix: 0 when every finding was fixed, 1 when findings remain.\n"
    "\n"
    "SUBCOMMANDS (each with its own --help):\n"
    "\n"
    "  relcheck graph [--format=dot|mermaid] ...   the model graph "
    "(docs/graph.md)\n"
    "  relcheck merge <facts-file>... [options]     the report of the "
    "--shard runs' --facts-out files\n"
    "  relcheck lsp [-p <build-dir>]               the language server "
    "(docs/editor.md)\n";

const char MergeUsage[] =
    "USAGE: relcheck merge <facts-file>... [options]\n"
    "\n"
    "Reports exactly what one full run reports, from the --facts-out files "
    "of 'relcheck --shard=<i>/<n>' runs (docs/performance.md). The report "
    "options below apply.\n\n";

/// The options that are errors (or mean nothing) in a subcommand: hidden
/// from its --help, which lists only what it accepts.
const std::vector<llvm::StringRef> &optionsInvalidIn(CliMode Mode, bool Merge) {
  static const std::vector<llvm::StringRef> Graph = {
      "fix",          "fix-dry-run",    "diff",
      "export-fixes", "fix-exact-only", "parseable-fixits",
      "list-rules",   "format",         "print-plugin-path"};
  static const std::vector<llvm::StringRef> MergeOnly = {"p",
                                                         "extra-arg",
                                                         "extra-arg-before",
                                                         "remove-arg",
                                                         "shard",
                                                         "facts-out",
                                                         "fix",
                                                         "fix-dry-run",
                                                         "diff",
                                                         "export-fixes",
                                                         "fix-exact-only",
                                                         "exhaustive",
                                                         "cache-dir",
                                                         "no-cache",
                                                         "j",
                                                         "print-plugin-path"};
  static const std::vector<llvm::StringRef> None;
  if (Merge)
    return MergeOnly;
  return Mode == CliMode::Graph ? Graph : None;
}

void hideInvalidOptions(CliMode Mode, bool Merge) {
  llvm::StringMap<cl::Option *> &Registered = cl::getRegisteredOptions();
  for (llvm::StringRef Name : optionsInvalidIn(Mode, Merge))
    if (cl::Option *O = Registered.lookup(Name))
      O->setHiddenFlag(cl::ReallyHidden);
}

cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory containing compile_commands.json"),
              cl::value_desc("build-dir"), cl::cat(RelcheckCategory));

cl::list<std::string>
    SourcePaths(cl::Positional,
                cl::desc("[<source> ...] [-- <compiler arguments>]"),
                cl::ZeroOrMore, cl::cat(RelcheckCategory));

cl::list<std::string> ExtraArgs(
    "extra-arg",
    cl::desc("Additional argument to append to the compiler command line"),
    cl::cat(RelcheckCategory));

cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before",
    cl::desc("Additional argument to prepend to the compiler command line"),
    cl::cat(RelcheckCategory));

cl::list<std::string> RemoveArgs(
    "remove-arg",
    cl::desc("Remove an argument from every compile command: a flag clang "
             "knows with its value in every form ('-I', '-std='), a glob "
             "ending in '*' ('-W*'), or an exact argument (repeatable; "
             "clangd's CompileFlags: Remove)"),
    cl::value_desc("flag-or-glob"), cl::cat(RelcheckCategory));

// Taken out of argv before llvm::cl sees it (ColorOption.h): declared for
// --help only, with LLVM's own --color described beside it.
cl::opt<std::string> UseColorHelp(
    "use-color", cl::ValueOptional,
    cl::desc("Colour the text report as clang-tidy spells it: 'true' (the "
             "default without a value) = --color=always, 'false' = "
             "--color=never"),
    cl::value_desc("true|false"), cl::cat(RelcheckCategory));
cl::extrahelp ColorHelp(
    "\nCOLOUR:\n\n"
    "  --color=<auto|always|never>  - Colour the text report as clang colours "
    "its diagnostics; 'auto' (default): only on a terminal\n\n");

// A string rather than cl::values: llvm::cl prints a bad enum value straight
// to stderr in its own format, bypassing the error stream we reformat.
cl::opt<std::string>
    Format("format",
           cl::desc("Output format: 'text' (clang-style diagnostics, "
                    "default), 'json' (docs/json-report.md), 'sarif' (SARIF "
                    "2.1.0, docs/sarif.md), 'rdjsonl' (reviewdog) or "
                    "'codequality' (GitLab Code Quality, docs/ci.md)"),
           cl::value_desc("text|json|sarif|rdjsonl|codequality"),
           cl::init("text"), cl::cat(RelcheckCategory));

cl::opt<std::string> Output(
    "output",
    cl::desc("Write the report to <file> (atomically) instead of stdout; "
             "also -o <file>"),
    cl::value_desc("file"), cl::cat(RelcheckCategory));
cl::alias OutputShort("o", cl::desc("Alias for --output"), cl::aliasopt(Output),
                      cl::cat(RelcheckCategory));

cl::opt<std::string>
    Rules("rules",
          cl::desc("Comma-separated globs of rule ids to enable ('-' prefix "
                   "disables), applied after the default '*', e.g. "
                   "'-*,relcheck-legacy-backref'"),
          cl::value_desc("globs"), cl::cat(RelcheckCategory));

cl::opt<bool> ListRules(
    "list-rules",
    cl::desc("List the enabled rules (id, default severity, summary) and exit"),
    cl::cat(RelcheckCategory));

cl::opt<bool> PrintPluginPath(
    "print-plugin-path",
    cl::desc("Print the path of the clang-tidy plugin relcheck-tidy.so "
             "installed with this relcheck (for clang-tidy-19 "
             "--load=$(relcheck --print-plugin-path)) and exit"),
    cl::cat(RelcheckCategory));

cl::opt<std::string> DumpFacts(
    "dump-facts",
    cl::desc("Write the facts of every translation unit as JSON to <file> "
             "('-' = stdout)"),
    cl::value_desc("file"), cl::cat(RelcheckCategory));

cl::opt<bool> Quiet("quiet",
                    cl::desc("Do not print the summary line on stderr"),
                    cl::cat(RelcheckCategory));

cl::opt<bool>
    Fix("fix",
        cl::desc("Apply the fixes in place (docs/fixes.md). A file is written "
                 "atomically, and only while it still holds the bytes relcheck "
                 "analyzed; overlapping fixes of different findings are not "
                 "applied"),
        cl::cat(RelcheckCategory));

cl::opt<bool> FixDryRun(
    "fix-dry-run",
    cl::desc("Print what --fix would change as a unified diff on stdout "
             "(instead of the report; -o still writes the report) and write "
             "no source file"),
    cl::cat(RelcheckCategory));
cl::opt<bool> FixExactOnly(
    "fix-exact-only",
    cl::desc("With --fix, --fix-dry-run or --export-fixes: only the fixes "
             "that keep what SQLAlchemy does; not the one-way form of a "
             "filtered collection (its backref= gets the exact two-way "
             "rewrite instead), nor a back_populates added to a one-sided "
             "partner"),
    cl::cat(RelcheckCategory));

cl::alias DiffAlias("diff", cl::desc("Alias for --fix-dry-run"),
                    cl::aliasopt(FixDryRun), cl::cat(RelcheckCategory));

cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the fixes --fix would apply (formatted) to <file> as "
             "clang-tidy's YAML, for clang-apply-replacements"),
    cl::value_desc("file"), cl::cat(RelcheckCategory));

cl::opt<bool> ParseableFixits(
    "parseable-fixits",
    cl::desc("Print each edit of a finding's fix as a machine-readable "
             "'fix-it:' line, like clang's -fdiagnostics-parseable-fixits"),
    cl::cat(RelcheckCategory));

cl::opt<std::string> BaseDir(
    "base-dir",
    cl::desc("Directory SARIF, rdjsonl and --fix-dry-run paths are "
             "relative to (the repository root; default: with -p, the git "
             "work tree holding the database, else the current directory)"),
    cl::value_desc("dir"), cl::cat(RelcheckCategory));

cl::opt<std::string> BaselineFile(
    "baseline",
    cl::desc("Report (and fail on) only the findings not recorded in <file> "
             "(docs/baseline.md); its entries that no longer match are listed "
             "as fixed"),
    cl::value_desc("file"), cl::cat(RelcheckCategory));

cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Record every current finding in <file> (atomically) for "
             "--baseline; exits 0 once written unless there are input errors"),
    cl::value_desc("file"), cl::cat(RelcheckCategory));
cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("Use this configuration file for every file instead of looking "
             "up .relcheck.yaml from each file's directory (docs/config.md)"),
    cl::value_desc("file"), cl::cat(RelcheckCategory));

cl::opt<bool> DumpConfig(
    "dump-config",
    cl::desc("Print the configuration in effect (for the given file, else "
             "for the current directory) as YAML, and exit"),
    cl::cat(RelcheckCategory));

cl::opt<std::string> FailOnOption(
    "fail-on",
    cl::desc("Exit with 1 when a finding of at least this severity remains: "
             "'warning' (default) or 'error'"),
    cl::value_desc("error|warning"), cl::cat(RelcheckCategory));

cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regular expression: report findings in headers whose path "
             "matches (default: every header); findings in the analyzed "
             "source files are always reported"),
    cl::value_desc("regex"), cl::cat(RelcheckCategory));

cl::opt<bool> ReportUnusedSuppressions(
    "report-unused-suppressions",
    cl::desc("Warn about NOLINT comments naming relcheck rules that "
             "suppress nothing (docs/suppressions.md)"),
    cl::cat(RelcheckCategory));

cl::opt<unsigned> JobsOpt(
    "j",
    cl::desc("Parse <n> translation units in parallel (default: one per core)"),
    cl::value_desc("n"), cl::init(0), cl::Prefix, cl::cat(RelcheckCategory));

cl::opt<std::string> CacheDirOpt(
    "cache-dir",
    cl::desc("Fact cache directory (default: $RELCHECK_CACHE_DIR, else "
             "$XDG_CACHE_HOME/relcheck, else ~/.cache/relcheck)"),
    cl::value_desc("dir"), cl::cat(RelcheckCategory));

cl::opt<bool> NoCacheOpt("no-cache",
                         cl::desc("Neither read nor write the fact cache"),
                         cl::cat(RelcheckCategory));

cl::opt<bool> ExhaustiveOpt(
    "exhaustive",
    cl::desc("Parse every translation unit (no dependency-scan prefilter, "
             "no cover set); docs/performance.md"),
    cl::cat(RelcheckCategory));

cl::opt<bool> StatsOpt(
    "tu-stats",
    cl::desc("Print how many translation units were parsed, read from the "
             "cache or skipped, on stderr"),
    cl::cat(RelcheckCategory));

cl::opt<std::string> ShardOpt(
    "shard",
    cl::desc("Analyze only slice <i> of <n> of the translation units "
             "(0 <= i < n); use with --facts-out and `relcheck merge`"),
    cl::value_desc("i/n"), cl::cat(RelcheckCategory));

cl::opt<std::string> FactsOutOpt(
    "facts-out",
    cl::desc("Write this run's facts to <file> for `relcheck merge FILE...`"),
    cl::value_desc("file"), cl::cat(RelcheckCategory));

/// Parses "I/N"; false on anything else.
bool parseShard(llvm::StringRef Text, unsigned &Index, unsigned &Count) {
  auto [I, N] = Text.split('/');
  return !I.getAsInteger(10, Index) && !N.getAsInteger(10, Count) &&
         Count > 0 && Index < Count;
}

void printVersion(llvm::raw_ostream &OS) {
  OS << "relcheck version " << RELCHECK_VERSION << " (LLVM "
     << LLVM_VERSION_STRING << ")\n";
}

/// llvm::cl reports "relcheck: <problem>"; make the first line
/// "relcheck: error: <problem>" like every other relcheck error.
void printUsageError(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  Text.trim().split(Lines, '\n', -1, /*KeepEmpty=*/false);
  bool First = true;
  for (llvm::StringRef Line : Lines) {
    Line = Line.rtrim();
    if (First) {
      Line.consume_front("relcheck: ");
      Line = Line.ltrim();
      // clang-tidy style: lowercase start ("Unknown command line argument").
      std::string Message = Line.str();
      if (Message.size() > 1 &&
          std::isupper(static_cast<unsigned char>(Message[0])) &&
          !std::isupper(static_cast<unsigned char>(Message[1])))
        Message[0] = static_cast<char>(
            std::tolower(static_cast<unsigned char>(Message[0])));
      llvm::errs() << "relcheck: error: " << Message << '\n';
      First = false;
    } else {
      llvm::errs() << Line << '\n';
    }
  }
  if (First) // llvm::cl already printed the problem itself.
    llvm::errs() << "relcheck: error: invalid command line (see above)\n";
}

bool wantsHelp(const std::vector<const char *> &Args) {
  for (const char *A : Args) {
    llvm::StringRef Arg(A);
    if (Arg == "--help" || Arg == "-help" || Arg == "--help-list" ||
        Arg == "-help-list")
      return true;
  }
  return false;
}

std::optional<OutputFormat> parseFormat(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<OutputFormat>>(Name)
      .Case("text", OutputFormat::Text)
      .Case("json", OutputFormat::Json)
      .Case("sarif", OutputFormat::Sarif)
      .Case("rdjsonl", OutputFormat::Rdjsonl)
      .Case("codequality", OutputFormat::CodeQuality)
      .Default(std::nullopt);
}

/// Copies the parsed cl::opt values into \p Result; the usage error of a
/// value that is not one of those an option takes, if any.
std::optional<std::string> takeParsedOptions(CliOptions &Result) {
  Result.Sources.assign(SourcePaths.begin(), SourcePaths.end());
  Result.BuildPath = BuildPath;
  Result.ExtraArgs.assign(ExtraArgs.begin(), ExtraArgs.end());
  Result.ExtraArgsBefore.assign(ExtraArgsBefore.begin(), ExtraArgsBefore.end());
  Result.RemoveArgs.assign(RemoveArgs.begin(), RemoveArgs.end());
  if (std::optional<OutputFormat> F = parseFormat(Format))
    Result.Format = *F;
  else
    return "--format: unknown format '" + Format +
           "' (expected 'text', 'json', 'sarif', 'rdjsonl' or "
           "'codequality')";
  Result.OutputFile = Output;
  Result.RuleGlobs = Rules;
  Result.DumpFactsFile = DumpFacts;
  Result.ListRules = ListRules;
  Result.PrintPluginPath = PrintPluginPath;
  Result.Quiet = Quiet;
  Result.Fix = Fix;
  Result.FixDryRun = FixDryRun;
  Result.FixExactOnly = FixExactOnly;
  Result.ExportFixesFile = ExportFixes;
  Result.ParseableFixits = ParseableFixits;
  Result.BaseDir = BaseDir;
  Result.BaselineFile = BaselineFile;
  Result.WriteBaselineFile = WriteBaseline;
  Result.ConfigFile = ConfigFile;
  Result.DumpConfig = DumpConfig;
  Result.FailOn = FailOnOption;
  if (HeaderFilter.getNumOccurrences())
    Result.HeaderFilter = HeaderFilter;
  Result.ReportUnusedSuppressions = ReportUnusedSuppressions;
  if (!Result.FailOn.empty() && Result.FailOn != "error" &&
      Result.FailOn != "warning")
    return "--fail-on: unknown severity '" + Result.FailOn +
           "' (expected 'error' or 'warning')";
  Result.Jobs = JobsOpt;
  Result.Exhaustive = ExhaustiveOpt;
  Result.Stats = StatsOpt;
  Result.FactsOutFile = FactsOutOpt;
  if (!NoCacheOpt)
    Result.CacheDir = CacheDirOpt.empty() ? defaultCacheDirectory()
                                          : std::string(CacheDirOpt);
  if (!ShardOpt.empty() &&
      !parseShard(ShardOpt, Result.ShardIndex, Result.ShardCount))
    return "--shard: expected <i>/<n> with 0 <= i < n, got '" + ShardOpt + "'";
  return std::nullopt;
}

/// The usage error of options that cannot be combined, if any.
std::optional<std::string> conflictingOptions(const CliOptions &Result) {
  if (Result.ShardCount > 1 &&
      (Result.FactsOutFile.empty() || Result.wantsFixes()))
    return "--shard needs --facts-out (a shard reports nothing itself; "
           "'relcheck merge' does) and no fix options";
  if (Result.Merge) {
    if (Result.FixedDatabase || !Result.BuildPath.empty() ||
        !ShardOpt.empty() || !Result.FactsOutFile.empty() ||
        Result.wantsFixes())
      return "'relcheck merge' takes --facts-out files and report options "
             "only (no -p, --, --shard, --facts-out or fix options)";
    if (Result.Sources.empty())
      return "'relcheck merge': no --facts-out files given";
  }
  if (Result.Fix && Result.FixDryRun)
    return "'--fix' and '--fix-dry-run' cannot be combined";
  if (Result.FixExactOnly && !Result.wantsFixes())
    return "'--fix-exact-only' needs '--fix', '--fix-dry-run' or "
           "'--export-fixes'";
  if (Result.ExportFixesFile == "-" && Result.FixDryRun)
    return "'--export-fixes=-' and '--fix-dry-run' both write to stdout";
  return std::nullopt;
}

/// The usage error when the inputs to analyze are missing or given twice
/// over; none for the options that analyze nothing.
std::optional<std::string> inputProblem(const CliOptions &Result) {
  if (Result.ListRules || Result.PrintPluginPath)
    return std::nullopt;
  if (Result.DumpConfig) {
    if (Result.Sources.size() > 1)
      return "--dump-config takes at most one file";
    return std::nullopt;
  }
  // Clang tools silently ignore -p here; say it instead.
  if (Result.FixedDatabase && !Result.BuildPath.empty())
    return "'-p' and '--' cannot be combined: use a compilation database or "
           "compiler arguments after '--'";
  if (Result.Sources.empty() && Result.BuildPath.empty())
    return "no input files (give source files with -p BUILD_DIR or "
           "'-- <compiler arguments>', or -p BUILD_DIR alone); see "
           "'relcheck --help'";
  return std::nullopt;
}

} // namespace

CliOptions::CliOptions() = default;
CliOptions::CliOptions(CliOptions &&) noexcept = default;
CliOptions::~CliOptions() = default;

std::optional<CliOptions> parseCommandLine(int Argc, const char **Argv,
                                           CliMode Mode) {
  CliOptions Result;
  // `relcheck merge FILE... [options]`: the same options, sources are
  // --facts-out files.
  std::vector<const char *> MergeArgv;
  if (Argc > 1 && llvm::StringRef(Argv[1]) == "merge") {
    Result.Merge = true;
    MergeArgv.push_back(Argv[0]);
    MergeArgv.insert(MergeArgv.end(), Argv + 2, Argv + Argc);
    Argc = static_cast<int>(MergeArgv.size());
    Argv = MergeArgv.data();
  }
  // Splits off "-- <compiler args>" (Argc shrinks to the part before it).
  std::string FixedError;
  Result.FixedDatabase =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(Argc, Argv,
                                                                    FixedError);
  if (!FixedError.empty()) {
    printUsageError(FixedError);
    return std::nullopt;
  }

  std::vector<const char *> Args(Argv, Argv + Argc);
  if (std::optional<std::string> Bad = takeColorOptions(Args, Result.Color)) {
    printUsageError(*Bad);
    return std::nullopt;
  }
  cl::HideUnrelatedOptions(RelcheckCategory);
  hideInvalidOptions(Mode, Result.Merge);
  if (Result.Merge && wantsHelp(Args))
    llvm::outs() << MergeUsage;
  cl::SetVersionPrinter(printVersion);
  std::string ParseErrors;
  llvm::raw_string_ostream ErrOS(ParseErrors);
  if (!cl::ParseCommandLineOptions(
          static_cast<int>(Args.size()), Args.data(),
          // A subcommand prints its own usage.
          Result.Merge || Mode != CliMode::Report ? "" : Overview, &ErrOS)) {
    ErrOS.flush();
    printUsageError(ParseErrors);
    return std::nullopt;
  }

  std::optional<std::string> Error = takeParsedOptions(Result);
  if (!Error)
    Error = conflictingOptions(Result);
  if (!Error)
    Error = inputProblem(Result);
  if (Error) {
    printUsageError(*Error);
    return std::nullopt;
  }
  if (Result.OutputFile == "-")
    Result.OutputFile.clear();
  return Result;
}

} // namespace relcheck
