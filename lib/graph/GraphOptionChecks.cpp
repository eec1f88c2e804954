//===- GraphOptionChecks.cpp ----------------------------------------------===//
//
// What SQLAlchemy checks of one relationship's own option values: the
// refusals that depend on the final direction and uselist (E10, E11, E12,
// E14: _set_cascade, _check_cascade_settings, dynamic.py) and the warnings
// relationship()'s constructor gives (W2, W5). Each check is a function of
// the relationship and the arguments it is configured with; the declaring
// side and the side a backref generates go through the same code.
//
//===----------------------------------------------------------------------===//
#include "graph/GraphBuilder.h"

#include "graph/Vocabulary.h"

#include <algorithm>
#include <set>

namespace relcheck {
namespace {

using K = PyExpr::Kind;

struct OptionProblem {
  SourceSpan Range;
  IssueSeverity Severity;
  std::string Message;
  const char *CaseId;
};

SourceSpan argRange(const ArgFact &A) {
  return A.KeywordRange.isValid() ? A.KeywordRange : A.ValueRange;
}

/// The cascade set CascadeOptions computes ("all" expanded, "none"
/// clearing), or nullopt when the value is not a valid cascade.
std::optional<std::set<std::string>> cascadeSet(const PyExpr &V) {
  std::vector<std::string> Words;
  if (V.is(K::String)) {
    std::string Word;
    for (char C : V.Text + ",") {
      if (C == ',') {
        size_t B = Word.find_first_not_of(" \t\n");
        size_t E = Word.find_last_not_of(" \t\n");
        if (B != std::string::npos)
          Words.push_back(Word.substr(B, E - B + 1));
        Word.clear();
      } else {
        Word += C;
      }
    }
  } else if (V.is(K::List) || V.is(K::Tuple)) {
    for (const PyExpr &C : V.Children) {
      if (!C.is(K::String))
        return std::nullopt;
      Words.push_back(C.Text);
    }
  } else if (!isNone(V)) {
    return std::nullopt;
  }
  const std::vector<std::string> &All = cascadeOptions();
  std::set<std::string> Set;
  for (const std::string &W : Words) {
    if (std::find(All.begin(), All.end(), W) == All.end())
      return std::nullopt;
    Set.insert(W);
  }
  if (Set.count("all"))
    for (const char *W :
         {"delete", "merge", "expunge", "save-update", "refresh-expire"})
      Set.insert(W);
  if (Set.count("none"))
    Set.clear();
  Set.erase("all");
  return Set;
}

/// E10: _set_cascade on a viewonly relationship.
void checkViewonlyCascade(const Relationship &R, const ArgFact &Cascade,
                          const std::set<std::string> &Set,
                          std::vector<OptionProblem> &Out) {
  std::string Persistence;
  for (const std::string &W : Set)
    if (W != "expunge" && W != "refresh-expire" && W != "merge")
      Persistence += (Persistence.empty() ? "" : ", ") + W;
  if (R.ViewOnly && !Persistence.empty())
    Out.push_back({argRange(Cascade), IssueSeverity::Error,
                   "Cascade settings \"" + Persistence +
                       "\" apply to persistence operations and should not be "
                       "combined with a viewonly=True relationship.",
                   "E10"});
}

/// E11: delete-orphan on the many side (_check_cascade_settings).
void checkDeleteOrphan(const Relationship &R, const ArgFact &Cascade,
                       const std::set<std::string> &Set,
                       const ArgFact *SingleParent,
                       std::vector<OptionProblem> &Out) {
  bool Single = SingleParent && truthy(SingleParent->Value);
  if (!Set.count("delete-orphan") || Single || !R.Target ||
      (R.Dir != Direction::ManyToOne && R.Dir != Direction::ManyToMany))
    return;
  std::string Rel = R.displayName();
  Out.push_back(
      {argRange(Cascade), IssueSeverity::Error,
       std::string("For ") +
           (R.Dir == Direction::ManyToOne ? "many-to-one" : "many-to-many") +
           " relationship " + Rel +
           ", delete-orphan cascade is normally configured only on the "
           "\"one\" side of a one-to-many relationship, and not on the "
           "\"many\" side of a many-to-one or many-to-many relationship.  To "
           "force this relationship to allow a particular \"" +
           R.Target->Name +
           "\" object to be referred towards by only a single \"" +
           R.Owner->Name + "\" object at a time via the " + Rel +
           " relationship, which would allow delete-orphan cascade to take "
           "place in this direction, set the single_parent=True flag. "
           "(Background on this error at: https://sqlalche.me/e/14/bbf0)",
       "E11"});
}

/// E14: passive_deletes='all' leaves the children alone, which a delete
/// cascade contradicts (_check_cascade_settings, relationships.py 2380). A
/// viewonly side never gets there: E10 refuses its delete cascade first.
void checkPassiveDeletesAll(const Relationship &R,
                            const std::set<std::string> &Set,
                            const ArgFact *PassiveDeletes,
                            std::vector<OptionProblem> &Out) {
  if (R.ViewOnly || !PassiveDeletes || !PassiveDeletes->Value.is(K::String) ||
      PassiveDeletes->Value.Text != "all" ||
      (!Set.count("delete") && !Set.count("delete-orphan")))
    return;
  Out.push_back({argRange(*PassiveDeletes), IssueSeverity::Error,
                 "On " + R.displayName() +
                     ", can't set passive_deletes='all' in conjunction with "
                     "'delete' or 'delete-orphan' cascade",
                 "E14"});
}

/// E12: dynamic.py refuses a scalar; a forced collection on a many-to-one
/// only warns.
void checkDynamicLoader(const Relationship &R, const ArgFact *Lazy,
                        std::vector<OptionProblem> &Out) {
  if (!Lazy || !Lazy->Value.is(K::String) || Lazy->Value.Text != "dynamic")
    return;
  std::string Text = "On relationship " + R.displayName() +
                     ", 'dynamic' loaders cannot be used with "
                     "many-to-one/one-to-one relationships and/or "
                     "uselist=False.";
  bool Certain = R.UseListExplicit || R.Dir != Direction::Unknown;
  if (Certain && !R.UseList)
    Out.push_back({argRange(*Lazy), IssueSeverity::Error, Text, "E12"});
  else if (R.Dir == Direction::ManyToOne)
    Out.push_back({argRange(*Lazy), IssueSeverity::Warning,
                   Text + "  This warning will be an exception in a future "
                          "release.",
                   "E12"});
}

/// Python's `V != Default` for a flag written as a literal; nullopt for a
/// value relcheck does not know (a name, a call): no guess, no warning.
std::optional<bool> differsFrom(const PyExpr &V, bool Default) {
  if (std::optional<bool> B = boolValue(V))
    return *B != Default;
  switch (V.K) {
  case K::Constant:
    if (isNone(V))
      return true;
    return std::nullopt;
  case K::String:
  case K::List:
  case K::Tuple:
  case K::Dict:
    return true; // never equal to a bool
  default:
    return std::nullopt;
  }
}

/// W2 (relationships.py 1070-1086): persistence-only flags that differ
/// from their defaults on a viewonly relationship, in SQLAlchemy's order.
/// A generated side also warns about the passive_updates it copies from
/// its declaring side (CopiedPassiveUpdates); that one is reported at the
/// backref name, where the generated side is declared.
void warnPersistenceOnlyFlags(const Relationship &R,
                              const GraphBuilder::OptionLookup &Option,
                              const ArgFact *CopiedPassiveUpdates,
                              std::vector<OptionProblem> &Out) {
  if (!R.ViewOnly)
    return;
  static const std::pair<const char *, bool> Defaults[] = {
      {"passive_deletes", false},
      {"passive_updates", true},
      {"enable_typechecks", true},
      {"active_history", false},
      {"cascade_backrefs", true}};
  for (const auto &[Keyword, Default] : Defaults) {
    const ArgFact *A = Option(Keyword);
    SourceSpan At = A ? argRange(*A) : R.Range;
    if (!A && std::string_view(Keyword) == "passive_updates")
      A = CopiedPassiveUpdates;
    if (!A || differsFrom(A->Value, Default) != true)
      continue;
    Out.push_back({At, IssueSeverity::Warning,
                   std::string("Setting ") + Keyword +
                       " on relationship() while also setting viewonly=True "
                       "does not make sense, as a viewonly=True relationship "
                       "does not perform persistence operations. This "
                       "configuration may raise an error in a future release.",
                   "W2"});
  }
}

/// W5 (relationships.py 1019-1026): `if omit_join:` warns for any true
/// value; only a literal's truth is known.
void warnOmitJoin(const ArgFact *OmitJoin, std::vector<OptionProblem> &Out) {
  if (!OmitJoin)
    return;
  const PyExpr &V = OmitJoin->Value;
  bool Literal = V.is(K::Constant) || V.is(K::Number) || V.is(K::String) ||
                 V.is(K::List) || V.is(K::Tuple) || V.is(K::Dict);
  if (Literal && truthy(V))
    Out.push_back({argRange(*OmitJoin), IssueSeverity::Warning,
                   "setting omit_join to True is not supported; selectin "
                   "loading of this relationship may not work correctly if "
                   "this flag is set explicitly.  omit_join optimization is "
                   "automatically detected for conditions under which it is "
                   "supported.",
                   "W5"});
}

} // namespace

void GraphBuilder::checkOptionValues(const Relationship &R,
                                     const OptionLookup &Option,
                                     const ArgFact *CopiedPassiveUpdates) {
  std::vector<OptionProblem> Problems;
  warnOmitJoin(Option("omit_join"), Problems);
  warnPersistenceOnlyFlags(R, Option, CopiedPassiveUpdates, Problems);
  const ArgFact *Cascade = Option("cascade");
  if (Cascade &&
      !(Cascade->Value.is(K::Constant) && Cascade->Value.Text == "False")) {
    if (std::optional<std::set<std::string>> Set = cascadeSet(Cascade->Value)) {
      checkViewonlyCascade(R, *Cascade, *Set, Problems);
      checkDeleteOrphan(R, *Cascade, *Set, Option("single_parent"), Problems);
      checkPassiveDeletesAll(R, *Set, Option("passive_deletes"), Problems);
    }
  }
  checkDynamicLoader(R, Option("lazy"), Problems);
  for (OptionProblem &P : Problems)
    addIssue(P.Range, P.Severity, std::move(P.Message), R.Owner->QualifiedName,
             R.Attribute, P.CaseId);
}

} // namespace relcheck
