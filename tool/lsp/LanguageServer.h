//===- LanguageServer.h - relcheck's Language Server ------------*- C++ -*-===//
//
// `relcheck lsp`: a small Language Server editors run beside clangd. It
// keeps the project's facts (ProjectFacts), publishes the findings of each
// open file as diagnostics on open, save and (debounced) change, and offers
// the findings' fixes as code actions. Single-threaded message loop; only
// the initial indexing runs in the background. See docs/editor.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "JsonRpcTransport.h"
#include "LspDiagnostics.h"
#include "ProjectFacts.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace relcheck::lsp {

struct ServerOptions {
  /// -p: the build directory; "" to look in the workspace root and its
  /// build/ directory.
  std::string BuildPath;
  std::vector<std::string> ExtraArgs; ///< --extra-arg.
  /// --cache-dir: the fact cache the CLI uses too ("" = --no-cache).
  std::string CacheDir;
  std::string DocsRoot; ///< See ClientOptions::DocsRoot.
  /// Quiet time after the last didChange before the unsaved buffers are
  /// analyzed (open and save analyze at once).
  int ChangeDelayMs = 400;
};

class LanguageServer {
public:
  LanguageServer(JsonRpcTransport &Transport, ServerOptions Opts);

  /// Serves until "exit" or the end of input; returns the exit status: 0
  /// after shutdown + exit, 1 otherwise (as the specification asks).
  int run();

private:
  struct Document {
    std::string Uri;
    std::string Text;
    int64_t Version = 0;
  };
  using Clock = std::chrono::steady_clock;

  JsonRpcTransport &Transport;
  ServerOptions Options;
  ProjectFacts Project;
  ClientOptions Client;
  bool Initialized = false;
  bool ShutdownRequested = false;
  bool ExitRequested = false;
  std::map<std::string, Document> Documents;
  std::map<std::string, nlohmann::json> Published;
  /// The text of each open file at the last analysis where it was not
  /// stale: where the offsets of its kept findings point while it is.
  std::map<std::string, std::string> LastGoodText;

  /// Analysis to run at Deadline; Force: files to publish even when their
  /// diagnostics did not change (the answer to their open/save).
  bool Pending = false;
  Clock::time_point Deadline;
  std::set<std::string> Force;
  /// The last analysis was quick (ProjectFacts::refresh) and left TUs to
  /// re-extract: the next one is complete.
  bool Completing = false;

  void handle(const nlohmann::json &Message);
  void request(const std::string &Method, const nlohmann::json &Id,
               const nlohmann::json &Params);
  void notification(const std::string &Method, const nlohmann::json &Params);

  nlohmann::json initialize(const nlohmann::json &Params);
  nlohmann::json codeAction(const nlohmann::json &Params);
  void didOpen(const nlohmann::json &Params);
  void didChange(const nlohmann::json &Params);
  void didSave(const nlohmann::json &Params);
  void didClose(const nlohmann::json &Params);

  void loadDatabase(const std::string &Root);
  void schedule(const std::string &Path, int DelayMs);
  void analyzePending();
  void publish(const std::string &Path, nlohmann::json Diagnostics);
  /// The project's findings, those of stale open files moved to where
  /// their text is in the buffers now.
  std::vector<Finding> currentFindings();

  void reply(const nlohmann::json &Id, nlohmann::json Result);
  void replyError(const nlohmann::json &Id, int Code,
                  const std::string &Message);
  void notify(const std::string &Method, nlohmann::json Params);
  void reportIndexed(const ProjectFacts::IndexSummary &Summary);
  void showMessage(int Type, const std::string &Message);
};

} // namespace relcheck::lsp
