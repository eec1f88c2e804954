//===- GraphBackrefs.cpp --------------------------------------------------===//
//
// Step 6 of GraphBuilder::build: the relationship a backref generates
// (§1.1 step 2), and the options SQLAlchemy refuses given the final
// direction (E10-E12).
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

/// The backref(...) option Kw, if given.
static const ArgFact *backrefOption(const std::vector<const ArgFact *> &Options,
                                    std::string_view Kw) {
  for (const ArgFact *O : Options)
    if (O->Keyword == Kw)
      return O;
  return nullptr;
}

/// §1.1 step 6: what the generated side carries over from R unless the
/// backref(...) options override it; §1.4: uselist and lazy are not copied.
static void copyCarriedOptions(const Relationship &R,
                               const std::vector<const ArgFact *> &Options,
                               Relationship &Gen) {
  Gen.ViewOnly = R.ViewOnly;
  if (const ArgFact *O = backrefOption(Options, "viewonly"))
    Gen.ViewOnly = truthy(O->Value);
  Gen.SyncBackref = R.SyncBackref;
  if (const ArgFact *O = backrefOption(Options, "sync_backref"))
    Gen.SyncBackref = boolValue(O->Value);
  if (const ArgFact *O = backrefOption(Options, "uselist"))
    if (!isNone(O->Value)) {
      Gen.UseList = truthy(O->Value);
      Gen.UseListExplicit = true;
    }
  if (const ArgFact *O = backrefOption(Options, "lazy"))
    if (O->Value.is(K::String) || O->Value.is(K::Constant))
      Gen.Lazy = O->Value.Text;
}

/// Sets Caveat (when still empty) to why a primaryjoin with remote() marks
/// cannot be mirrored for R's backref: a column reference in E that Resolve
/// does not resolve. Callee: E is the function a call calls.
static void findUnmirrorableColumn(const PyExpr &E, bool Callee,
                                   const ColumnResolver &Resolve,
                                   const Relationship &R, std::string &Caveat) {
  if (!Callee && (E.is(K::Name) || E.is(K::Attribute))) {
    std::string D = dottedName(E);
    if (!D.empty() && Caveat.empty() && !Resolve(D) &&
        (E.is(K::Attribute) || D != "None")) {
      if (E.is(K::Attribute) &&
          (E.Text == "startswith" || E.Text == "endswith" || E.Text == "in_" ||
           E.Text == "like" || E.Text == "ilike" || E.Text == "contains" ||
           E.Text == "is_" || E.Text == "isnot"))
        return; // a method of a column, checked via its object
      Caveat = "cannot mirror the remote() marks of '" + R.displayName() +
               "': '" + D + "' does not resolve to a column";
    }
    if (E.is(K::Attribute) && !E.Children.empty() && !dottedName(E).empty())
      return;
  }
  for (size_t I = 0; I < E.Children.size(); ++I)
    findUnmirrorableColumn(E.Children[I], E.is(K::Call) && I == 0, Resolve, R,
                           Caveat);
}

// Over 120 lines: §1.1 steps 2-8 in SQLAlchemy's order, whose join steps
// share the Option/ParseOption/SetJoin lambdas over R's state.
void GraphBuilder::generateBackref(Relationship &R) {
  // §1.1 step 2: only with backref= and without back_populates (both
  // together is E1, raised before configuration).
  if (!R.Backref || !R.BackPopulates.empty() || !R.Target)
    return;
  Relationship::BackrefInfo &B = *R.Backref;
  RelState &RS = States[&R];
  Model &T = *R.Target;

  // §1.5 (E6): a collision prevents generation; the rule reports it.
  if (const Model *On = findBackrefCollision(T, B.Name)) {
    B.CollisionOn = On;
    return;
  }
  AttributeLookup Existing = T.lookup(B.Name);
  if (Existing.K == AttributeLookup::Kind::PlainMember) {
    B.Replaces = Existing.Member;
    B.ReplacesOn = Existing.DeclaredOn;
  }

  auto Option = [&](std::string_view Kw) {
    return backrefOption(RS.BackrefOptions, Kw);
  };

  auto GenP = std::make_unique<Relationship>();
  Relationship &Gen = *GenP;
  Gen.Owner = &T;
  Gen.Attribute = B.Name;
  Gen.GeneratedBy = &R;
  // §1.1 step 8: the target is the class that declares P.rel.
  Gen.Target = R.Owner;
  Gen.TargetName = registrySpelling(G, *R.Owner);
  Gen.BackPopulates = R.Attribute;
  Gen.Secondary = R.Secondary;
  Gen.Range = B.NameRange;
  copyCarriedOptions(R, RS.BackrefOptions, Gen);

  RelState &GS = States[&Gen];
  GS.Scope = RS.Scope; // backref(...) is evaluated in P's class body
  GS.SecondaryTable = RS.SecondaryTable;
  GS.SecondaryUnresolved = RS.SecondaryUnresolved;
  auto ParseOption = [&](const ArgFact *O) -> std::optional<PyExpr> {
    if (!O || isNone(O->Value) ||
        !(isJoinValue(O->Value) || isColumnListValue(O->Value)))
      return std::nullopt;
    if (O->Value.is(K::String))
      return parseStringContent(O->Value);
    return O->Value;
  };
  auto SetJoin = [&](JoinInfo &J, const ArgFact *O) {
    J.Written = ParseOption(O);
    J.Range = O->ValueRange;
    J.WrittenText = O->Value.is(K::String) ? O->Value.Text : renderPy(O->Value);
  };

  ExplicitArgsInput In;
  In.Declaring = &R;
  In.Generated = &Gen;
  ArgumentLocator Loc(R.Fact->Annotation);
  In.Loc = &Loc;
  In.Options = RS.BackrefOptions;
  In.TargetSpelling = Gen.TargetName;
  In.ScopeResolver = makeColumnResolver(G, RS.Scope);
  std::string MirrorCaveat;

  // §1.1 step 4: joins.
  if (!R.Secondary.empty()) {
    if (const ArgFact *O = Option("primaryjoin"))
      SetJoin(Gen.PrimaryJoin, O);
    else
      Gen.PrimaryJoin = {R.SecondaryJoin.Written, R.SecondaryJoin.WrittenText,
                         R.SecondaryJoin.Range, ""};
    if (const ArgFact *O = Option("secondaryjoin"))
      SetJoin(Gen.SecondaryJoin, O);
    else
      Gen.SecondaryJoin = {R.PrimaryJoin.Written, R.PrimaryJoin.WrittenText,
                           R.PrimaryJoin.Range, ""};
  } else if (const ArgFact *O = Option("primaryjoin")) {
    SetJoin(Gen.PrimaryJoin, O);
  } else if (R.PrimaryJoin.Written) {
    // §1.3: user remote() marks are mirrored; otherwise copied as is.
    const PyExpr &W = *R.PrimaryJoin.Written;
    Gen.PrimaryJoin.Range = R.PrimaryJoin.Range;
    if (hasRemoteMarks(W)) {
      ColumnResolver Resolve = makeColumnResolver(G, RS.Scope);
      PyExpr Mirrored =
          mirrorPrimaryJoinForBackref(W, mapperTables(*R.Owner), Resolve);
      Gen.PrimaryJoin.Written = Mirrored;
      Gen.PrimaryJoin.WrittenText = renderPy(Mirrored);
      In.MirroredJoin = Mirrored;
      // Mirroring needs to know which columns are P's: every column
      // reference must resolve.
      findUnmirrorableColumn(W, /*Callee=*/false, Resolve, R, MirrorCaveat);
    } else {
      Gen.PrimaryJoin.Written = W;
      Gen.PrimaryJoin.WrittenText = R.PrimaryJoin.WrittenText;
    }
  }
  // §1.1 step 5: user-given foreign_keys only.
  if (const ArgFact *O = Option("foreign_keys"))
    GS.ForeignKeys = ParseOption(O);
  else
    GS.ForeignKeys = RS.ForeignKeys;
  // remote_side is never mirrored (§1.3); only K's counts.
  GS.RemoteSide = ParseOption(Option("remote_side"));

  Gen.ConfigOrder = NextOrder++;
  configureJoins(Gen, GS,
                 Gen.PrimaryJoin.Written ? &*Gen.PrimaryJoin.Written : nullptr,
                 !Gen.Secondary.empty() && Gen.SecondaryJoin.Written
                     ? &*Gen.SecondaryJoin.Written
                     : nullptr,
                 GS.RemoteSide ? &*GS.RemoteSide : nullptr,
                 GS.ForeignKeys ? &*GS.ForeignKeys : nullptr);

  checkRefusedOptions(Gen, Option("cascade"), Option("lazy"),
                      Option("single_parent"));

  // §1.1 step 7.
  R.BackPopulates = B.Name;
  B.Generated = &Gen;
  T.Relationships.push_back(&Gen);
  buildExplicitArgs(In, Gen);
  if (!MirrorCaveat.empty() && Gen.ExplicitArgsCaveat.empty())
    Gen.ExplicitArgsCaveat = MirrorCaveat;
  Rels.push_back(std::move(GenP));
}

/// The cascade set CascadeOptions computes ("all" expanded, "none"
/// clearing), or nullopt when the value is not a valid cascade.
static std::optional<std::set<std::string>> cascadeSet(const PyExpr &V) {
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

void GraphBuilder::checkRefusedOptions(const Relationship &R,
                                       const ArgFact *Cascade,
                                       const ArgFact *Lazy,
                                       const ArgFact *SingleParent) {
  const std::string ModelName = R.Owner->QualifiedName;
  auto Where = [&](const ArgFact *A) {
    return A->KeywordRange.isValid() ? A->KeywordRange : A->ValueRange;
  };
  if (Cascade &&
      !(Cascade->Value.is(K::Constant) && Cascade->Value.Text == "False")) {
    if (std::optional<std::set<std::string>> Set = cascadeSet(Cascade->Value)) {
      // E10: _set_cascade on a viewonly relationship.
      std::set<std::string> Persistence;
      for (const std::string &W : *Set)
        if (W != "expunge" && W != "refresh-expire" && W != "merge")
          Persistence.insert(W);
      if (R.ViewOnly && !Persistence.empty()) {
        std::string List;
        for (const std::string &W : Persistence)
          List += (List.empty() ? "" : ", ") + W;
        addIssue(Where(Cascade), IssueSeverity::Error,
                 "Cascade settings \"" + List +
                     "\" apply to persistence operations and should not be "
                     "combined with a viewonly=True relationship.",
                 ModelName, R.Attribute, "E10");
      }
      // E11: delete-orphan on the many side.
      bool Single = SingleParent && truthy(SingleParent->Value);
      if (Set->count("delete-orphan") && !Single && R.Target &&
          (R.Dir == Direction::ManyToOne || R.Dir == Direction::ManyToMany)) {
        std::string Rel = R.displayName();
        addIssue(Where(Cascade), IssueSeverity::Error,
                 std::string("For ") +
                     (R.Dir == Direction::ManyToOne ? "many-to-one"
                                                    : "many-to-many") +
                     " relationship " + Rel +
                     ", delete-orphan cascade is normally configured only on "
                     "the \"one\" side of a one-to-many relationship, and "
                     "not on the \"many\" side of a many-to-one or "
                     "many-to-many relationship.  To force this relationship "
                     "to allow a particular \"" +
                     R.Target->Name +
                     "\" object to be referred towards by only a single \"" +
                     R.Owner->Name + "\" object at a time via the " + Rel +
                     " relationship, which would allow delete-orphan cascade "
                     "to take place in this direction, set the "
                     "single_parent=True flag. (Background on this error at: "
                     "https://sqlalche.me/e/14/bbf0)",
                 ModelName, R.Attribute, "E11");
      }
    }
  }
  // E12: dynamic.py refuses a scalar; a forced collection on a
  // many-to-one only warns.
  if (Lazy && Lazy->Value.is(K::String) && Lazy->Value.Text == "dynamic") {
    std::string Text = "On relationship " + R.displayName() +
                       ", 'dynamic' loaders cannot be used with "
                       "many-to-one/one-to-one relationships and/or "
                       "uselist=False.";
    bool Certain = R.UseListExplicit || R.Dir != Direction::Unknown;
    if (Certain && !R.UseList)
      addIssue(Where(Lazy), IssueSeverity::Error, Text, ModelName, R.Attribute,
               "E12");
    else if (R.Dir == Direction::ManyToOne)
      addIssue(Where(Lazy), IssueSeverity::Warning,
               Text + "  This warning will be an exception in a future "
                      "release.",
               ModelName, R.Attribute, "E12");
  }
}

} // namespace relcheck
