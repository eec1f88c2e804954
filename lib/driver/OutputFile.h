//===- OutputFile.h - report files that never clobber -----------*- C++ -*-===//
#pragma once

#include "llvm/Support/Error.h"

#include <string>

namespace relcheck {

/// Writes \p Content to \p Path, as `-o`, `--dump-facts`, `--write-baseline`,
/// `--export-fixes` and the fact cache need it. What happens depends on what
/// \p Path names, so that relcheck never turns something that is not a
/// regular file into one (`relcheck -o /dev/null` as root once replaced the
/// machine's /dev/null):
///  - "-", /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: written to
///    that descriptor of this process, as a shell redirection expects;
///  - a device, FIFO or socket (after following symlinks): written through,
///    opened without O_CREAT or O_TRUNC;
///  - a regular file, or nothing yet: written to a temporary beside it and
///    renamed over it, so readers never see half a report and a failed run
///    leaves the previous file intact; an existing file keeps its
///    permissions (and owner, where allowed);
///  - a symlink: the same, at the file it finally points to; the link stays;
///  - a directory, or a place where no temporary can be created: an error.
/// The error reads "cannot write '<path>': <reason>".
llvm::Error writeOutputFile(const std::string &Path,
                            const std::string &Content);

} // namespace relcheck
