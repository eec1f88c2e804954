//===- FactsJson.cpp - facts to and from JSON -----------------------------===//
#include "facts/FactsJson.h"

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace relcheck {
namespace {

using nlohmann::json;

/// A shape error; the path grows as the error unwinds through the readers.
class FactsJsonError : public std::runtime_error {
public:
  FactsJsonError(std::string Path, std::string Detail)
      : std::runtime_error(Path.empty() ? Detail : Path + ": " + Detail),
        Path(std::move(Path)), Detail(std::move(Detail)) {}

  FactsJsonError within(const std::string &Segment) const {
    std::string Joined = Segment;
    if (!Path.empty())
      Joined += Path.front() == '[' ? Path : "." + Path;
    return FactsJsonError(std::move(Joined), Detail);
  }

private:
  std::string Path;
  std::string Detail;
};

template <typename T> struct IsVector : std::false_type {};
template <typename T> struct IsVector<std::vector<T>> : std::true_type {};

std::string typeName(const json &J) { return J.type_name(); }

[[noreturn]] void expected(const char *What, const json &J) {
  throw FactsJsonError("", std::string("expected ") + What + ", found " +
                               typeName(J));
}

template <typename T> void readValue(const json &J, T &Out);

template <typename T> void readVector(const json &J, std::vector<T> &Out) {
  if (!J.is_array())
    expected("an array", J);
  Out.clear();
  Out.reserve(J.size());
  for (size_t I = 0; I < J.size(); ++I) {
    T Element{};
    try {
      readValue(J[I], Element);
    } catch (const FactsJsonError &E) {
      throw E.within("[" + std::to_string(I) + "]");
    }
    Out.push_back(std::move(Element));
  }
}

template <typename T> void readValue(const json &J, T &Out) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (!J.is_string())
      expected("a string", J);
    Out = J.get<std::string>();
  } else if constexpr (std::is_same_v<T, InternedString>) {
    if (!J.is_string())
      expected("a string", J);
    Out = InternedString(J.get_ref<const std::string &>());
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!J.is_boolean())
      expected("a boolean", J);
    Out = J.get<bool>();
  } else if constexpr (std::is_same_v<T, unsigned>) {
    if (!J.is_number_unsigned() ||
        J.get<uint64_t>() > std::numeric_limits<unsigned>::max())
      expected("an unsigned integer", J);
    Out = J.get<unsigned>();
  } else if constexpr (std::is_same_v<T, int>) {
    if (!J.is_number_integer() ||
        J.get<int64_t>() > std::numeric_limits<int>::max() ||
        J.get<int64_t>() < std::numeric_limits<int>::min())
      expected("an integer", J);
    Out = J.get<int>();
  } else if constexpr (IsVector<T>::value) {
    readVector(J, Out);
  } else {
    from_json(J, Out);
  }
}

void requireObject(const json &J) {
  if (!J.is_object())
    expected("an object", J);
}

template <typename T> void readKey(const json &J, const char *Key, T &Out) {
  requireObject(J);
  auto It = J.find(Key);
  if (It == J.end())
    throw FactsJsonError("", std::string("missing key '") + Key + "'");
  try {
    readValue(*It, Out);
  } catch (const FactsJsonError &E) {
    throw E.within(Key);
  }
}

/// For keys written only when they differ from the default.
template <typename T>
void readOptionalKey(const json &J, const char *Key, T &Out) {
  requireObject(J);
  if (J.contains(Key))
    readKey(J, Key, Out);
}

/// PyExpr trees nest; a hostile document must not exhaust the stack.
constexpr unsigned MaxExprDepth = 200;
thread_local unsigned ExprDepth = 0;

struct DepthGuard {
  DepthGuard() {
    if (++ExprDepth > MaxExprDepth) {
      --ExprDepth;
      throw FactsJsonError("", "expression nested too deeply");
    }
  }
  ~DepthGuard() { --ExprDepth; }
};

struct KindName {
  PyExpr::Kind Kind;
  const char *Name;
};
constexpr KindName KindNames[] = {
    {PyExpr::Kind::Name, "Name"},           {PyExpr::Kind::String, "String"},
    {PyExpr::Kind::Number, "Number"},       {PyExpr::Kind::Constant, "Constant"},
    {PyExpr::Kind::Attribute, "Attribute"}, {PyExpr::Kind::Subscript, "Subscript"},
    {PyExpr::Kind::Call, "Call"},           {PyExpr::Kind::Keyword, "Keyword"},
    {PyExpr::Kind::List, "List"},           {PyExpr::Kind::Tuple, "Tuple"},
    {PyExpr::Kind::Dict, "Dict"},           {PyExpr::Kind::Compare, "Compare"},
    {PyExpr::Kind::BoolOp, "BoolOp"},       {PyExpr::Kind::UnaryOp, "UnaryOp"},
    {PyExpr::Kind::BinOp, "BinOp"},
};

} // namespace

void to_json(json &J, const SourceSpan &S) {
  J = json{{"file", S.File.str()},     {"begin", S.Begin},
           {"end", S.End},         {"line", S.Line},
           {"column", S.Column},   {"endLine", S.EndLine},
           {"endColumn", S.EndColumn}};
}

void from_json(const json &J, SourceSpan &S) {
  readKey(J, "file", S.File);
  readKey(J, "begin", S.Begin);
  readKey(J, "end", S.End);
  readKey(J, "line", S.Line);
  readKey(J, "column", S.Column);
  readKey(J, "endLine", S.EndLine);
  readKey(J, "endColumn", S.EndColumn);
}

void to_json(json &J, PyExpr::Kind K) {
  for (const KindName &Entry : KindNames)
    if (Entry.Kind == K) {
      J = Entry.Name;
      return;
    }
  J = "Name";
}

void from_json(const json &J, PyExpr::Kind &K) {
  if (!J.is_string())
    expected("an expression kind", J);
  const std::string &Name = J.get_ref<const std::string &>();
  for (const KindName &Entry : KindNames)
    if (Name == Entry.Name) {
      K = Entry.Kind;
      return;
    }
  throw FactsJsonError("", "unknown expression kind '" + Name + "'");
}

void to_json(json &J, const PyExpr &E) {
  J = json{{"kind", E.K}, {"text", E.Text}, {"begin", E.Begin}, {"end", E.End}};
  if (!E.Children.empty()) {
    json Children = json::array();
    for (const PyExpr &Child : E.Children)
      Children.push_back(Child);
    J["children"] = std::move(Children);
  }
  if (E.Verbatim || E.ValueOffset != 0) {
    J["verbatim"] = E.Verbatim;
    J["valueOffset"] = E.ValueOffset;
  }
}

void from_json(const json &J, PyExpr &E) {
  DepthGuard Guard;
  E = PyExpr();
  readKey(J, "kind", E.K);
  readKey(J, "text", E.Text);
  readKey(J, "begin", E.Begin);
  readKey(J, "end", E.End);
  readOptionalKey(J, "children", E.Children);
  readOptionalKey(J, "verbatim", E.Verbatim);
  readOptionalKey(J, "valueOffset", E.ValueOffset);
}

void to_json(json &J, const ArgFact &A) {
  J = json{{"keyword", A.Keyword},
           {"value", A.Value},
           {"keywordRange", A.KeywordRange},
           {"valueRange", A.ValueRange},
           {"range", A.Range}};
}

void from_json(const json &J, ArgFact &A) {
  readKey(J, "keyword", A.Keyword);
  readKey(J, "value", A.Value);
  readKey(J, "keywordRange", A.KeywordRange);
  readKey(J, "valueRange", A.ValueRange);
  readKey(J, "range", A.Range);
}

void to_json(json &J, const AnnotationFact &A) {
  J = json{{"text", A.Text},
           {"macroRange", A.MacroRange},
           {"argsRange", A.ArgsRange},
           {"exactRanges", A.ExactRanges},
           {"args", A.Args},
           {"parseFailed", A.ParseFailed}};
}

void from_json(const json &J, AnnotationFact &A) {
  readKey(J, "text", A.Text);
  readKey(J, "macroRange", A.MacroRange);
  readKey(J, "argsRange", A.ArgsRange);
  readKey(J, "exactRanges", A.ExactRanges);
  readKey(J, "args", A.Args);
  readKey(J, "parseFailed", A.ParseFailed);
}

void to_json(json &J, MemberShape S) {
  switch (S) {
  case MemberShape::Scalar:
    J = "Scalar";
    return;
  case MemberShape::Collection:
    J = "Collection";
    return;
  case MemberShape::Unknown:
    J = "Unknown";
    return;
  }
  J = "Unknown";
}

void from_json(const json &J, MemberShape &S) {
  if (!J.is_string())
    expected("a member shape", J);
  const std::string &Name = J.get_ref<const std::string &>();
  if (Name == "Scalar")
    S = MemberShape::Scalar;
  else if (Name == "Collection")
    S = MemberShape::Collection;
  else if (Name == "Unknown")
    S = MemberShape::Unknown;
  else
    throw FactsJsonError("", "unknown member shape '" + Name + "'");
}

void to_json(json &J, const MemberTypeFact &M) {
  J = json{{"spelling", M.Spelling},
           {"shape", M.Shape},
           {"elementName", M.ElementName},
           {"elementQualifiedName", M.ElementQualifiedName},
           {"elementKey", M.ElementKey},
           {"range", M.Range}};
}

void from_json(const json &J, MemberTypeFact &M) {
  readKey(J, "spelling", M.Spelling);
  readKey(J, "shape", M.Shape);
  readKey(J, "elementName", M.ElementName);
  readKey(J, "elementQualifiedName", M.ElementQualifiedName);
  readKey(J, "elementKey", M.ElementKey);
  readKey(J, "range", M.Range);
}

void to_json(json &J, const ColumnFact &C) {
  J = json{{"attribute", C.Attribute},
           {"memberName", C.MemberName},
           {"nameRange", C.NameRange},
           {"declRange", C.DeclRange},
           {"annotation", C.Annotation}};
}

void from_json(const json &J, ColumnFact &C) {
  readKey(J, "attribute", C.Attribute);
  readKey(J, "memberName", C.MemberName);
  readKey(J, "nameRange", C.NameRange);
  readKey(J, "declRange", C.DeclRange);
  readKey(J, "annotation", C.Annotation);
}

void to_json(json &J, const RelationshipFact &R) {
  J = json{{"attribute", R.Attribute},
           {"memberName", R.MemberName},
           {"nameRange", R.NameRange},
           {"declRange", R.DeclRange},
           {"memberType", R.MemberType},
           {"annotation", R.Annotation}};
}

void from_json(const json &J, RelationshipFact &R) {
  readKey(J, "attribute", R.Attribute);
  readKey(J, "memberName", R.MemberName);
  readKey(J, "nameRange", R.NameRange);
  readKey(J, "declRange", R.DeclRange);
  readKey(J, "memberType", R.MemberType);
  readKey(J, "annotation", R.Annotation);
}

void to_json(json &J, const PlainMemberFact &P) {
  J = json{{"name", P.Name}, {"nameRange", P.NameRange}, {"isMethod", P.IsMethod}};
}

void from_json(const json &J, PlainMemberFact &P) {
  readKey(J, "name", P.Name);
  readKey(J, "nameRange", P.NameRange);
  readKey(J, "isMethod", P.IsMethod);
}

void to_json(json &J, const ModelFact &M) {
  J = json{{"key", M.Key},
           {"name", M.Name},
           {"qualifiedName", M.QualifiedName},
           {"classKey", M.ClassKey},
           {"baseKeys", M.BaseKeys},
           {"baseNames", M.BaseNames},
           {"nameRange", M.NameRange},
           {"bodyRange", M.BodyRange},
           {"lastMemberEnd", M.LastMemberEnd},
           {"declarationStart", M.DeclarationStart},
           {"memberIndent", M.MemberIndent},
           {"annotation", M.Annotation},
           {"columns", M.Columns},
           {"relationships", M.Relationships},
           {"plainMembers", M.PlainMembers}};
}

void from_json(const json &J, ModelFact &M) {
  readKey(J, "key", M.Key);
  readKey(J, "name", M.Name);
  readKey(J, "qualifiedName", M.QualifiedName);
  readKey(J, "classKey", M.ClassKey);
  if (M.ClassKey != "struct" && M.ClassKey != "class")
    throw FactsJsonError("classKey", "must be \"struct\" or \"class\"");
  readKey(J, "baseKeys", M.BaseKeys);
  readKey(J, "baseNames", M.BaseNames);
  if (M.BaseKeys.size() != M.BaseNames.size())
    throw FactsJsonError("baseNames", "must be parallel to baseKeys");
  readKey(J, "nameRange", M.NameRange);
  readKey(J, "bodyRange", M.BodyRange);
  readKey(J, "lastMemberEnd", M.LastMemberEnd);
  readKey(J, "declarationStart", M.DeclarationStart);
  readKey(J, "memberIndent", M.MemberIndent);
  readKey(J, "annotation", M.Annotation);
  readKey(J, "columns", M.Columns);
  readKey(J, "relationships", M.Relationships);
  readKey(J, "plainMembers", M.PlainMembers);
}

void to_json(json &J, const TableFact &T) {
  J = json{{"name", T.Name}, {"nameRange", T.NameRange}, {"annotation", T.Annotation}};
}

void from_json(const json &J, TableFact &T) {
  readKey(J, "name", T.Name);
  readKey(J, "nameRange", T.NameRange);
  readKey(J, "annotation", T.Annotation);
}

void to_json(json &J, const AnnotationIssue &I) {
  J = json{{"range", I.Range}, {"message", I.Message}};
}

void from_json(const json &J, AnnotationIssue &I) {
  readKey(J, "range", I.Range);
  readKey(J, "message", I.Message);
}

void to_json(json &J, const CompileError &E) {
  J = json{{"range", E.Range}, {"message", E.Message}};
}

void from_json(const json &J, CompileError &E) {
  readKey(J, "range", E.Range);
  readKey(J, "message", E.Message);
}

void to_json(json &J, const ClassDeclarationFact &D) {
  J = json{{"key", D.Key}, {"nameRange", D.NameRange}};
}

void from_json(const json &J, ClassDeclarationFact &D) {
  readKey(J, "key", D.Key);
  readKey(J, "nameRange", D.NameRange);
}

void to_json(json &J, const IncludeFact &I) {
  J = json{{"directive", I.Directive}, {"included", I.Included.str()}};
}

void from_json(const json &J, IncludeFact &I) {
  readKey(J, "directive", I.Directive);
  readKey(J, "included", I.Included);
}

void to_json(json &J, const IncludeInsertionFact &I) {
  J = json{{"file", I.File.str()},
           {"header", I.Header},
           {"offset", I.Offset},
           {"text", I.Text}};
}

void from_json(const json &J, IncludeInsertionFact &I) {
  readKey(J, "file", I.File);
  readKey(J, "header", I.Header);
  readKey(J, "offset", I.Offset);
  readKey(J, "text", I.Text);
}

void to_json(json &J, const TuFacts &T) {
  J = json{{"schemaVersion", T.SchemaVersion},
           {"mainFile", T.MainFile},
           {"models", T.Models},
           {"classDeclarations", T.ClassDeclarations},
           {"includes", T.Includes},
           {"includeInsertions", T.IncludeInsertions},
           {"tables", T.Tables},
           {"issues", T.Issues},
           {"compileErrors", T.CompileErrors}};
}

void from_json(const json &J, TuFacts &T) {
  readKey(J, "schemaVersion", T.SchemaVersion);
  if (T.SchemaVersion != FactsSchemaVersion)
    throw FactsJsonError("schemaVersion",
                         "unsupported facts schema version " +
                             std::to_string(T.SchemaVersion) +
                             " (this relcheck reads version " +
                             std::to_string(FactsSchemaVersion) + ")");
  readKey(J, "mainFile", T.MainFile);
  readKey(J, "models", T.Models);
  readKey(J, "classDeclarations", T.ClassDeclarations);
  readKey(J, "includes", T.Includes);
  readKey(J, "includeInsertions", T.IncludeInsertions);
  readKey(J, "tables", T.Tables);
  readKey(J, "issues", T.Issues);
  readKey(J, "compileErrors", T.CompileErrors);
}

std::string factsToJson(const std::vector<TuFacts> &Units, int Indent) {
  json Document = json{{"schemaVersion", FactsSchemaVersion},
                       {"translationUnits", Units}};
  // Source text may hold bytes that are not UTF-8 (a Latin-1 comment in a
  // macro argument): replace them rather than throw.
  return Document.dump(Indent, ' ', /*ensure_ascii=*/false,
                       json::error_handler_t::replace);
}

bool factsFromJson(std::string_view Text, std::vector<TuFacts> &Units,
                   std::string &Error) {
  json Document;
  try {
    Document = json::parse(Text.begin(), Text.end());
  } catch (const json::exception &E) {
    Error = std::string("facts JSON: not valid JSON: ") + E.what();
    return false;
  }
  try {
    int Version = 0;
    readKey(Document, "schemaVersion", Version);
    if (Version != FactsSchemaVersion) {
      Error = "facts JSON: unsupported schema version " +
              std::to_string(Version) + " (this relcheck reads version " +
              std::to_string(FactsSchemaVersion) + ")";
      return false;
    }
    std::vector<TuFacts> Read;
    readKey(Document, "translationUnits", Read);
    Units = std::move(Read);
    return true;
  } catch (const std::exception &E) {
    // FactsJsonError carries the key path; anything else (bad_alloc, a
    // nlohmann type error) still must not escape.
    Error = std::string("facts JSON: ") + E.what();
    return false;
  }
}

} // namespace relcheck
