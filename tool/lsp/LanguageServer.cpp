//===- LanguageServer.cpp -------------------------------------------------===//
#include "LanguageServer.h"

#include "LspCodeActions.h"
#include "ServerLog.h"
#include "StaleFindings.h"
#include "Uri.h"

#include "driver/TranslationUnitPlan.h"
#include "emit/Plural.h"

#include "rules/Registry.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <sys/resource.h>

namespace relcheck::lsp {
namespace {

using nlohmann::json;

// JSON-RPC and LSP error codes.
constexpr int ParseError = -32700;
constexpr int InvalidRequest = -32600;
constexpr int MethodNotFound = -32601;
constexpr int InvalidParams = -32602;
constexpr int InternalError = -32603;
constexpr int ServerNotInitialized = -32002;

// window/showMessage types.
constexpr int MessageError = 1;
constexpr int MessageWarning = 2;
constexpr int MessageInfo = 3;

/// CPU time of the whole process (every thread), in milliseconds: on a
/// busy machine wall time says little about the analysis itself.
long cpuMilliseconds() {
  struct rusage Usage;
  if (getrusage(RUSAGE_SELF, &Usage) != 0)
    return 0;
  return (Usage.ru_utime.tv_sec + Usage.ru_stime.tv_sec) * 1000L +
         (Usage.ru_utime.tv_usec + Usage.ru_stime.tv_usec) / 1000L;
}

/// A request's params that must be an object.
class BadParams : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string pathOf(const json &TextDocument) {
  std::string Uri = TextDocument.at("uri").get<std::string>();
  std::optional<std::string> Path = uriToPath(Uri);
  if (!Path)
    throw BadParams("not a file URI: '" + Uri + "'");
  return *Path;
}

Position positionOf(const json &P) {
  int64_t Line = P.at("line").get<int64_t>();
  int64_t Character = P.at("character").get<int64_t>();
  if (Line < 0 || Character < 0)
    throw BadParams("negative position");
  return {static_cast<unsigned>(std::min<int64_t>(Line, UINT32_MAX)),
          static_cast<unsigned>(std::min<int64_t>(Character, UINT32_MAX))};
}

bool validId(const json &Id) {
  return Id.is_string() || Id.is_number_integer() || Id.is_number_unsigned();
}

} // namespace

LanguageServer::LanguageServer(JsonRpcTransport &Transport, ServerOptions Opts)
    : Transport(Transport), Options(std::move(Opts)),
      Project(selectableRules(), [&] {
        // --extra-arg is in the plan's commands, as in the CLI's, so that
        // both compute the same cache keys.
        ExtractOptions E;
        E.ResourceDir = RELCHECK_CLANG_RESOURCE_DIR;
        return E;
      }()) {
  Client.DocsRoot = Options.DocsRoot;
}

int LanguageServer::run() {
  while (!ExitRequested) {
    if (Pending) {
      auto Now = Clock::now();
      if (Now >= Deadline) {
        analyzePending();
        continue;
      }
      int Wait = static_cast<int>(
          std::chrono::duration_cast<std::chrono::milliseconds>(Deadline - Now)
              .count());
      if (!Transport.waitForInput(std::max(Wait, 1))) {
        analyzePending();
        continue;
      }
    }
    JsonRpcTransport::Incoming In = Transport.read();
    if (In.St == JsonRpcTransport::Status::Eof) {
      logLine("relcheck lsp: input closed without 'exit'");
      return 1;
    }
    if (In.St == JsonRpcTransport::Status::Malformed) {
      logLine("relcheck lsp: skipped a malformed message: " + In.Error);
      replyError(nullptr,
                 In.Error == "invalid JSON" ? ParseError : InvalidRequest,
                 In.Error);
      continue;
    }
    handle(In.Message);
  }
  return ShutdownRequested ? 0 : 1;
}

void LanguageServer::handle(const json &Message) {
  if (!Message.is_object()) {
    replyError(nullptr, InvalidRequest, "a message must be a JSON object");
    return;
  }
  json Id = Message.contains("id") ? Message["id"] : json();
  bool HasId = Message.contains("id");
  if (!Message.contains("method")) {
    // A response to a request of ours (we send none that need one), or junk.
    if (!Message.contains("result") && !Message.contains("error"))
      replyError(HasId && validId(Id) ? Id : json(), InvalidRequest,
                 "a message needs a 'method'");
    return;
  }
  if (!Message["method"].is_string() || (HasId && !validId(Id))) {
    replyError(HasId && validId(Id) ? Id : json(), InvalidRequest,
               "'method' must be a string and 'id' a number or a string");
    return;
  }
  std::string Method = Message["method"].get<std::string>();
  json Params = Message.contains("params") ? Message["params"] : json::object();
  try {
    if (HasId)
      request(Method, Id, Params);
    else
      notification(Method, Params);
  } catch (const BadParams &E) {
    if (HasId)
      replyError(Id, InvalidParams, E.what());
    logLine("relcheck lsp: " + Method + ": " + E.what());
  } catch (const json::exception &E) {
    if (HasId)
      replyError(Id, InvalidParams, std::string("invalid params: ") + E.what());
    logLine("relcheck lsp: " + Method + ": invalid params: " + E.what());
  } catch (const std::exception &E) {
    if (HasId)
      replyError(Id, InternalError, E.what());
    logLine("relcheck lsp: " + Method + ": " + E.what());
  }
}

void LanguageServer::request(const std::string &Method, const json &Id,
                             const json &Params) {
  if (Method == "initialize") {
    if (Initialized) {
      replyError(Id, InvalidRequest, "initialize was already received");
      return;
    }
    reply(Id, initialize(Params));
    return;
  }
  if (!Initialized) {
    replyError(Id, ServerNotInitialized, "initialize first");
    return;
  }
  if (ShutdownRequested) {
    replyError(Id, InvalidRequest, "the server is shutting down");
    return;
  }
  if (Method == "shutdown") {
    ShutdownRequested = true;
    reply(Id, nullptr);
  } else if (Method == "textDocument/codeAction") {
    reply(Id, codeAction(Params));
  } else {
    replyError(Id, MethodNotFound, "method not found: " + Method);
  }
}

void LanguageServer::notification(const std::string &Method,
                                  const json &Params) {
  if (Method == "exit") {
    ExitRequested = true;
    return;
  }
  if (!Initialized || ShutdownRequested)
    return; // The specification: drop notifications then.
  if (Method == "textDocument/didOpen")
    didOpen(Params);
  else if (Method == "textDocument/didChange")
    didChange(Params);
  else if (Method == "textDocument/didSave")
    didSave(Params);
  else if (Method == "textDocument/didClose")
    didClose(Params);
  else if (Method == "workspace/didChangeWatchedFiles")
    schedule("", Options.ChangeDelayMs);
  // initialized, $/cancelRequest, $/setTrace...: nothing to do.
}

json LanguageServer::initialize(const json &Params) {
  if (!Params.is_object())
    throw BadParams("initialize params must be an object");
  Initialized = true;
  json Caps = Params.value("capabilities", json::object());
  auto Flag = [&](std::initializer_list<const char *> Path) {
    const json *At = &Caps;
    for (const char *Key : Path) {
      if (!At->is_object() || !At->contains(Key))
        return false;
      At = &(*At)[Key];
    }
    return At->is_boolean() && At->get<bool>();
  };
  Client.RelatedInformation =
      Flag({"textDocument", "publishDiagnostics", "relatedInformation"});
  Client.DocumentChanges =
      Flag({"workspace", "workspaceEdit", "documentChanges"});
  std::string Encoding = "utf-16";
  if (Caps.contains("general") && Caps["general"].is_object()) {
    json Encodings = Caps["general"].value("positionEncodings", json::array());
    if (Encodings.is_array())
      for (const json &E : Encodings)
        if (E == "utf-8") {
          Encoding = "utf-8";
          Client.Encoding = PositionEncoding::Utf8;
        }
  }

  std::string Root;
  if (Params.contains("rootUri") && Params["rootUri"].is_string())
    Root = uriToPath(Params["rootUri"].get<std::string>()).value_or("");
  if (Root.empty() && Params.contains("rootPath") &&
      Params["rootPath"].is_string())
    Root = Params["rootPath"].get<std::string>();
  if (Root.empty() && Params.contains("workspaceFolders") &&
      Params["workspaceFolders"].is_array() &&
      !Params["workspaceFolders"].empty())
    Root =
        uriToPath(Params["workspaceFolders"][0].value("uri", "")).value_or("");
  loadDatabase(Root);

  return {
      {"capabilities",
       {{"positionEncoding", Encoding},
        {"textDocumentSync",
         {{"openClose", true},
          {"change", 2}, // Incremental.
          {"save", {{"includeText", false}}}}},
        {"codeActionProvider",
         {{"codeActionKinds", {"quickfix", "source.fixAll.relcheck"}}}}}},
      {"serverInfo", {{"name", "relcheck"}, {"version", RELCHECK_VERSION}}}};
}

void LanguageServer::loadDatabase(const std::string &Root) {
  std::vector<std::string> Candidates;
  if (!Options.BuildPath.empty()) {
    Candidates.push_back(Options.BuildPath);
  } else if (!Root.empty()) {
    for (const char *Sub : {"", "build"}) {
      llvm::SmallString<256> Dir(Root);
      llvm::sys::path::append(Dir, Sub);
      for (const char *Name : {"compile_commands.json", "compile_flags.txt"}) {
        llvm::SmallString<256> File(Dir);
        llvm::sys::path::append(File, Name);
        if (llvm::sys::fs::exists(File)) {
          Candidates.push_back(std::string(Dir));
          break;
        }
      }
      if (!Candidates.empty())
        break;
    }
  }
  if (Candidates.empty()) {
    showMessage(MessageError,
                "relcheck: no compilation database in the workspace root '" +
                    Root +
                    "' or its build/ directory; start relcheck lsp "
                    "with -p <build-dir>");
    return;
  }
  // Planned as `relcheck -p <dir>` plans: every file the database lists.
  ProjectInputs Inputs;
  Inputs.BuildPath = Candidates.front();
  Inputs.ExtraArgs = Options.ExtraArgs;
  TranslationUnitPlan Plan = planTranslationUnits(Inputs);
  if (!Plan.Database) {
    showMessage(MessageError, "relcheck: " + Plan.Errors.front().Message);
    return;
  }
  std::string DatabasePath = Plan.Database->Path;
  logLine("relcheck lsp: compilation database " + DatabasePath);
  Project.setConfigRoot(
      Root.empty() ? std::string(llvm::sys::path::parent_path(DatabasePath))
                   : Root);
  Project.start(std::move(Plan), Options.CacheDir,
                [this](const ProjectFacts::IndexSummary &Summary) {
                  reportIndexed(Summary);
                });
}

void LanguageServer::didOpen(const json &Params) {
  const json &Doc = Params.at("textDocument");
  std::string Path = pathOf(Doc);
  Document &D = Documents[Path];
  D.Uri = Doc.at("uri").get<std::string>();
  D.Text = Doc.at("text").get<std::string>();
  D.Version = Doc.value("version", int64_t(0));
  schedule(Path, 0);
}

void LanguageServer::didChange(const json &Params) {
  const json &Doc = Params.at("textDocument");
  std::string Path = pathOf(Doc);
  auto It = Documents.find(Path);
  if (It == Documents.end())
    throw BadParams("didChange for a document that is not open: '" + Path +
                    "'");
  Document &D = It->second;
  std::string Text = D.Text;
  for (const json &Change : Params.at("contentChanges")) {
    std::string New = Change.at("text").get<std::string>();
    if (!Change.contains("range")) {
      Text = std::move(New);
      continue;
    }
    LineIndex Index(Text);
    unsigned Begin =
        Index.offset(positionOf(Change["range"].at("start")), Client.Encoding);
    unsigned End =
        Index.offset(positionOf(Change["range"].at("end")), Client.Encoding);
    if (End < Begin)
      throw BadParams("a change range ends before it starts");
    Text.replace(Begin, End - Begin, New);
  }
  D.Text = std::move(Text);
  D.Version = Doc.value("version", D.Version + 1);
  schedule(Path, Options.ChangeDelayMs);
}

void LanguageServer::didSave(const json &Params) {
  std::string Path = pathOf(Params.at("textDocument"));
  auto It = Documents.find(Path);
  if (It != Documents.end() && Params.contains("text") &&
      Params["text"].is_string())
    It->second.Text = Params["text"].get<std::string>();
  // Other files the save touched on disk are seen by their stamps.
  schedule(Path, 0);
}

void LanguageServer::didClose(const json &Params) {
  std::string Path = pathOf(Params.at("textDocument"));
  auto It = Documents.find(Path);
  if (It == Documents.end())
    return;
  std::string Uri = It->second.Uri;
  Documents.erase(It);
  Published.erase(Path);
  LastGoodText.erase(Path);
  Force.erase(Path);
  notify("textDocument/publishDiagnostics",
         {{"uri", Uri}, {"diagnostics", json::array()}});
  // The disk version replaces the buffer for the other open files.
  schedule("", Options.ChangeDelayMs);
}

void LanguageServer::schedule(const std::string &Path, int DelayMs) {
  auto At = Clock::now() + std::chrono::milliseconds(DelayMs);
  if (!Path.empty())
    Force.insert(Path);
  if (!Pending || DelayMs == 0 || At > Deadline)
    Deadline = DelayMs == 0 ? Clock::now() : At;
  Pending = true;
}

void LanguageServer::analyzePending() {
  Pending = false;
  std::set<std::string> Forced;
  Forced.swap(Force);
  auto Start = Clock::now();
  long StartCpu = cpuMilliseconds();
  Overlay Buffers;
  std::set<std::string> Open;
  for (const auto &[Path, D] : Documents) {
    Buffers.emplace(Path, D.Text);
    Open.insert(Path);
  }
  // Quick first (one TU per changed header), the rest right after, once the
  // input is quiet: the open file's diagnostics do not wait for every TU
  // that includes it.
  bool Quick = !Completing;
  Completing = false;
  bool Changed = Project.refresh(Buffers, Open, Quick);
  auto Ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() -
                                                                  Start)
                .count();
  const ProjectFacts::Timings &Times = Project.lastTimings();
  std::string Line;
  llvm::raw_string_ostream(Line)
      << "relcheck lsp: analyzed in " << Ms << " ms, "
      << cpuMilliseconds() - StartCpu << " ms CPU ("
      << Project.lastExtractions() << " of " << Project.unitCount()
      << " translation units extracted" << (Changed ? "" : ", nothing changed")
      << (Project.incomplete() ? ", the others follow" : "") << ") [changes "
      << Times.Detect << " ms, extraction " << Times.Extract
      << " ms, graph and rules " << Times.Graph << " ms; preambles "
      << Project.preambles().builds() << " built, "
      << Project.preambles().reuses() << " reused, "
      << Project.preambles().storedBytes() / (size_t(1024) * 1024) << " MiB]";
  logLine(Line);

  if (Project.incomplete()) {
    Completing = true;
    schedule("", 50);
  }

  SourceTexts Texts(Buffers);
  std::vector<Finding> Findings = currentFindings();
  for (const auto &[Path, D] : Documents) {
    json Diagnostics;
    if (!Project.hasDatabase()) {
      Diagnostics = json::array(
          {{{"range",
             {{"start", {{"line", 0}, {"character", 0}}},
              {"end", {{"line", 0}, {"character", 0}}}}},
            {"severity", 1},
            {"source", "relcheck"},
            {"message", "relcheck: no compilation database; start relcheck "
                        "lsp with -p <build-dir>"}}});
    } else {
      bool Stale = Project.isStale(Path);
      Diagnostics = fileDiagnostics(Path, Findings, Project.failuresFor(Path),
                                    Texts, Client, Stale);
      if (!Stale)
        LastGoodText[Path] = D.Text;
    }
    auto Last = Published.find(Path);
    if (Forced.count(Path) || Last == Published.end() ||
        Last->second != Diagnostics)
      publish(Path, std::move(Diagnostics));
  }
}

std::vector<Finding> LanguageServer::currentFindings() {
  std::map<std::string, StaleText> Stale;
  for (const std::string &Path : Project.staleFiles()) {
    auto Then = LastGoodText.find(Path);
    auto Now = Documents.find(Path);
    if (Then != LastGoodText.end() && Now != Documents.end())
      Stale[Path] = {Then->second, &Now->second.Text};
  }
  if (Stale.empty())
    return Project.findings();
  return shiftStaleFindings(Project.findings(), Stale);
}

void LanguageServer::publish(const std::string &Path, json Diagnostics) {
  const Document &D = Documents.at(Path);
  Published[Path] = Diagnostics;
  notify("textDocument/publishDiagnostics",
         {{"uri", D.Uri},
          {"version", D.Version},
          {"diagnostics", std::move(Diagnostics)}});
}

json LanguageServer::codeAction(const json &Params) {
  std::string Path = pathOf(Params.at("textDocument"));
  // Answer from findings that match the current buffers.
  if (Pending)
    analyzePending();
  std::map<std::string, std::string> Buffers;
  std::map<std::string, int64_t> Versions;
  for (const auto &[P, D] : Documents) {
    Buffers.emplace(P, D.Text);
    Versions.emplace(P, D.Version);
  }
  SourceTexts Texts(Buffers);
  const LineIndex *Index = Texts.index(Path);
  if (!Index)
    return json::array();
  CodeActionRequest Request;
  Request.File = Path;
  const json &Range = Params.at("range");
  Request.Begin = Index->offset(positionOf(Range.at("start")), Client.Encoding);
  Request.End = Index->offset(positionOf(Range.at("end")), Client.Encoding);
  if (Request.End < Request.Begin)
    std::swap(Request.Begin, Request.End);
  if (Params.contains("context") && Params["context"].contains("only"))
    for (const json &Kind : Params["context"]["only"])
      Request.Only.push_back(Kind.get<std::string>());
  // A stale finding's edits are offsets into a text the buffer no longer
  // holds: no fix until the file compiles again.
  std::vector<Finding> Fresh;
  for (const Finding &F : Project.findings()) {
    bool Stale = Project.isStale(F.Range.File.str());
    for (const Fix &X : F.Fixes)
      for (const Replacement &R : X.Replacements)
        Stale = Stale || Project.isStale(R.File);
    if (!Stale)
      Fresh.push_back(F);
  }
  return codeActions(Request, Fresh, Buffers, Versions, Client);
}

void LanguageServer::reply(const json &Id, json Result) {
  Transport.send(
      {{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
}

void LanguageServer::replyError(const json &Id, int Code,
                                const std::string &Message) {
  Transport.send({{"jsonrpc", "2.0"},
                  {"id", Id},
                  {"error", {{"code", Code}, {"message", Message}}}});
}

void LanguageServer::notify(const std::string &Method, json Params) {
  Transport.send(
      {{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
}

// An input left out of the analysis is the user's to fix (the CLI exits 2
// for it): each goes to the log, and one message says that there are any,
// lest the findings of the rest look complete.
void LanguageServer::reportIndexed(const ProjectFacts::IndexSummary &Summary) {
  logLine(Summary.Line);
  notify("window/logMessage",
         {{"type", MessageInfo}, {"message", Summary.Line}});
  // A database that fails every TU would flood the client's log: the
  // first few go there, all of them to stderr.
  constexpr size_t MaxLogged = 50;
  for (size_t I = 0; I < Summary.Errors.size(); ++I) {
    const ToolError &E = Summary.Errors[I];
    logLine("relcheck lsp: " + E.Message);
    if (I < MaxLogged)
      notify("window/logMessage",
             {{"type", MessageWarning}, {"message", "relcheck: " + E.Message}});
  }
  if (Summary.Errors.size() > MaxLogged)
    notify("window/logMessage",
           {{"type", MessageWarning},
            {"message", "relcheck: " +
                            countOf(Summary.Errors.size() - MaxLogged,
                                    "more input problem") +
                            " (every one is on the server's stderr)"}});
  if (Summary.Errors.empty())
    return;
  std::string Message = "relcheck: " + Summary.Errors.front().Message;
  if (Summary.Errors.size() > 1)
    Message += " (and " +
               countOf(Summary.Errors.size() - 1, "other input problem") +
               " in the log)";
  showMessage(MessageWarning, Message);
}

void LanguageServer::showMessage(int Type, const std::string &Message) {
  logLine(Message);
  notify("window/showMessage", {{"type", Type}, {"message", Message}});
}

} // namespace relcheck::lsp
