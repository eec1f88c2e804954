//===- Vocabulary.cpp - SQLAlchemy's declarative vocabulary ---------------===//
#include "graph/Vocabulary.h"

#include "annotations/PyLexer.h"

#include "graph/MapperArguments.h"
#include "graph/RefusalCases.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace relcheck {

using K = PyExpr::Kind;

//===----------------------------------------------------------------------===//
// Argument views
//===----------------------------------------------------------------------===//

std::vector<ArgView> viewArgs(const ArgumentLocator &Loc,
                              const std::vector<ArgFact> &Args) {
  (void)Loc;
  std::vector<ArgView> Out;
  for (const ArgFact &A : Args) {
    ArgView V;
    V.Keyword = A.Keyword;
    V.Value = &A.Value;
    V.Outer = &A;
    V.KeywordRange = A.KeywordRange;
    V.ValueRange = A.ValueRange;
    V.Range = A.Range;
    Out.push_back(std::move(V));
  }
  return Out;
}

std::vector<ArgView> viewCallArgs(const ArgumentLocator &Loc,
                                  const ArgFact &Outer, const PyExpr &Call) {
  std::vector<ArgView> Out;
  if (!Call.is(K::Call))
    return Out;
  for (size_t I = 1; I < Call.Children.size(); ++I) {
    const PyExpr &C = Call.Children[I];
    ArgView V;
    V.Outer = &Outer;
    if (C.is(K::Keyword) && !C.Children.empty()) {
      V.Keyword = C.Text;
      V.Value = &C.Children[0];
      V.KeywordRange = Loc.keywordName(Outer, C);
      V.ValueRange = Loc.node(Outer, C.Children[0]);
      V.Range = Loc.node(Outer, C);
    } else {
      V.Value = &C;
      V.ValueRange = Loc.node(Outer, C);
      V.Range = V.ValueRange;
    }
    Out.push_back(std::move(V));
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// Suggestions
//===----------------------------------------------------------------------===//

// Kept by hand: llvm::ComputeEditDistance (StringRef::edit_distance) is
// Levenshtein, where a transposed pair of letters costs two edits.
unsigned typoDistance(std::string_view A, std::string_view B, bool IgnoreCase) {
  const size_t N = A.size(), M = B.size();
  std::vector<std::vector<unsigned>> D(N + 1, std::vector<unsigned>(M + 1));
  for (size_t I = 0; I <= N; ++I)
    D[I][0] = unsigned(I);
  for (size_t J = 0; J <= M; ++J)
    D[0][J] = unsigned(J);
  auto Lower = [](char C) {
    return C >= 'A' && C <= 'Z' ? char(C - 'A' + 'a') : C;
  };
  auto Same = [&](char X, char Y) {
    return X == Y || (IgnoreCase && Lower(X) == Lower(Y));
  };
  for (size_t I = 1; I <= N; ++I)
    for (size_t J = 1; J <= M; ++J) {
      unsigned Cost = Same(A[I - 1], B[J - 1]) ? 0 : 1;
      D[I][J] =
          std::min({D[I - 1][J] + 1, D[I][J - 1] + 1, D[I - 1][J - 1] + Cost});
      if (I > 1 && J > 1 && Same(A[I - 1], B[J - 2]) &&
          Same(A[I - 2], B[J - 1]))
        D[I][J] = std::min(D[I][J], D[I - 2][J - 2] + 1);
    }
  return D[N][M];
}

std::string closestName(std::string_view Word,
                        const std::vector<std::string> &Candidates) {
  if (Word.empty())
    return "";
  unsigned Limit = std::max<unsigned>(1, unsigned(Word.size()) / 3);
  // Case differences are the most plausible typos: rank by the distance
  // ignoring case, then by the exact distance, then by name.
  std::tuple<unsigned, unsigned, std::string> Best{Limit + 1, 0, ""};
  for (const std::string &C : Candidates) {
    if (C == Word || C.empty())
      continue;
    std::tuple<unsigned, unsigned, std::string> Score{
        typoDistance(Word, C, true), typoDistance(Word, C, false), C};
    if (Score < Best)
      Best = Score;
  }
  return std::get<0>(Best) <= Limit ? std::get<2>(Best) : "";
}

std::string didYouMean(std::string_view Word,
                       const std::vector<std::string> &Candidates) {
  std::string C = closestName(Word, Candidates);
  return C.empty() ? "" : "; did you mean '" + C + "'?";
}

//===----------------------------------------------------------------------===//
// Tables of names
//===----------------------------------------------------------------------===//

namespace {

/// How a keyword's value is checked.
enum class ValueRule {
  Any,
  Bool,   ///< True/False (None is falsy and accepted).
  String, ///< A string (or None).
  Lazy,
  Cascade,
  Backref,
  BackPopulates,
  Join,
  ColumnList, ///< remote_side / foreign_keys.
  Secondary,
  Target,
  PassiveDeletes, ///< bool or "all".
  InnerJoin,      ///< bool or "unnested".
  Int,            ///< a number or None.
  Dict,           ///< a dict or None.
  Autoincrement,  ///< bool, "auto" or "ignore_fk".
};

struct KeywordRule {
  const char *Name;
  ValueRule Rule;
};

// RelationshipProperty.__init__ (relationships.py, rel_1_4_46), in order.
const KeywordRule RelationshipRules[] = {
    {"argument", ValueRule::Target},
    {"secondary", ValueRule::Secondary},
    {"primaryjoin", ValueRule::Join},
    {"secondaryjoin", ValueRule::Join},
    {"foreign_keys", ValueRule::ColumnList},
    {"uselist", ValueRule::Bool},
    {"order_by", ValueRule::Any},
    {"backref", ValueRule::Backref},
    {"back_populates", ValueRule::BackPopulates},
    {"overlaps", ValueRule::String},
    {"post_update", ValueRule::Bool},
    {"cascade", ValueRule::Cascade},
    {"viewonly", ValueRule::Bool},
    {"lazy", ValueRule::Lazy},
    {"collection_class", ValueRule::Any},
    {"passive_deletes", ValueRule::PassiveDeletes},
    {"passive_updates", ValueRule::Bool},
    {"remote_side", ValueRule::ColumnList},
    {"enable_typechecks", ValueRule::Bool},
    {"join_depth", ValueRule::Int},
    {"comparator_factory", ValueRule::Any},
    {"single_parent", ValueRule::Bool},
    {"innerjoin", ValueRule::InnerJoin},
    {"distinct_target_key", ValueRule::Bool},
    {"doc", ValueRule::String},
    {"active_history", ValueRule::Bool},
    {"cascade_backrefs", ValueRule::Bool},
    {"load_on_pending", ValueRule::Bool},
    {"bake_queries", ValueRule::Bool},
    {"_local_remote_pairs", ValueRule::Any},
    {"query_class", ValueRule::Any},
    {"info", ValueRule::Dict},
    {"omit_join", ValueRule::Bool},
    {"sync_backref", ValueRule::Bool},
    {"_legacy_inactive_history_style", ValueRule::Bool},
};

// Column.__init__ keywords (sql/schema.py).
const KeywordRule ColumnRules[] = {
    {"name", ValueRule::String},
    {"type_", ValueRule::Any},
    {"key", ValueRule::String},
    {"primary_key", ValueRule::Bool},
    {"nullable", ValueRule::Bool},
    {"default", ValueRule::Any},
    {"server_default", ValueRule::Any},
    {"server_onupdate", ValueRule::Any},
    {"index", ValueRule::Bool},
    {"unique", ValueRule::Bool},
    {"system", ValueRule::Bool},
    {"doc", ValueRule::String},
    {"onupdate", ValueRule::Any},
    {"autoincrement", ValueRule::Autoincrement},
    {"comment", ValueRule::String},
    {"info", ValueRule::Dict},
    {"quote", ValueRule::Bool},
};

// ForeignKey.__init__ keywords.
const KeywordRule ForeignKeyRules[] = {
    {"column", ValueRule::Any},        {"_constraint", ValueRule::Any},
    {"use_alter", ValueRule::Bool},    {"name", ValueRule::String},
    {"onupdate", ValueRule::String},   {"ondelete", ValueRule::String},
    {"deferrable", ValueRule::Bool},   {"initially", ValueRule::String},
    {"link_to_name", ValueRule::Bool}, {"match", ValueRule::String},
    {"info", ValueRule::Dict},
};

// Table.__init__/_init keywords.
const KeywordRule TableRules[] = {
    {"schema", ValueRule::String},
    {"quote", ValueRule::Bool},
    {"quote_schema", ValueRule::Bool},
    {"autoload_with", ValueRule::Any},
    {"autoload", ValueRule::Bool},
    {"autoload_replace", ValueRule::Bool},
    {"keep_existing", ValueRule::Bool},
    {"extend_existing", ValueRule::Bool},
    {"resolve_fks", ValueRule::Bool},
    {"include_columns", ValueRule::Any},
    {"implicit_returning", ValueRule::Bool},
    {"comment", ValueRule::String},
    {"info", ValueRule::Dict},
    {"listeners", ValueRule::Any},
    {"prefixes", ValueRule::Any},
    {"must_exist", ValueRule::Bool},
};

// Dialects whose <dialect>_<argument> keywords SQLAlchemy accepts.
const char *const Dialects[] = {"postgresql", "mysql",  "mariadb",
                                "sqlite",     "oracle", "mssql"};

// Schema items a Column takes positionally after its type.
const std::set<std::string> ColumnSchemaItems = {
    "ForeignKey",      "Sequence",      "Identity",     "Computed",
    "CheckConstraint", "DefaultClause", "FetchedValue", "UniqueConstraint"};

// What an ORM_TABLE takes besides Column(...).
const std::set<std::string> TableItems = {
    "ForeignKeyConstraint", "PrimaryKeyConstraint", "UniqueConstraint",
    "CheckConstraint", "Index"};

template <size_t N>
const KeywordRule *findRule(const KeywordRule (&Rules)[N],
                            std::string_view Name) {
  for (const KeywordRule &R : Rules)
    if (Name == R.Name)
      return &R;
  return nullptr;
}

template <size_t N>
std::vector<std::string> publicNames(const KeywordRule (&Rules)[N]) {
  std::vector<std::string> Names;
  for (const KeywordRule &R : Rules)
    if (R.Name[0] != '_')
      Names.push_back(R.Name);
  return Names;
}

bool isDialectKeyword(std::string_view Name) {
  for (const char *D : Dialects) {
    std::string Prefix = std::string(D) + "_";
    if (Name.size() > Prefix.size() && Name.substr(0, Prefix.size()) == Prefix)
      return true;
  }
  return false;
}

} // namespace

const std::vector<std::string> &relationshipKeywords() {
  static const std::vector<std::string> Names = [] {
    std::vector<std::string> N;
    for (const KeywordRule &R : RelationshipRules)
      N.push_back(R.Name);
    return N;
  }();
  return Names;
}

const std::vector<std::string> &lazyStrategies() {
  // strategies.py / dynamic.py strategy_for(lazy=...) registrations.
  static const std::vector<std::string> Names = {
      "select", "joined", "subquery",     "selectin", "immediate",
      "noload", "raise",  "raise_on_sql", "dynamic",  "baked_select"};
  return Names;
}

const std::vector<std::string> &modelKeywords() {
  static const std::vector<std::string> Names = {"__table_args__",
                                                 "__mapper_args__", "base"};
  return Names;
}

const std::vector<std::string> &cascadeOptions() {
  // orm/util.py all_cascades.
  static const std::vector<std::string> Names = {
      "delete",      "delete-orphan",  "all", "merge", "expunge",
      "save-update", "refresh-expire", "none"};
  return Names;
}

const std::vector<std::string> &columnTypeNames() {
  static const std::vector<std::string> Names = {
      "ARRAY",        "BIGINT",    "BINARY",      "BLOB",          "BOOLEAN",
      "BigInteger",   "Boolean",   "CHAR",        "CLOB",          "DATE",
      "DATETIME",     "DECIMAL",   "Date",        "DateTime",      "Enum",
      "FLOAT",        "Float",     "INT",         "INTEGER",       "Integer",
      "Interval",     "JSON",      "LargeBinary", "NCHAR",         "NUMERIC",
      "NVARCHAR",     "Numeric",   "PickleType",  "REAL",          "SMALLINT",
      "SmallInteger", "String",    "TEXT",        "TIME",          "TIMESTAMP",
      "Text",         "Time",      "TupleType",   "TypeDecorator", "Unicode",
      "UnicodeText",  "VARBINARY", "VARCHAR",     "NullType",      "MatchType"};
  return Names;
}

//===----------------------------------------------------------------------===//
// Value helpers
//===----------------------------------------------------------------------===//

std::optional<bool> boolValue(const PyExpr &E) {
  if (E.is(K::Constant)) {
    if (E.Text == "True")
      return true;
    if (E.Text == "False")
      return false;
  }
  if (E.is(K::Number)) {
    if (E.Text == "1")
      return true;
    if (E.Text == "0")
      return false;
  }
  return std::nullopt;
}

bool isNone(const PyExpr &E) { return E.is(K::Constant) && E.Text == "None"; }

bool truthy(const PyExpr &E) {
  switch (E.K) {
  case K::Constant:
    return E.Text == "True";
  case K::Number: {
    for (char C : E.Text)
      if (C != '0' && C != '.' && C != 'x' && C != 'X' && C != '_')
        return true;
    return false;
  }
  case K::String:
    return !E.Text.empty();
  case K::List:
  case K::Tuple:
  case K::Dict:
    return !E.Children.empty();
  default:
    return true; // an object: truthy unless it defines otherwise
  }
}

std::optional<std::string> stringValue(const PyExpr &E) {
  if (E.is(K::String))
    return E.Text;
  return std::nullopt;
}

std::string calleeName(const PyExpr &E) {
  if (!E.is(K::Call) || E.Children.empty())
    return "";
  const PyExpr &Callee = E.Children[0];
  if (Callee.is(K::Name) || Callee.is(K::Attribute))
    return Callee.Text;
  return "";
}

static const char *kindNoun(const PyExpr &E) {
  switch (E.K) {
  case K::String:
    return "a string";
  case K::Number:
    return "a number";
  case K::Constant:
    return E.Text == "None" ? "None" : "a boolean";
  case K::Name:
    return "a name";
  case K::Attribute:
    return "an attribute";
  case K::Call:
    return "a call";
  case K::List:
    return "a list";
  case K::Tuple:
    return "a tuple";
  case K::Dict:
    return "a dict";
  case K::Keyword:
    return "a keyword";
  default:
    return "an expression";
  }
}

static std::string quoteList(const std::vector<std::string> &Names) {
  std::string S;
  for (size_t I = 0; I < Names.size(); ++I)
    S += (I ? ", '" : "'") + Names[I] + "'";
  return S;
}

//===----------------------------------------------------------------------===//
// The checker
//===----------------------------------------------------------------------===//

namespace {

class Checker {
public:
  Checker(const ArgumentLocator &Loc, const IssueContext &Ctx,
          std::vector<GraphIssue> &Out)
      : Loc(Loc), Ctx(Ctx), Out(Out) {}

  void error(const SourceSpan &Range, std::string Message,
             std::string CaseId = "") {
    report(Range, IssueSeverity::Error, std::move(Message), std::move(CaseId));
  }
  void warning(const SourceSpan &Range, std::string Message) {
    report(Range, IssueSeverity::Warning, std::move(Message), "");
  }

  SourceSpan span(const ArgView &V, const PyExpr &Node) const {
    return Loc.node(*V.Outer, Node);
  }

  /// Python's own refusals for any call: repeated keywords, positional
  /// after keyword.
  void checkCallShape(const std::vector<ArgView> &Args) {
    std::set<std::string> Seen;
    bool SawKeyword = false;
    for (const ArgView &A : Args) {
      if (A.Keyword.empty()) {
        if (SawKeyword)
          error(A.Range, "positional argument follows keyword argument",
                refusal::BadCall);
        continue;
      }
      SawKeyword = true;
      if (!Seen.insert(A.Keyword).second)
        error(A.KeywordRange, "keyword argument repeated: '" + A.Keyword + "'",
              refusal::BadCall);
    }
  }

  void checkValue(const ArgView &A, ValueRule Rule) {
    const PyExpr &V = *A.Value;
    const std::string &Kw = A.Keyword;
    switch (Rule) {
    case ValueRule::Any:
      return;
    case ValueRule::Bool:
      if (!boolValue(V) && !isNone(V))
        error(A.ValueRange,
              "'" + Kw + "' expects True or False, not " + kindNoun(V));
      return;
    case ValueRule::String:
    case ValueRule::BackPopulates:
      if (!V.is(K::String) && !isNone(V)) {
        std::string What = Rule == ValueRule::BackPopulates
                               ? "a string naming a relationship on the "
                                 "target class"
                               : "a string";
        error(A.ValueRange,
              "'" + Kw + "' expects " + What + ", not " + kindNoun(V),
              Rule == ValueRule::BackPopulates ? refusal::BadValue : "");
      }
      return;
    case ValueRule::Int:
      if (!V.is(K::Number) && !isNone(V))
        error(A.ValueRange,
              "'" + Kw + "' expects a number, not " + kindNoun(V));
      return;
    case ValueRule::Dict:
      if (!V.is(K::Dict) && !isNone(V))
        error(A.ValueRange, "'" + Kw + "' expects a dict, not " + kindNoun(V));
      return;
    case ValueRule::PassiveDeletes:
      if (!boolValue(V) && !isNone(V) && !(V.is(K::String) && V.Text == "all"))
        error(A.ValueRange,
              "'" + Kw + "' expects True, False or 'all', not " +
                  (V.is(K::String) ? "'" + V.Text + "'" : kindNoun(V)));
      return;
    case ValueRule::InnerJoin:
      if (!boolValue(V) && !isNone(V) &&
          !(V.is(K::String) && V.Text == "unnested"))
        error(A.ValueRange,
              "'" + Kw + "' expects True, False or 'unnested', not " +
                  (V.is(K::String) ? "'" + V.Text + "'" : kindNoun(V)));
      return;
    case ValueRule::Autoincrement:
      if (!boolValue(V) && !isNone(V) &&
          !(V.is(K::String) && (V.Text == "auto" || V.Text == "ignore_fk")))
        error(A.ValueRange,
              "'" + Kw + "' expects True, False, 'auto' or 'ignore_fk', not " +
                  (V.is(K::String) ? "'" + V.Text + "'" : kindNoun(V)));
      return;
    case ValueRule::Lazy:
      checkLazy(A);
      return;
    case ValueRule::Cascade:
      checkCascade(A);
      return;
    case ValueRule::Backref:
      checkBackref(A);
      return;
    case ValueRule::Join:
      checkJoin(A);
      return;
    case ValueRule::ColumnList:
      checkColumnList(A);
      return;
    case ValueRule::Secondary:
      // SQLAlchemy evaluates a secondary string like a join string:
      // secondary="class" (a table named by a keyword) is a SyntaxError.
      if (V.is(K::String)) {
        if (isPyKeyword(V.Text))
          error(A.ValueRange,
                "syntax error in 'secondary': '" + V.Text +
                    "' is a Python keyword, and SQLAlchemy evaluates a "
                    "secondary string as Python (SyntaxError: invalid "
                    "syntax)",
                refusal::StringSyntax);
        else
          checkStringSyntax(A, "'secondary'");
        return;
      }
      if (!V.is(K::Name) && !V.is(K::Attribute) && !isNone(V))
        error(A.ValueRange,
              "'secondary' expects a table name (a string or an ORM_TABLE "
              "name), not " +
                  std::string(kindNoun(V)),
              refusal::BadValue);
      return;
    case ValueRule::Target:
      if (!V.is(K::String) && !V.is(K::Name) && !V.is(K::Attribute))
        error(A.ValueRange,
              "the relationship() target must be a class name (a string or "
              "a bare name), not " +
                  std::string(kindNoun(V)),
              refusal::BadValue);
      return;
    }
  }

  void checkLazy(const ArgView &A) {
    const PyExpr &V = *A.Value;
    if (V.is(K::Constant))
      return; // True, False and None are strategies too.
    const std::vector<std::string> &All = lazyStrategies();
    if (V.is(K::String) &&
        std::find(All.begin(), All.end(), V.Text) != All.end())
      return;
    std::string Shown = V.is(K::String) ? "'" + V.Text + "'" : kindNoun(V);
    std::string Msg = "unknown loader strategy lazy=" + Shown;
    if (V.is(K::String))
      Msg += didYouMean(V.Text, All);
    Msg += "; expected one of " + quoteList(All);
    if (!Ctx.RelName.empty() && V.is(K::String))
      Msg += " (SQLAlchemy: Can't find strategy (('lazy', '" + V.Text +
             "'),) for " + Ctx.RelName + ")";
    error(A.ValueRange, Msg, refusal::BadValue);
  }

  void checkCascade(const ArgView &A) {
    const PyExpr &V = *A.Value;
    if (isNone(V) || (V.is(K::Constant) && V.Text == "False"))
      return;
    // (word, begin offset inside the string) for a string; elements for a
    // list.
    std::vector<std::pair<std::string, const PyExpr *>> Words;
    std::vector<std::pair<unsigned, unsigned>> Offsets;
    if (V.is(K::String)) {
      // from_string splits on \s*,\s* and drops empties.
      const std::string &S = V.Text;
      size_t I = 0;
      while (I <= S.size()) {
        size_t J = S.find(',', I);
        if (J == std::string::npos)
          J = S.size();
        size_t B = I, E = J;
        while (B < E && isspace((unsigned char)S[B]))
          ++B;
        while (E > B && isspace((unsigned char)S[E - 1]))
          --E;
        if (E > B) {
          Words.push_back({S.substr(B, E - B), &V});
          Offsets.push_back({unsigned(B), unsigned(E)});
        }
        I = J + 1;
      }
    } else if (V.is(K::List) || V.is(K::Tuple)) {
      for (const PyExpr &C : V.Children) {
        if (!C.is(K::String)) {
          error(span(A, C),
                "cascade options must be strings, not " +
                    std::string(kindNoun(C)),
                refusal::BadValue);
          return;
        }
        Words.push_back({C.Text, &C});
        Offsets.push_back({0, unsigned(C.Text.size())});
      }
    } else {
      error(A.ValueRange,
            "'cascade' expects a string of comma-separated cascade options, "
            "not " +
                std::string(kindNoun(V)),
            refusal::BadValue);
      return;
    }
    const std::vector<std::string> &All = cascadeOptions();
    std::set<std::string> Bad;
    SourceSpan FirstBad;
    std::string FirstBadWord;
    for (size_t I = 0; I < Words.size(); ++I) {
      if (std::find(All.begin(), All.end(), Words[I].first) != All.end())
        continue;
      if (Bad.empty()) {
        FirstBadWord = Words[I].first;
        FirstBad = Loc.insideString(*A.Outer, *Words[I].second,
                                    Offsets[I].first, Offsets[I].second);
      }
      Bad.insert(Words[I].first);
    }
    if (Bad.empty())
      return;
    std::string Msg = "Invalid cascade option(s): ";
    bool First = true;
    for (const std::string &B : Bad) { // sorted, like SQLAlchemy's message
      Msg += (First ? "'" : ", '") + B + "'";
      First = false;
    }
    Msg += didYouMean(FirstBadWord, All);
    error(FirstBad, Msg, refusal::BadValue);
  }

  // A string argument is evaluated as Python by SQLAlchemy: its syntax
  // errors are refusals, reported at the exact position inside the string.
  void checkStringSyntax(const ArgView &A, const std::string &What) {
    const PyExpr &V = *A.Value;
    PyParseError Err;
    if (!parsePyExpression(V.Text, Err))
      error(Loc.insideString(*A.Outer, V, Err.Begin,
                             std::max(Err.End, Err.Begin)),
            "syntax error in " + What + ": " + Err.Message,
            refusal::StringSyntax);
  }

  void checkJoin(const ArgView &A) {
    const PyExpr &V = *A.Value;
    if (isNone(V))
      return;
    if (V.is(K::String)) {
      checkStringSyntax(A, "'" + A.Keyword + "' condition");
      return;
    }
    switch (V.K) {
    case K::Compare:
    case K::BoolOp:
    case K::Call:
    case K::Name:
    case K::Attribute:
    case K::UnaryOp:
      return;
    default:
      error(A.ValueRange,
            "'" + A.Keyword +
                "' expects a join condition (a string or an expression), "
                "not " +
                std::string(kindNoun(V)),
            refusal::BadValue);
    }
  }

  void checkColumnList(const ArgView &A) {
    const PyExpr &V = *A.Value;
    if (isNone(V))
      return;
    if (V.is(K::String)) {
      checkStringSyntax(A, "'" + A.Keyword + "'");
      return;
    }
    auto IsColumnish = [](const PyExpr &E) {
      return E.is(K::Name) || E.is(K::Attribute) || E.is(K::String) ||
             E.is(K::Call) || E.is(K::Subscript);
    };
    if (V.is(K::List) || V.is(K::Tuple)) {
      for (const PyExpr &C : V.Children)
        if (!IsColumnish(C))
          error(span(A, C),
                "'" + A.Keyword + "' expects columns, not " +
                    std::string(kindNoun(C)),
                refusal::BadValue);
      return;
    }
    if (!IsColumnish(V))
      error(A.ValueRange,
            "'" + A.Keyword + "' expects a column or a list of columns, not " +
                std::string(kindNoun(V)),
            refusal::BadValue);
  }

  void checkBackref(const ArgView &A) {
    const PyExpr &V = *A.Value;
    if (V.is(K::String) || isNone(V))
      return;
    if (V.is(K::Call) && calleeName(V) == "backref") {
      std::vector<ArgView> Args = viewCallArgs(Loc, *A.Outer, V);
      checkCallShape(Args);
      std::vector<const ArgView *> Positional;
      for (const ArgView &O : Args)
        if (O.Keyword.empty())
          Positional.push_back(&O);
      if (Positional.empty())
        error(span(A, V),
              "backref() missing 1 required positional argument: 'name'",
              refusal::BadCall);
      else if (!Positional[0]->Value->is(K::String))
        error(Positional[0]->ValueRange,
              "the backref name must be a string, not " +
                  std::string(kindNoun(*Positional[0]->Value)),
              refusal::BadValue);
      for (size_t I = 1; I < Positional.size(); ++I)
        error(Positional[I]->Range,
              "backref() takes 1 positional argument but " +
                  std::to_string(Positional.size()) + " were given",
              refusal::BadCall);
      for (const ArgView &O : Args)
        if (!O.Keyword.empty())
          checkBackrefOption(O);
      return;
    }
    if (V.is(K::Tuple) && V.Children.size() == 2 &&
        V.Children[0].is(K::String) && V.Children[1].is(K::Dict)) {
      const PyExpr &D = V.Children[1];
      for (size_t I = 0; I + 1 < D.Children.size(); I += 2) {
        const PyExpr &Key = D.Children[I];
        if (!Key.is(K::String)) {
          error(span(A, Key),
                "backref option names must be strings, not " +
                    std::string(kindNoun(Key)),
                refusal::BadValue);
          continue;
        }
        ArgView O;
        O.Keyword = Key.Text;
        O.Value = &D.Children[I + 1];
        O.Outer = A.Outer;
        O.KeywordRange = span(A, Key);
        O.ValueRange = span(A, D.Children[I + 1]);
        O.Range = O.KeywordRange;
        checkBackrefOption(O);
      }
      return;
    }
    error(A.ValueRange,
          "'backref' expects a string, backref(\"name\", ...) or a "
          "(\"name\", {...}) tuple, not " +
              std::string(kindNoun(V)),
          refusal::BadValue);
  }

  /// E13: backref(...) options go verbatim to a new relationship(), whose
  /// signature refuses these at configure time (§1.2).
  void checkBackrefOption(const ArgView &O) {
    const std::string &Kw = O.Keyword;
    if (Kw == "back_populates") {
      error(O.KeywordRange,
            "backref() cannot take 'back_populates': the generated side "
            "always points back at the declaring relationship (SQLAlchemy: "
            "TypeError: sqlalchemy.orm.relationships.RelationshipProperty() "
            "got multiple values for keyword argument 'back_populates')",
            "E13");
      return;
    }
    if (Kw == "secondary" || Kw == "argument") {
      error(O.KeywordRange,
            "backref() cannot take '" + Kw +
                "': the generated side always uses the declaring side's " +
                (Kw == "secondary" ? "secondary table" : "class") +
                " (SQLAlchemy: TypeError: RelationshipProperty.__init__() got "
                "multiple values for argument '" +
                Kw + "')",
            "E13");
      return;
    }
    if (Kw == "backref") {
      error(O.KeywordRange,
            "backref() cannot take 'backref' (SQLAlchemy: ArgumentError: "
            "backref and back_populates keyword arguments are mutually "
            "exclusive)",
            "E1");
      return;
    }
    const KeywordRule *R = findRule(RelationshipRules, Kw);
    if (!R) {
      error(O.KeywordRange,
            "unknown backref() option '" + Kw +
                "' (SQLAlchemy: TypeError: RelationshipProperty.__init__() "
                "got an unexpected keyword argument '" +
                Kw + "')" + didYouMean(Kw, publicNames(RelationshipRules)),
            "E13");
      return;
    }
    checkValue(O, R->Rule);
  }

  template <size_t N>
  void checkKeywords(const std::vector<ArgView> &Args,
                     const KeywordRule (&Rules)[N], const std::string &Callee,
                     bool AllowDialect, const std::string &UnknownSuffix,
                     const char *UnknownCase = refusal::BadCall) {
    for (const ArgView &A : Args) {
      if (A.Keyword.empty())
        continue;
      if (const KeywordRule *R = findRule(Rules, A.Keyword)) {
        checkValue(A, R->Rule);
        continue;
      }
      if (AllowDialect && isDialectKeyword(A.Keyword))
        continue;
      std::string Msg =
          Callee + " got an unexpected keyword argument '" + A.Keyword + "'";
      Msg += didYouMean(A.Keyword, publicNames(Rules));
      if (!UnknownSuffix.empty())
        Msg += " (SQLAlchemy: " + UnknownSuffix + "'" + A.Keyword + "')";
      error(A.KeywordRange, Msg, UnknownCase);
    }
  }

  void checkRelationship(const std::vector<ArgView> &Args) {
    checkCallShape(Args);
    std::vector<const ArgView *> Positional;
    for (const ArgView &A : Args)
      if (A.Keyword.empty())
        Positional.push_back(&A);
    static const char *const PositionalNames[] = {"argument", "secondary"};
    for (size_t I = 0; I < Positional.size(); ++I) {
      if (I >= 2) {
        error(Positional[I]->Range,
              "too many positional arguments to relationship(): only the "
              "target class and 'secondary' may be positional; pass the "
              "rest by keyword");
        continue;
      }
      ArgView Named = *Positional[I];
      Named.Keyword = PositionalNames[I];
      checkValue(Named, I == 0 ? ValueRule::Target : ValueRule::Secondary);
      for (const ArgView &A : Args)
        if (A.Keyword == PositionalNames[I])
          error(A.KeywordRange,
                "relationship() got multiple values for argument '" +
                    A.Keyword + "'",
                refusal::BadCall);
    }
    checkKeywords(Args, RelationshipRules, "relationship()", false, "");
  }

  /// Column(name?, type?, *schema_items, **kw).
  void checkColumn(const std::vector<ArgView> &Args, bool InTable,
                   const SourceSpan &WholeCall) {
    checkCallShape(Args);
    size_t Pos = 0;
    bool SawName = false, SawType = false, SawItem = false;
    for (const ArgView &A : Args) {
      if (!A.Keyword.empty())
        continue;
      const PyExpr &V = *A.Value;
      size_t Index = Pos++;
      if (V.is(K::String)) {
        if (Index == 0) {
          SawName = true;
          if (V.Text.empty() && InTable)
            error(A.ValueRange,
                  "Column must be constructed with a non-blank name or "
                  "assign a non-blank .name before adding to a Table.",
                  refusal::BadValue);
        } else {
          error(A.ValueRange,
                "Column() takes the column name only as its first argument",
                refusal::BadValue);
        }
        continue;
      }
      std::string Callee = V.is(K::Call) ? calleeName(V) : "";
      std::string Head = V.is(K::Name) ? V.Text : Callee;
      if (ColumnSchemaItems.count(Head)) {
        SawItem = true;
        if (Head == "ForeignKey")
          checkForeignKey(A, V);
        continue;
      }
      // Anything else is a type: Integer, String(50), postgresql.UUID.
      if (SawType || SawItem) {
        error(A.ValueRange,
              SawType ? "Column() takes one type argument"
                      : "the column type must come before ForeignKey and "
                        "other schema items",
              refusal::BadValue);
        continue;
      }
      SawType = true;
      checkTypeName(A, V);
    }
    if (InTable && !SawName) {
      bool NameKw = false;
      for (const ArgView &A : Args)
        NameKw |= A.Keyword == "name";
      if (!NameKw)
        error(WholeCall,
              "Column must be constructed with a non-blank name or assign a "
              "non-blank .name before adding to a Table.",
              refusal::BadValue);
    }
    checkKeywords(Args, ColumnRules, "Column()", true,
                  "TypeError: Additional arguments should be named "
                  "<dialectname>_<argument>, got ");
  }

  void checkTypeName(const ArgView &A, const PyExpr &V) {
    const PyExpr *NameNode = &V;
    if (V.is(K::Call) && !V.Children.empty())
      NameNode = &V.Children[0];
    if (!NameNode->is(K::Name))
      return; // dotted (dialect) types and the like: not ours to judge.
    const std::vector<std::string> &Types = columnTypeNames();
    if (std::find(Types.begin(), Types.end(), NameNode->Text) != Types.end())
      return;
    std::string Suggestion = closestName(NameNode->Text, Types);
    if (!Suggestion.empty())
      error(span(A, *NameNode),
            "unknown column type '" + NameNode->Text + "'; did you mean '" +
                Suggestion + "'?",
            refusal::UnresolvedName);
    else
      warning(span(A, *NameNode),
              "unknown column type '" + NameNode->Text +
                  "': not a type `from sqlalchemy import *` provides");
  }

  void checkForeignKey(const ArgView &Outer, const PyExpr &Call) {
    if (!Call.is(K::Call)) {
      error(Outer.ValueRange, "ForeignKey must be called with the referenced "
                              "column, e.g. ForeignKey(\"user.id\")");
      return;
    }
    std::vector<ArgView> Args = viewCallArgs(Loc, *Outer.Outer, Call);
    checkCallShape(Args);
    std::vector<const ArgView *> Positional;
    for (const ArgView &A : Args)
      if (A.Keyword.empty())
        Positional.push_back(&A);
    bool ColumnKw = false;
    for (const ArgView &A : Args)
      ColumnKw |= A.Keyword == "column";
    if (Positional.empty() && !ColumnKw)
      error(span(Outer, Call),
            "ForeignKey() missing 1 required positional argument: 'column'",
            refusal::BadCall);
    for (size_t I = 1; I < Positional.size(); ++I)
      error(Positional[I]->Range,
            "ForeignKey() takes the referenced column as its only positional "
            "argument",
            refusal::BadCall);
    if (!Positional.empty()) {
      const PyExpr &T = *Positional[0]->Value;
      if (T.is(K::String)) {
        if (T.Text.find('.') == std::string::npos)
          error(Positional[0]->ValueRange,
                "ForeignKey target '" + T.Text +
                    "' must name a column as \"table.column\"");
      } else if (dottedName(T).empty()) {
        error(Positional[0]->ValueRange,
              "ForeignKey target must be a \"table.column\" string or a "
              "column, not " +
                  std::string(kindNoun(T)));
      }
    }
    checkKeywords(Args, ForeignKeyRules, "ForeignKey()", true, "");
  }

  void checkTable(const std::vector<ArgView> &Args) {
    checkCallShape(Args);
    for (const ArgView &A : Args) {
      if (!A.Keyword.empty())
        continue;
      std::string Callee = calleeName(*A.Value);
      if (Callee == "Column") {
        checkColumn(viewCallArgs(Loc, *A.Outer, *A.Value), true, A.ValueRange);
        continue;
      }
      if (TableItems.count(Callee))
        continue;
      error(A.ValueRange,
            "ORM_TABLE() takes Column(...) and constraint arguments after the "
            "table name, not " +
                std::string(kindNoun(*A.Value)),
            refusal::BadValue);
    }
    checkKeywords(Args, TableRules, "Table()", true,
                  "TypeError: Additional arguments should be named "
                  "<dialectname>_<argument>, got ");
  }

  void checkModel(const std::vector<ArgView> &Args) {
    checkCallShape(Args);
    size_t Pos = 0;
    for (const ArgView &A : Args) {
      if (A.Keyword == "__table_args__") {
        checkTableArgs(A);
        continue;
      }
      if (A.Keyword == "__mapper_args__") {
        checkMapperArgs(A);
        continue;
      }
      if (A.Keyword == "base") {
        // relcheck's spelling of `class User(ApiBase)`: the declarative
        // base is a Python name the rendering defines.
        if (!A.Value->is(K::Name))
          error(A.ValueRange,
                "base= names the declarative base class, a bare Python name "
                "such as ApiBase (class User(ApiBase)), not " +
                    std::string(kindNoun(*A.Value)),
                refusal::BadValue);
        continue;
      }
      if (!A.Keyword.empty()) {
        error(A.KeywordRange,
              "ORM_MODEL() takes the table name and the class attributes " +
                  quoteList(modelKeywords()) +
                  "; unexpected keyword argument '" + A.Keyword + "'" +
                  didYouMean(A.Keyword, modelKeywords()));
        continue;
      }
      if (Pos++ > 0) {
        error(A.Range, "ORM_MODEL() takes at most one argument, the table "
                       "name");
        continue;
      }
      if (!A.Value->is(K::String))
        error(A.ValueRange, "the table name must be a string, not " +
                                std::string(kindNoun(*A.Value)));
      else if (A.Value->Text.empty())
        error(A.ValueRange, "the table name must not be empty");
    }
  }

  /// __table_args__: a tuple of constraints, optionally ending with a dict
  /// of Table keywords, or a dict, or None (declarative's own check).
  void checkTableArgs(const ArgView &A) {
    const PyExpr &V = *A.Value;
    if (!(V.is(K::Tuple) || V.is(K::Dict) || isNone(V))) {
      error(A.ValueRange,
            "__table_args__ must be a tuple (write a one-element tuple with a "
            "trailing comma: (UniqueConstraint(\"a\"),)), a dict or None, "
            "not " +
                std::string(kindNoun(V)) +
                " (SQLAlchemy: ArgumentError: __table_args__ value must be a "
                "tuple, dict, or None)",
            refusal::BadValue);
      return;
    }
    if (!V.is(K::Tuple))
      return;
    for (size_t I = 0; I < V.Children.size(); ++I) {
      const PyExpr &E = V.Children[I];
      if (E.is(K::Dict) && I + 1 == V.Children.size())
        continue;
      std::string Callee = calleeName(E);
      if (!E.is(K::Call) || !TableItems.count(Callee)) {
        error(span(A, E),
              "__table_args__ takes table constraints (ForeignKeyConstraint, "
              "PrimaryKeyConstraint, UniqueConstraint, CheckConstraint, "
              "Index), then optionally a dict of Table keywords, not " +
                  (Callee.empty() ? std::string(kindNoun(E))
                                  : "'" + Callee + "(...)'"),
              refusal::BadValue);
        continue;
      }
      std::vector<ArgView> CallArgs = viewCallArgs(Loc, *A.Outer, E);
      checkCallShape(CallArgs);
      if (Callee == "ForeignKeyConstraint")
        checkForeignKeyConstraint(A, E);
    }
  }

  /// __mapper_args__: a dict of Mapper.__init__ keywords.
  void checkMapperArgs(const ArgView &A) {
    const PyExpr &V = *A.Value;
    if (!V.is(K::Dict)) {
      error(A.ValueRange,
            "__mapper_args__ must be a dict of mapper() keywords, e.g. "
            "{\"polymorphic_identity\": \"manager\"}, not " +
                std::string(kindNoun(V)),
            refusal::BadValue);
      return;
    }
    for (size_t I = 0; I + 1 < V.Children.size(); I += 2) {
      const PyExpr &Key = V.Children[I];
      if (!Key.is(K::String)) {
        error(span(A, Key),
              "__mapper_args__ keys are mapper() keyword names as strings, "
              "not " +
                  std::string(kindNoun(Key)),
              refusal::BadCall);
        continue;
      }
      const std::vector<std::string> &Known = mapperKeywords();
      if (std::find(Known.begin(), Known.end(), Key.Text) == Known.end())
        error(span(A, Key),
              "unknown mapper() argument '" + Key.Text +
                  "' in "
                  "__mapper_args__" +
                  didYouMean(Key.Text, Known) +
                  " (SQLAlchemy: TypeError: Mapper.__init__() got an "
                  "unexpected keyword argument '" +
                  Key.Text + "')",
              refusal::BadCall);
    }
  }

  void checkForeignKeyConstraint(const ArgView &A, const PyExpr &Call) {
    std::vector<const PyExpr *> Positional;
    for (size_t I = 1; I < Call.Children.size(); ++I)
      if (!Call.Children[I].is(K::Keyword))
        Positional.push_back(&Call.Children[I]);
    if (Positional.size() != 2) {
      error(span(A, Call),
            "ForeignKeyConstraint takes two lists: the constrained columns and "
            "the columns they reference, e.g. ForeignKeyConstraint([\"a\", "
            "\"b\"], [\"parent.a\", \"parent.b\"])",
            refusal::BadCall);
      return;
    }
    const PyExpr &Cols = *Positional[0], &Refs = *Positional[1];
    for (const PyExpr *L : {&Cols, &Refs})
      if (!(L->is(K::List) || L->is(K::Tuple))) {
        error(span(A, *L),
              "ForeignKeyConstraint expects a list of columns "
              "here, not " +
                  std::string(kindNoun(*L)),
              refusal::BadValue);
        return;
      }
    if (Cols.Children.size() != Refs.Children.size()) {
      error(span(A, Call),
            "ForeignKeyConstraint has " + std::to_string(Cols.Children.size()) +
                " constrained column(s) but " +
                std::to_string(Refs.Children.size()) +
                " referenced column(s) (SQLAlchemy: ArgumentError: "
                "ForeignKeyConstraint number of constrained columns must "
                "match the number of referenced columns.)",
            refusal::BadValue);
      return;
    }
    for (const PyExpr &Ref : Refs.Children) {
      if (Ref.is(K::String) ? Ref.Text.find('.') == std::string::npos
                            : dottedName(Ref).empty())
        error(span(A, Ref),
              "a ForeignKeyConstraint reference must name a column as "
              "\"table.column\" or Class.attribute",
              refusal::BadValue);
    }
    for (const PyExpr &Col : Cols.Children)
      if (!Col.is(K::String) && !Col.is(K::Name))
        error(span(A, Col),
              "a ForeignKeyConstraint column must be a column name string or "
              "a column of the class body, not " +
                  std::string(kindNoun(Col)),
              refusal::BadValue);
  }

private:
  void report(const SourceSpan &Range, IssueSeverity Sev, std::string Message,
              std::string CaseId) {
    GraphIssue I;
    I.Range = Range.isValid() ? Range : Loc.annotation().MacroRange;
    I.Severity = Sev;
    I.Message = std::move(Message);
    I.CaseId = std::move(CaseId);
    I.ModelName = Ctx.ModelName;
    I.Attribute = Ctx.Attribute;
    Out.push_back(std::move(I));
  }

  const ArgumentLocator &Loc;
  const IssueContext &Ctx;
  std::vector<GraphIssue> &Out;
};

} // namespace

void checkRelationshipArguments(const ArgumentLocator &Loc,
                                const IssueContext &Ctx,
                                std::vector<GraphIssue> &Out) {
  Checker C(Loc, Ctx, Out);
  C.checkRelationship(viewArgs(Loc, Loc.annotation().Args));
  checkStringBytes(Loc, Ctx, Out);
}

void checkModelArguments(const ArgumentLocator &Loc, const IssueContext &Ctx,
                         std::vector<GraphIssue> &Out) {
  Checker C(Loc, Ctx, Out);
  C.checkModel(viewArgs(Loc, Loc.annotation().Args));
  checkStringBytes(Loc, Ctx, Out);
}

void checkColumnArguments(const ArgumentLocator &Loc, const IssueContext &Ctx,
                          std::vector<GraphIssue> &Out) {
  Checker C(Loc, Ctx, Out);
  C.checkColumn(viewArgs(Loc, Loc.annotation().Args), false,
                Loc.annotation().MacroRange);
  checkStringBytes(Loc, Ctx, Out);
}

void checkTableArguments(const ArgumentLocator &Loc, const IssueContext &Ctx,
                         std::vector<GraphIssue> &Out) {
  Checker C(Loc, Ctx, Out);
  C.checkTable(viewArgs(Loc, Loc.annotation().Args));
  checkStringBytes(Loc, Ctx, Out);
}

//===----------------------------------------------------------------------===//
// Interpretation
//===----------------------------------------------------------------------===//

std::optional<BackrefSpelling> interpretBackref(const PyExpr &V) {
  BackrefSpelling B;
  if (V.is(K::String)) {
    B.Name = V.Text;
    B.NameNode = &V;
    return B;
  }
  if (V.is(K::Call) && calleeName(V) == "backref") {
    for (size_t I = 1; I < V.Children.size(); ++I) {
      const PyExpr &C = V.Children[I];
      if (C.is(K::Keyword)) {
        if (!C.Children.empty())
          B.Options.push_back({C.Text, &C, &C.Children[0], false});
      } else if (!B.NameNode) {
        if (!C.is(K::String))
          return std::nullopt;
        B.Name = C.Text;
        B.NameNode = &C;
      }
    }
    if (!B.NameNode)
      return std::nullopt;
    return B;
  }
  if (V.is(K::Tuple) && V.Children.size() == 2 && V.Children[0].is(K::String) &&
      V.Children[1].is(K::Dict)) {
    B.Name = V.Children[0].Text;
    B.NameNode = &V.Children[0];
    const PyExpr &D = V.Children[1];
    for (size_t I = 0; I + 1 < D.Children.size(); I += 2)
      if (D.Children[I].is(K::String))
        B.Options.push_back(
            {D.Children[I].Text, &D.Children[I], &D.Children[I + 1], true});
    return B;
  }
  return std::nullopt;
}

ColumnSpelling interpretColumn(const std::vector<ArgView> &Args) {
  ColumnSpelling C;
  size_t Pos = 0;
  for (const ArgView &A : Args) {
    const PyExpr &V = *A.Value;
    if (A.Keyword.empty()) {
      if (Pos++ == 0 && V.is(K::String)) {
        C.Name = V.Text;
        continue;
      }
      if (calleeName(V) == "ForeignKey") {
        const PyExpr *Target = nullptr;
        for (size_t I = 1; I < V.Children.size(); ++I) {
          const PyExpr &Ch = V.Children[I];
          if (Ch.isKeyword("column") && !Ch.Children.empty())
            Target = &Ch.Children[0];
          else if (!Ch.is(K::Keyword) && !Target)
            Target = &Ch;
        }
        if (!Target)
          continue;
        if (Target->is(K::String))
          C.ForeignKeys.push_back({Target->Text, true, Target});
        else if (!dottedName(*Target).empty())
          C.ForeignKeys.push_back({dottedName(*Target), false, Target});
      }
      continue;
    }
    if (A.Keyword == "name" && V.is(K::String))
      C.Name = V.Text;
    else if (A.Keyword == "key" && V.is(K::String))
      C.Key = V.Text;
    else if (A.Keyword == "primary_key")
      C.PrimaryKey = truthy(V);
  }
  return C;
}

} // namespace relcheck

namespace relcheck {

bool isJoinValue(const PyExpr &E) {
  switch (E.K) {
  case K::String:
  case K::Compare:
  case K::BoolOp:
  case K::Call:
  case K::Name:
  case K::Attribute:
  case K::UnaryOp:
    return true;
  default:
    return false;
  }
}

bool isColumnListValue(const PyExpr &E) {
  auto Columnish = [](const PyExpr &C) {
    return C.is(K::Name) || C.is(K::Attribute) || C.is(K::String) ||
           C.is(K::Call) || C.is(K::Subscript);
  };
  if (E.is(K::List) || E.is(K::Tuple)) {
    for (const PyExpr &C : E.Children)
      if (!Columnish(C))
        return false;
    return true;
  }
  return Columnish(E);
}

} // namespace relcheck
