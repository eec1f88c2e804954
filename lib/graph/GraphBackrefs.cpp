//===- GraphBackrefs.cpp --------------------------------------------------===//
//
// Step 6 of GraphBuilder::build: the relationship a backref generates
// (§1.1 step 2); its option values are checked as the declaring side's
// (GraphOptionChecks.cpp).
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
  // Generated as SQLAlchemy would if the name is free, but no explicit
  // form is proposed: it might not be.
  std::string NameNotModeled;
  if (Existing.K == AttributeLookup::Kind::Unmodeled && Existing.DeclaredOn)
    NameNotModeled = "whether '" + T.Name + "." + B.Name + "' is free is " +
                     Existing.decidedBy();

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
  GS.ArgumentUnresolved = RS.ArgumentUnresolved;
  if (const ArgFact *O = Option("order_by"))
    checkOrderBy(Gen, GS, O->Value);
  auto ParseOption = [&](const ArgFact *O) -> std::optional<PyExpr> {
    if (!O || isNone(O->Value) ||
        !(isJoinValue(O->Value) || isColumnListValue(O->Value)))
      return std::nullopt;
    return evaluateArgument(Gen, GS, O->Value);
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

  checkOptionValues(Gen, Option, R.arg("passive_updates"));

  // §1.1 step 7.
  R.BackPopulates = B.Name;
  B.Generated = &Gen;
  T.Relationships.push_back(&Gen);
  buildExplicitArgs(In, Gen);
  if (!MirrorCaveat.empty() && Gen.ExplicitArgsCaveat.empty())
    Gen.ExplicitArgsCaveat = MirrorCaveat;
  if (!NameNotModeled.empty())
    Gen.ExplicitArgsCaveat = NameNotModeled;
  Rels.push_back(std::move(GenP));
}

} // namespace relcheck
