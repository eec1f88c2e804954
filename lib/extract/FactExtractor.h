//===- FactExtractor.h - facts from a Clang AST -----------------*- C++ -*-===//
//
// The only code in relcheck that touches the Clang AST. It finds the
// relcheck annotate attributes (see <relcheck/orm.hpp>), recovers the exact
// source text and ranges of each macro argument, parses them (syntax only)
// and returns plain TuFacts.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/Facts.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <map>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class SourceManager;
namespace tooling {
struct CompileCommand;
} // namespace tooling
} // namespace clang

namespace relcheck {

class PreambleStore;
struct FileStamp;

/// Extracts every model, table, column and relationship visible in the TU
/// (in any file, headers included). Deterministic; never throws.
TuFacts extractFacts(clang::ASTContext &Ctx);

struct ExtractOptions {
  /// -resource-dir to inject unless the command has one.
  std::string ResourceDir;
  /// Extra arguments appended to every command (CLI `--extra-arg`).
  std::vector<std::string> ExtraArgs;
};

/// Parses one TU from its compile command (syntax only, function bodies
/// skipped: models live in class definitions) and extracts its facts.
/// Clang errors are captured into TuFacts::CompileErrors, never printed;
/// facts from a TU with errors are kept (partial) but the caller reports
/// the TU as failed.
TuFacts extractFactsFromCommand(const clang::tooling::CompileCommand &Command,
                                const ExtractOptions &Options);

/// As above; also lists in \p InputFiles every file Clang read for the TU
/// (absolute, sorted, the main file included): everything its facts can
/// depend on, for the fact cache.
TuFacts extractFactsFromCommand(const clang::tooling::CompileCommand &Command,
                                const ExtractOptions &Options,
                                std::vector<std::string> &InputFiles);

/// The general form of the two above. Files of \p Overlay (absolute,
/// normalized path -> content; may be null) shadow the disk: an editor's
/// unsaved buffers. \p AfterParse (may be null) sees the TU's source manager
/// right after extraction, with every file the TU loaded, except those of
/// a precompiled preamble. With \p Preambles (may be null) the parse loads
/// the TU's system headers from a preamble kept there (built if none fits;
/// the facts are the same); \p PreambleFiles (may be null) then receives
/// the stamps of the files that preamble read.
TuFacts extractFactsFromCommand(
    const clang::tooling::CompileCommand &Command,
    const ExtractOptions &Options,
    const std::map<std::string, std::string> *Overlay,
    llvm::function_ref<void(const clang::SourceManager &)> AfterParse,
    PreambleStore *Preambles = nullptr,
    std::vector<FileStamp> *PreambleFiles = nullptr);

/// The command line extractFactsFromCommand hands to Clang for \p Command
/// (syntax only, outputs stripped, -Wno-error, resource dir, extra args):
/// what the dependency scanner must see, and what a cache key must cover.
std::vector<std::string>
extractionCommandLine(const clang::tooling::CompileCommand &Command,
                      const ExtractOptions &Options);

} // namespace relcheck
