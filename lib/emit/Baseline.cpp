//===- Baseline.cpp -------------------------------------------------------===//
#include "emit/Baseline.h"

#include "findings/FindingKey.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace relcheck {
namespace {

using Json = nlohmann::ordered_json;

auto entryKey(const BaselineEntry &E) {
  return std::tie(E.Rule, E.Model, E.Attribute, E.Fingerprint);
}

/// Sorts and merges entries with the same fingerprint (counts add up).
void normalize(std::vector<BaselineEntry> &Entries) {
  std::sort(Entries.begin(), Entries.end(),
            [](const BaselineEntry &A, const BaselineEntry &B) {
              return entryKey(A) < entryKey(B);
            });
  std::vector<BaselineEntry> Merged;
  for (BaselineEntry &E : Entries) {
    if (!Merged.empty() && entryKey(Merged.back()) == entryKey(E))
      Merged.back().Count += E.Count;
    else
      Merged.push_back(std::move(E));
  }
  Entries = std::move(Merged);
}

/// 1-based line and column of byte \p Offset of \p Text.
std::pair<size_t, size_t> lineColumn(std::string_view Text, size_t Offset) {
  Offset = std::min(Offset, Text.size());
  size_t Line = 1, LineStart = 0;
  for (size_t I = 0; I < Offset; ++I)
    if (Text[I] == '\n') {
      ++Line;
      LineStart = I + 1;
    }
  return {Line, Offset - LineStart + 1};
}

/// nlohmann's DOM parser, keeping the first error and where it happened
/// instead of throwing it. A number too large for a double ("1e400") is an
/// out_of_range error, not a parse_error: catching only parse_error let it
/// escape, and `relcheck --baseline` died in std::terminate (found by
/// fuzz_baseline). Every error the parser reports comes through here.
struct PositionedDomParser : nlohmann::detail::json_sax_dom_parser<Json> {
  explicit PositionedDomParser(Json &Root)
      : json_sax_dom_parser(Root, /*allow_exceptions_=*/false) {}
  size_t ErrorByte = 0;
  std::string ErrorWhat;

  template <typename Exception>
  bool parse_error(size_t Byte, const std::string &, const Exception &E) {
    if (ErrorWhat.empty()) {
      ErrorByte = Byte;
      ErrorWhat = E.what();
    }
    return false;
  }
};

bool isFingerprint(const std::string &S) {
  return S.size() == 16 && std::all_of(S.begin(), S.end(), [](char C) {
           return (C >= '0' && C <= '9') || (C >= 'a' && C <= 'f');
         });
}

} // namespace

Baseline baselineFromFindings(const std::vector<Finding> &Findings) {
  Baseline B;
  for (const Finding &F : Findings)
    B.Entries.push_back(
        {F.RuleId, F.Model, F.Attribute, findingFingerprint(F), 1});
  normalize(B.Entries);
  return B;
}

std::string serializeBaseline(const Baseline &B) {
  Json Entries = Json::array();
  for (const BaselineEntry &E : B.Entries) {
    Json J = Json::object();
    J["rule"] = E.Rule;
    J["model"] = E.Model;
    J["attribute"] = E.Attribute;
    J["fingerprint"] = E.Fingerprint;
    if (E.Count != 1)
      J["count"] = E.Count;
    Entries.push_back(std::move(J));
  }
  Json J = Json::object();
  J["tool"] = "relcheck";
  J["version"] = BaselineFormatVersion;
  J["entries"] = std::move(Entries);
  return J.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<Baseline> parseBaseline(std::string_view Text,
                                      const std::string &Name,
                                      std::string &Error) {
  Json J;
  PositionedDomParser Parser(J);
  if (!Json::sax_parse(Text.begin(), Text.end(), &Parser) ||
      !Parser.ErrorWhat.empty()) {
    // The byte is 1-based: the byte at which parsing failed.
    auto [Line, Column] =
        lineColumn(Text, Parser.ErrorByte == 0 ? 0 : Parser.ErrorByte - 1);
    // "[json.exception.parse_error.101] parse error at line 1, column 2:
    // syntax error ..." -> "syntax error ...";
    // "[json.exception.out_of_range.406] number overflow parsing '1e400'"
    // -> "number overflow parsing '1e400'".
    std::string What = Parser.ErrorWhat;
    if (size_t Close = What.find("] ");
        !What.empty() && What[0] == '[' && Close != std::string::npos)
      What = What.substr(Close + 2);
    if (What.rfind("parse error", 0) == 0)
      if (size_t Colon = What.find(": "); Colon != std::string::npos)
        What = What.substr(Colon + 2);
    Error = Name + ":" + std::to_string(Line) + ":" + std::to_string(Column) +
            ": invalid JSON: " + What;
    return std::nullopt;
  }
  auto Fail = [&](const std::string &Path, const std::string &Problem) {
    Error = Name + ": " + Path + ": " + Problem;
    return std::nullopt;
  };
  if (!J.is_object())
    return Fail("(top level)", "expected an object with \"version\" and "
                               "\"entries\"");
  auto Version = J.find("version");
  if (Version == J.end() || !Version->is_number_integer())
    return Fail("version", "expected the integer " +
                               std::to_string(BaselineFormatVersion));
  if (Version->get<long long>() != BaselineFormatVersion)
    return Fail("version", "unsupported baseline version " + Version->dump() +
                               " (this relcheck reads version " +
                               std::to_string(BaselineFormatVersion) + ")");
  auto Entries = J.find("entries");
  if (Entries == J.end() || !Entries->is_array())
    return Fail("entries", "expected an array");
  Baseline B;
  size_t Index = 0;
  for (const Json &E : *Entries) {
    std::string Path = "entries[" + std::to_string(Index++) + "]";
    if (!E.is_object())
      return Fail(Path, "expected an object");
    BaselineEntry Entry;
    for (auto [Key, Field] :
         {std::pair<const char *, std::string *>{"rule", &Entry.Rule},
          {"model", &Entry.Model},
          {"attribute", &Entry.Attribute},
          {"fingerprint", &Entry.Fingerprint}}) {
      auto It = E.find(Key);
      if (It == E.end() || !It->is_string())
        return Fail(Path + "." + Key, "expected a string");
      *Field = It->get<std::string>();
    }
    if (Entry.Rule.empty())
      return Fail(Path + ".rule", "expected a rule id");
    if (!isFingerprint(Entry.Fingerprint))
      return Fail(Path + ".fingerprint",
                  "expected 16 lowercase hex digits, got '" +
                      Entry.Fingerprint + "'");
    auto Count = E.find("count");
    if (Count != E.end()) {
      if (!Count->is_number_unsigned() ||
          Count->get<unsigned long long>() == 0 ||
          Count->get<unsigned long long>() > 1000000)
        return Fail(Path + ".count", "expected a positive integer");
      Entry.Count = Count->get<unsigned>();
    }
    B.Entries.push_back(std::move(Entry));
  }
  normalize(B.Entries);
  return B;
}

BaselineComparison compareWithBaseline(const std::vector<Finding> &Findings,
                                       const Baseline &B) {
  std::map<std::string, unsigned> Remaining;
  for (const BaselineEntry &E : B.Entries)
    Remaining[E.Fingerprint] += E.Count;
  BaselineComparison Result;
  for (const Finding &F : Findings) {
    auto It = Remaining.find(findingFingerprint(F));
    if (It != Remaining.end() && It->second > 0) {
      --It->second;
      Result.Unchanged.push_back(F);
    } else {
      Result.New.push_back(F);
    }
  }
  for (const BaselineEntry &E : B.Entries) {
    unsigned &Left = Remaining[E.Fingerprint];
    if (Left == 0)
      continue;
    BaselineEntry Fixed = E;
    Fixed.Count = Left;
    Left = 0;
    Result.Fixed.push_back(std::move(Fixed));
  }
  return Result;
}

std::string describeBaselineEntry(const BaselineEntry &E) {
  std::string Where = E.Model;
  if (!E.Attribute.empty())
    Where += (Where.empty() ? "" : ".") + E.Attribute;
  std::string S = E.Rule;
  if (!Where.empty())
    S += " on '" + Where + "'";
  if (E.Count > 1)
    S += " (x" + std::to_string(E.Count) + ")";
  return S;
}

} // namespace relcheck
