//===- GraphConfigure.cpp -------------------------------------------------===//
//
// Steps 5-6 of GraphBuilder::build: configure every relationship in
// configuration order (§1.1): joins, direction, the names they leave
// unresolved. The backrefs it generates: GraphBackrefs.cpp.
//
//===----------------------------------------------------------------------===//
#include "graph/GraphBuilder.h"

#include "graph/BackrefGeneration.h"
#include "graph/GraphBuilderSupport.h"
#include "graph/JoinInference.h"
#include "graph/MapperArguments.h"
#include "graph/NameResolution.h"
#include "graph/RefusalCases.h"
#include "graph/TableArguments.h"
#include "graph/Vocabulary.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <tuple>

namespace relcheck {

using K = PyExpr::Kind;

void GraphBuilder::configure() {
  // Declared relationships in configuration order; generated ones are
  // created (and numbered) right after their declaring relationship.
  std::vector<Relationship *> Declared;
  Declared.reserve(Rels.size());
  for (auto &R : Rels)
    Declared.push_back(R.get());
  for (Relationship *R : Declared) {
    R->ConfigOrder = NextOrder++;
    RelState &S = States[R];
    configureJoins(
        *R, S, R->PrimaryJoin.Written ? &*R->PrimaryJoin.Written : nullptr,
        R->SecondaryJoin.Written ? &*R->SecondaryJoin.Written : nullptr,
        S.RemoteSide ? &*S.RemoteSide : nullptr,
        S.ForeignKeys ? &*S.ForeignKeys : nullptr);
    if (!R->Fact->Annotation.ParseFailed)
      checkOptionValues(*R, [&](std::string_view Kw) { return R->arg(Kw); });
    generateBackref(*R);
  }
}

void GraphBuilder::configureJoins(Relationship &R, RelState &S,
                                  const PyExpr *PrimaryJoin,
                                  const PyExpr *SecondaryJoin,
                                  const PyExpr *RemoteSide,
                                  const PyExpr *ForeignKeys) {
  if (!R.UseListExplicit)
    R.UseList = true;
  if (!R.Target || S.ArgumentUnresolved)
    return; // already reported; SQLAlchemy stops there too
  JoinSpec Spec;
  Spec.RelName = R.displayName();
  Spec.ParentTables = mapperTables(*R.Owner);
  Spec.ChildTables = mapperTables(*R.Target);
  Spec.Secondary = S.SecondaryTable;
  Spec.PrimaryJoin = PrimaryJoin;
  Spec.SecondaryJoin = SecondaryJoin;
  Spec.RemoteSide = RemoteSide;
  Spec.ForeignKeys = ForeignKeys;
  Spec.ViewOnly = R.ViewOnly;
  Spec.Resolve = makeColumnResolver(G, S.Scope);
  for (const std::string &N : {R.Target->Name, registryPath(*R.Target)})
    if (G.findModels(N, R.Owner->Registry).size() == 1 &&
        std::find(Spec.ChildClassNames.begin(), Spec.ChildClassNames.end(),
                  N) == Spec.ChildClassNames.end())
      Spec.ChildClassNames.push_back(N);
  if (Spec.ParentTables.empty() || Spec.ChildTables.empty())
    return; // a model without a table: reported at the model
  JoinResult J = analyzeJoin(Spec);
  // SQLAlchemy may well configure a join over a name __mapper_args__ maps;
  // relcheck can neither refuse nor analyze it, so it concludes nothing
  // from the join. A name missing outright is refused all the same.
  std::string NotModeled;
  std::vector<std::string> Missing;
  for (const std::string &Name : J.UnresolvedNames) {
    std::string Note = unmodeledAttributeNote(G, S.Scope, Name);
    if (Note.empty())
      Missing.push_back(Name);
    else if (NotModeled.empty())
      NotModeled = std::move(Note);
  }
  if (!NotModeled.empty()) {
    for (const std::string &Name : Missing)
      reportUnresolvedName(R, S, Name);
    if (Missing.empty())
      R.NotModeled = std::move(NotModeled);
    return;
  }
  R.Dir = J.Dir;
  R.ForeignCols = J.Foreign;
  R.RemoteSide = J.Remote;
  R.LocalCols = J.Local;
  R.LocalRemotePairs = J.LocalRemotePairs;
  R.Filtered = J.Filtered;
  R.FilterTerms = J.FilterTerms;
  R.SyncPairs = J.SyncPairs;
  R.SecondarySyncPairs = J.SecondarySyncPairs;
  R.PrimaryJoin.Rendered = J.RenderedPrimary;
  R.SecondaryJoin.Rendered = J.RenderedSecondary;
  // §1.4: uselist defaults to "not many-to-one".
  if (!R.UseListExplicit)
    R.UseList = R.Dir != Direction::ManyToOne;
  std::string ModelName = R.Owner->QualifiedName;
  if (J.Error)
    addIssue(R.Range, IssueSeverity::Error, J.Error->Message, ModelName,
             R.Attribute, J.Error->CaseId);
  for (const std::string &Name : J.UnresolvedNames)
    reportUnresolvedName(R, S, Name);
  for (const JoinProblem &W : J.Warnings)
    addIssue(R.Range, IssueSeverity::Warning, W.Message, ModelName, R.Attribute,
             W.CaseId);
}

void GraphBuilder::reportUnresolvedName(const Relationship &R,
                                        const RelState &S,
                                        const std::string &Dotted) {
  const Relationship &Declaring = R.GeneratedBy ? *R.GeneratedBy : R;
  // The declaring side fails first; one report per written name.
  if (!ReportedNames.insert({&Declaring, Dotted}).second)
    return;
  std::string Detail = unresolvedNameDetail(S, Dotted);
  // Point at the name where it is written.
  SourceSpan Range = writtenNameRange(Declaring, Dotted, R.Range);
  addIssue(Range, IssueSeverity::Error,
           "'" + Dotted + "' in relationship '" + Declaring.displayName() +
               "' does not name a column: " + Detail,
           Declaring.Owner->QualifiedName, Declaring.Attribute,
           Detail.rfind("Multiple classes", 0) == 0 ? refusal::AmbiguousName
                                                    : refusal::UnresolvedName);
}

std::optional<PyExpr> GraphBuilder::evaluateArgument(const Relationship &R,
                                                     RelState &S,
                                                     const PyExpr &Value) {
  if (!Value.is(K::String))
    return Value;
  std::optional<PyExpr> Content = parseStringContent(Value);
  if (Content)
    refuseTableOfClassInString(R, S, *Content);
  return Content;
}

// A string argument is evaluated in the class registry, whose classes show
// only their mapped attributes (clsregistry._GetColumns): "User.__table__"
// raises AttributeError there, though outside a string it is the table.
// Checked apart from the column resolver, which serves both spellings.
bool GraphBuilder::refuseTableOfClassInString(const Relationship &R,
                                              RelState &S,
                                              const PyExpr &Content) {
  bool Refused = false;
  forEachDottedChain(Content, [&](const std::string &Dotted) {
    std::vector<std::string> Parts = dottedParts(Dotted);
    for (size_t I = 1; I < Parts.size() && !Refused; ++I) {
      if (Parts[I] != "__table__")
        continue;
      std::string Path = joinedParts(Parts, I);
      if (G.findModelsSeenFrom(Path, S.Scope).size() == 1) {
        reportUnresolvedName(R, S, Path + ".__table__");
        S.ArgumentUnresolved = true;
        Refused = true;
      }
    }
  });
  return Refused;
}

std::string
GraphBuilder::unresolvedNameDetail(const RelState &S,
                                   const std::string &Dotted) const {
  std::vector<std::string> Parts = dottedParts(Dotted);
  auto Join = [&](size_t N) { return joinedParts(Parts, N); };
  std::string Detail;
  if (Parts.size() == 1) {
    std::vector<std::string> Names;
    if (S.Scope)
      for (const Column &C : S.Scope->Columns)
        Names.push_back(C.Attribute);
    Detail = "name '" + Dotted + "' is not a column of the class body of '" +
             (S.Scope ? S.Scope->Name : std::string("?")) + "'" +
             didYouMean(Dotted, Names);
  } else if (Parts.size() >= 3 && Parts[Parts.size() - 2] == "c") {
    std::string TName = Join(Parts.size() - 2);
    if (const Table *T = G.findTable(TName)) {
      std::vector<std::string> Names;
      Names.reserve(T->Columns.size());
      for (const Column &C : T->Columns)
        Names.push_back(C.Key); // table.c is keyed by Column.key
      Detail = "table '" + TName + "' has no column '" + Parts.back() + "'" +
               didYouMean(Parts.back(), Names);
    } else {
      Detail = "name '" + TName + "' is not defined" +
               didYouMean(TName, tableNames(G));
    }
  } else {
    std::string Path = Join(Parts.size() - 1);
    std::vector<const Model *> Ms = G.findModelsSeenFrom(Path, S.Scope);
    if (Ms.size() == 1) {
      AttributeLookup L = Ms[0]->lookup(Parts.back());
      if (L.K == AttributeLookup::Kind::Relationship) {
        Detail = "'" + Dotted + "' is a relationship, not a column";
      } else {
        std::vector<std::string> Names;
        for (const Model *M = Ms[0]; M;
             M = M->Bases.empty() ? nullptr : M->Bases.front())
          for (const Column &C : M->Columns)
            Names.push_back(C.Attribute);
        Detail = "Class " + classRepr(*Ms[0]) +
                 " does not have a mapped column named '" + Parts.back() + "'" +
                 didYouMean(Parts.back(), Names);
      }
    } else if (Ms.size() > 1) {
      Detail = "Multiple classes found for path \"" + Path +
               "\" in the registry of this declarative base. Please use a "
               "fully module-qualified path.";
    } else if (G.findTable(Path)) {
      Detail = "'" + Path + "' is a table; write '" + Path + ".c." +
               Parts.back() + "'";
    } else {
      std::vector<std::string> Names = registryNames(G.Models);
      for (const std::string &T : tableNames(G))
        Names.push_back(T);
      Detail = "name '" + Path + "' is not defined" + didYouMean(Path, Names);
    }
  }
  return Detail;
}

SourceSpan GraphBuilder::writtenNameRange(const Relationship &Declaring,
                                          const std::string &Dotted,
                                          const SourceSpan &Fallback) const {
  SourceSpan Range = Fallback;
  ArgumentLocator Loc(Declaring.Fact->Annotation);
  std::vector<const ArgFact *> Args;
  for (const char *Kw : {"order_by", "primaryjoin", "secondaryjoin",
                         "remote_side", "foreign_keys"})
    if (const ArgFact *A = Declaring.arg(Kw))
      Args.push_back(A);
  if (Declaring.Backref)
    for (const ArgFact *O : Declaring.Backref->Options)
      Args.push_back(O);
  auto IsIdent = [](char C) { return isalnum((unsigned char)C) || C == '_'; };
  bool Found = false;
  for (const ArgFact *A : Args) {
    if (Found)
      break;
    if (A->Value.is(K::String)) {
      const std::string &Text = A->Value.Text;
      for (size_t Pos = Text.find(Dotted); Pos != std::string::npos;
           Pos = Text.find(Dotted, Pos + 1)) {
        size_t End = Pos + Dotted.size();
        if ((Pos == 0 || (!IsIdent(Text[Pos - 1]) && Text[Pos - 1] != '.')) &&
            (End == Text.size() || !IsIdent(Text[End]))) {
          Range = Loc.insideString(*A, A->Value, unsigned(Pos), unsigned(End));
          Found = true;
          break;
        }
      }
      continue;
    }
    std::function<const PyExpr *(const PyExpr &)> Find =
        [&](const PyExpr &E) -> const PyExpr * {
      if ((E.is(K::Name) || E.is(K::Attribute)) && dottedName(E) == Dotted)
        return &E;
      for (const PyExpr &C : E.Children)
        if (const PyExpr *F = Find(C))
          return F;
      return nullptr;
    };
    if (const PyExpr *N = Find(A->Value)) {
      Range = Loc.node(*A, *N);
      Found = true;
    }
  }
  return Range;
}

} // namespace relcheck
