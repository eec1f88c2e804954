//===- DependencyPrefilter.h - which TUs need parsing at all ----*- C++ -*-===//
//
// Clang's dependency scanner lists the files a TU includes in a fraction of
// the time a parse takes. A TU none of whose files can hold an annotation
// contributes no facts; among the others, a header's facts are the same
// from every TU compiled with the same flags, so a small set of TUs that
// together reach every annotated file (per flag group), plus every TU whose
// main file holds annotations, yields the same merged graph as all of them.
// See docs/performance.md for what "same" assumes; --exhaustive parses all.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "FileHashes.h"

#include "llvm/ADT/StringRef.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tooling::dependencies {
class DependencyScanningService;
} // namespace clang::tooling::dependencies

namespace relcheck {

/// Shared between threads; each scan() builds its own worker.
class DependencyScanner {
public:
  DependencyScanner();
  ~DependencyScanner();

  /// The absolute paths of every file the TU reads (main file included,
  /// sorted), or nullopt (with Error) when the scan fails.
  std::optional<FileList> scan(const std::vector<std::string> &CommandLine,
                               llvm::StringRef Directory, std::string &Error);

private:
  std::unique_ptr<clang::tooling::dependencies::DependencyScanningService>
      Service;
};

/// What the cover selection knows about one TU.
struct CoverCandidate {
  /// Full facts are already available (from the cache): free to "parse".
  bool HasFacts = false;
  /// Dependencies known (scanned or cached); false: the TU must be parsed.
  bool DepsKnown = false;
  std::string MainFile;
  FileList Files;
  /// TUs whose flags differ may see a header differently: never let one
  /// stand in for the other.
  std::string Group;
};

enum class CoverDecision { Parse, Cached, NoAnnotations, Covered };

/// Decides, for each candidate, whether it must be parsed. Deterministic:
/// greedy by most uncovered annotated files, ties to the lowest index.
std::vector<CoverDecision>
chooseCover(const std::vector<CoverCandidate> &Candidates, FileHashes &Hashes);

/// The group key of a command line: its arguments without the main file.
std::string flagGroup(const std::vector<std::string> &CommandLine,
                      llvm::StringRef MainFileAsGiven,
                      llvm::StringRef Directory);

} // namespace relcheck
