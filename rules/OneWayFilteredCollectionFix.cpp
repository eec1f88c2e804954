//===- OneWayFilteredCollectionFix.cpp ---------------------------------===//
//
// relcheck-one-way-filtered-collection's fix: the §6.3 one-way form of a
// filtered collection that its partner populates back, with only the key
// equality left as the partner's join.
//
//===----------------------------------------------------------------------===//
#include "rules/FixBuilders.h"

#include "annotations/PyExpr.h"
#include "facts/StandardHeaders.h"
#include "graph/BackrefGeneration.h"
#include "graph/JoinAnalysis.h"
#include "graph/JoinExpr.h"
#include "graph/NameResolution.h"
#include "rules/CppMemberNames.h"
#include "rules/FixSupport.h"
#include "rules/Registry.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>
#include <variant>

namespace relcheck {

using namespace fixit;

namespace {

using PK = PyExpr::Kind;

std::optional<PyExpr> argValueExpr(const std::string &Text) {
  PyParseError Err;
  std::optional<PyExpr> E = parsePyExpression(Text, Err);
  if (E && E->is(PK::String)) {
    std::optional<PyExpr> Inner = parsePyExpression(E->Text, Err);
    return Inner;
  }
  return E;
}

std::vector<std::pair<ColumnRef, ColumnRef>>
sortedPairs(std::vector<std::pair<ColumnRef, ColumnRef>> Pairs) {
  std::sort(Pairs.begin(), Pairs.end());
  Pairs.erase(std::unique(Pairs.begin(), Pairs.end()), Pairs.end());
  return Pairs;
}

/// A column as Python in a string join: "User.id" for a mapped table,
/// "assoc.c.left_id" for a plain one; names Python cannot write after a
/// dot as getattr(User, 'from'), assoc.c['from'], locals()['class']
/// (SQLAlchemy's class registry resolves these alike). nullopt, and Why
/// set, when there is no such spelling.
std::optional<std::string> columnSpelling(const ModelGraph &Graph,
                                          const ColumnRef &Ref,
                                          std::string &Why) {
  const Table *T = Graph.findTable(Ref.Table);
  if (!T)
    return std::nullopt;
  const Column *C = T->findColumn(Ref.Column);
  if (!C)
    return std::nullopt;
  if (T->MappedBy) {
    std::string Class = registrySpelling(Graph, *T->MappedBy);
    std::optional<PyExpr> E = classAttributePyExpr(Class, C->Attribute);
    if (!E) {
      Why = "the column '" + Class + "." + C->Attribute +
            "' has no spelling in a string join";
      return std::nullopt;
    }
    return renderJoinPython(*E);
  }
  return renderJoinPython(tableColumnPyExpr(T->Name, C->Name));
}

bool tableIn(const std::vector<const Table *> &Tables, const std::string &N) {
  for (const Table *T : Tables)
    if (T && T->Name == N)
      return true;
  return false;
}

bool contains(const std::vector<ColumnRef> &Cols, const ColumnRef &C) {
  return std::find(Cols.begin(), Cols.end(), C) != Cols.end();
}

/// The joins a relationship needs so that it keeps Keep's direction and key
/// columns but loses any filter: nullopt joins mean "leave to inference".
struct KeyJoins {
  std::optional<std::string> Primary;   ///< Python string literal.
  std::optional<std::string> Secondary; ///< Python string literal.
};

struct KeyJoinRequest {
  const Relationship *Keep = nullptr; ///< Direction, pairs, secondary.
  const Model *Owner = nullptr;       ///< Class of the declaration.
  const Model *Target = nullptr;
  std::optional<PyExpr> RemoteSide;
  std::optional<PyExpr> ForeignKeys;
  bool ViewOnly = false;
};

class KeyJoinFinder {
public:
  KeyJoinFinder(const ModelGraph &Graph, const KeyJoinRequest &Req)
      : Graph(Graph), Req(Req) {
    Spec.RelName = Req.Owner->Name + "." + Req.Keep->Attribute;
    Spec.ParentTables = mapperTables(*Req.Owner);
    Spec.ChildTables = mapperTables(*Req.Target);
    if (!Req.Keep->Secondary.empty())
      Spec.Secondary = Graph.findTable(Req.Keep->Secondary);
    Spec.RemoteSide = Req.RemoteSide ? &*Req.RemoteSide : nullptr;
    Spec.ForeignKeys = Req.ForeignKeys ? &*Req.ForeignKeys : nullptr;
    Spec.ViewOnly = Req.ViewOnly;
    Spec.Resolve = makeColumnResolver(Graph, Req.Owner);
    Spec.ChildClassNames = {Req.Target->Name, registryPath(*Req.Target)};
    Expected = sortedPairs(Req.Keep->LocalRemotePairs);
  }

  std::variant<KeyJoins, std::string> find() {
    if (Expected.empty() || Req.Keep->Dir == Direction::Unknown ||
        Spec.ParentTables.empty() || Spec.ChildTables.empty() ||
        (!Req.Keep->Secondary.empty() && !Spec.Secondary))
      return std::string("the key columns of " + quoted(*Req.Keep) +
                         " are unknown");
    // Inference from the foreign keys gives exactly the key equality.
    if (verifies(nullptr, nullptr))
      return KeyJoins{};
    // Else write the equality, marking foreign (and remote) columns when
    // SQLAlchemy cannot tell them from the tables.
    for (int Marks = 0; Marks < 3; ++Marks) {
      std::optional<std::pair<std::string, std::string>> Texts = render(Marks);
      if (!Texts)
        break;
      std::optional<PyExpr> P;
      std::optional<PyExpr> S;
      PyParseError Err;
      P = parsePyExpression(Texts->first, Err);
      if (!Texts->second.empty())
        S = parsePyExpression(Texts->second, Err);
      if (!P || (!Texts->second.empty() && !S))
        break;
      if (verifies(&*P, S ? &*S : nullptr)) {
        KeyJoins J;
        J.Primary = pyStringLiteral(Texts->first);
        if (!Texts->second.empty())
          J.Secondary = pyStringLiteral(Texts->second);
        return J;
      }
    }
    if (!Why.empty())
      return "no join with only the key columns of " + quoted(*Req.Keep) +
             " can be written: " + Why;
    return std::string("no join with only the key columns of " +
                       quoted(*Req.Keep) + " configures the same way");
  }

private:
  bool verifies(const PyExpr *Primary, const PyExpr *Secondary) {
    JoinSpec S = Spec;
    S.PrimaryJoin = Primary;
    S.SecondaryJoin = Secondary;
    JoinResult R = analyzeJoin(S);
    return !R.Error && R.Dir == Req.Keep->Dir && !R.Filtered &&
           R.UnresolvedNames.empty() &&
           sortedPairs(R.LocalRemotePairs) == Expected;
  }

  /// "A == B" or "and_(A == B, ...)"; Marks 1 wraps foreign columns in
  /// foreign(), 2 also remote columns in remote().
  std::optional<std::string>
  equality(const std::vector<std::pair<ColumnRef, ColumnRef>> &Pairs,
           int Marks) {
    std::vector<std::string> Terms;
    for (const auto &[Local, Remote] : Pairs) {
      std::optional<std::string> L = columnSpelling(Graph, Local, Why);
      std::optional<std::string> R = columnSpelling(Graph, Remote, Why);
      if (!L || !R)
        return std::nullopt;
      auto Mark = [&](const ColumnRef &C, std::string Text) {
        if (Marks >= 2 && contains(Req.Keep->RemoteSide, C))
          Text = "remote(" + std::move(Text) + ")";
        if (Marks >= 1 && contains(Req.Keep->ForeignCols, C))
          Text = "foreign(" + std::move(Text) + ")";
        return Text;
      };
      Terms.push_back(Mark(Local, *L) + " == " + Mark(Remote, *R));
    }
    if (Terms.empty())
      return std::nullopt;
    if (Terms.size() == 1)
      return Terms.front();
    std::string Out = "and_(";
    for (size_t I = 0; I < Terms.size(); ++I)
      Out += (I ? ", " : "") + Terms[I];
    return Out + ")";
  }

  std::optional<std::pair<std::string, std::string>> render(int Marks) {
    if (!Spec.Secondary) {
      std::optional<std::string> P = equality(Expected, Marks);
      if (!P)
        return std::nullopt;
      return std::make_pair(*P, std::string());
    }
    // M2M: each pair's first column is the one outside the secondary table;
    // it says which join the pair belongs to. A table on both sides
    // (self-referential) leaves that open.
    std::vector<std::pair<ColumnRef, ColumnRef>> ToParent;
    std::vector<std::pair<ColumnRef, ColumnRef>> ToChild;
    for (const auto &Pair : Expected) {
      bool Parent = tableIn(Spec.ParentTables, Pair.first.Table);
      bool Child = tableIn(Spec.ChildTables, Pair.first.Table);
      if (Parent == Child)
        return std::nullopt;
      (Parent ? ToParent : ToChild).push_back(Pair);
    }
    std::optional<std::string> P = equality(ToParent, Marks);
    std::optional<std::string> S = equality(ToChild, Marks);
    if (!P || !S)
      return std::nullopt;
    return std::make_pair(*P, *S);
  }

  const ModelGraph &Graph;
  const KeyJoinRequest &Req;
  JoinSpec Spec;
  std::string Why; ///< Why a column has no spelling, if one has none.
  std::vector<std::pair<ColumnRef, ColumnRef>> Expected;
};

std::optional<PyExpr> writtenValue(const ArgFact *Arg) {
  if (!Arg)
    return std::nullopt;
  if (Arg->Value.is(PK::String)) {
    PyParseError Err;
    return parsePyExpression(Arg->Value.Text, Err);
  }
  return Arg->Value;
}

const std::string *argText(const ArgList &Args, std::string_view Keyword) {
  for (const auto &[K, V] : Args)
    if (K == Keyword)
      return &V;
  return nullptr;
}

/// Args without the given keywords; the joins go right after the
/// positional arguments and secondary, where §6.1 writes them.
ArgList withJoins(const ArgList &Args, const KeyJoins &Joins) {
  ArgList Out;
  size_t Insert = 0;
  for (const auto &[K, V] : Args) {
    if (K == "back_populates" || K == "primaryjoin" || K == "secondaryjoin")
      continue;
    Out.emplace_back(K, V);
    if (K.empty() || K == "secondary")
      Insert = Out.size();
  }
  ArgList JoinArgs;
  if (Joins.Primary)
    JoinArgs.emplace_back("primaryjoin", *Joins.Primary);
  if (Joins.Secondary)
    JoinArgs.emplace_back("secondaryjoin", *Joins.Secondary);
  Out.insert(Out.begin() + static_cast<std::ptrdiff_t>(Insert),
             JoinArgs.begin(), JoinArgs.end());
  return Out;
}

/// §6.3 "what changes", for the fix description.
std::string behaviourChange(const Relationship &Collection,
                            const Relationship &Partner, bool FilterDropped) {
  std::string Out = (Partner.UseList ? "appending to " : "setting ") +
                    quoted(Partner) + " no longer adds the object to " +
                    quoted(Collection) +
                    " (it appears there after the next "
                    "load, if it matches the filter)";
  if (FilterDropped)
    Out += ", and " + quoted(Partner) + " now loads regardless of the filter";
  return Out;
}

/// Case: the filtered collection declares backref= (the partner is what it
/// generates). The collection keeps the link as back_populates; the partner
/// is declared without back_populates and without the filter.
FixOrReason oneWayFromCollectionBackref(const FixContext &Ctx,
                                        const Relationship &Collection,
                                        const Relationship &Partner) {
  if (std::string Problem = declaringSideProblem(Ctx, Collection);
      !Problem.empty())
    return FixOrReason::none(Problem);
  ArgList Args = Partner.ExplicitArgs;
  if (Partner.Owner == Collection.Owner) {
    std::string WhyNot;
    Args = qualifyArgs(Args, *Collection.Owner, WhyNot);
    if (!WhyNot.empty())
      return FixOrReason::none(WhyNot);
  }

  KeyJoinRequest Req;
  Req.Keep = &Partner;
  Req.Owner = Partner.Owner;
  Req.Target = Partner.Target;
  if (const std::string *T = argText(Args, "remote_side"))
    Req.RemoteSide = argValueExpr(*T);
  if (const std::string *T = argText(Args, "foreign_keys"))
    Req.ForeignKeys = argValueExpr(*T);
  Req.ViewOnly = Partner.ViewOnly;
  std::variant<KeyJoins, std::string> Joins =
      KeyJoinFinder(Ctx.Graph, Req).find();
  if (auto *Why = std::get_if<std::string>(&Joins))
    return FixOrReason::none(*Why);

  Fix F;
  F.Description =
      "link " + quoted(Collection) + " one-way: back_populates=\"" +
      Partner.Attribute + "\" replaces backref=, and " + quoted(Partner) +
      " is declared without back_populates and without the filter; " +
      behaviourChange(Collection, Partner, /*FilterDropped=*/true);
  std::optional<std::vector<Replacement>> Here =
      declaringSideEdits(Collection, Partner.Attribute);
  if (!Here)
    return FixOrReason::none("the back_populates argument of " +
                             quoted(Collection) + " cannot be removed");
  F.Replacements = std::move(*Here);
  FixOrReason Member = declareMember(Ctx, *Partner.Owner, *Partner.Target,
                                     withJoins(Args, std::get<KeyJoins>(Joins)),
                                     Partner.UseList, Partner.Attribute);
  if (!Member.Value)
    return Member;
  append(F, *Member.Value);
  return {std::move(F), ""};
}

/// Case: the partner declares backref= and the filtered collection is what
/// it generates. The collection is declared explicitly (with its filter and
/// back_populates naming the partner); the partner loses backref= and its
/// filter.
FixOrReason oneWayFromPartnerBackref(const FixContext &Ctx,
                                     const Relationship &Collection,
                                     const Relationship &Partner) {
  if (std::string Problem = declaringSideProblem(Ctx, Partner);
      !Problem.empty())
    return FixOrReason::none(Problem);
  const AnnotationFact &A = Partner.Fact->Annotation;

  KeyJoinRequest Req;
  Req.Keep = &Partner;
  Req.Owner = Partner.Owner;
  Req.Target = Partner.Target;
  Req.RemoteSide = writtenValue(Partner.arg("remote_side"));
  Req.ForeignKeys = writtenValue(Partner.arg("foreign_keys"));
  Req.ViewOnly = Partner.ViewOnly;
  std::variant<KeyJoins, std::string> Joins =
      KeyJoinFinder(Ctx.Graph, Req).find();
  if (auto *Why = std::get_if<std::string>(&Joins))
    return FixOrReason::none(*Why);
  const KeyJoins &Key = std::get<KeyJoins>(Joins);

  // The partner: drop backref=, and the written joins inference now finds
  // (or rewrite them to the bare key equality).
  std::optional<size_t> BackrefIndex =
      Partner.Backref ? argIndex(A, Partner.Backref->Arg) : std::nullopt;
  if (!BackrefIndex)
    return FixOrReason::none("the backref argument has no exact source range");
  std::vector<size_t> Remove = {*BackrefIndex};
  Fix F;
  F.Description =
      "link " + quoted(Collection) + " one-way: " + quoted(Collection) +
      " is declared with its filter and back_populates=\"" + Partner.Attribute +
      "\", and " + quoted(Partner) + " loses backref= and the filter; " +
      behaviourChange(Collection, Partner, /*FilterDropped=*/true);
  for (auto [Keyword, Wanted] :
       {std::make_pair("primaryjoin", &Key.Primary),
        std::make_pair("secondaryjoin", &Key.Secondary)}) {
    const ArgFact *Written = Partner.arg(Keyword);
    if (!Wanted->has_value()) {
      if (Written) {
        std::optional<size_t> Index = argIndex(A, Written);
        if (!Index)
          return FixOrReason::none("the " + std::string(Keyword) +
                                   " argument has no exact source range");
        Remove.push_back(*Index);
      }
      continue;
    }
    if (!Written || !Written->ValueRange.isValid())
      return FixOrReason::none(quoted(Partner) + " would need a new " +
                               Keyword + " argument");
    F.Replacements.push_back(replaceSpan(Written->ValueRange, **Wanted));
  }
  std::sort(Remove.begin(), Remove.end());
  Remove.erase(std::unique(Remove.begin(), Remove.end()), Remove.end());
  std::vector<Replacement> Removals = removeArguments(A, Remove);
  if (Removals.empty())
    return FixOrReason::none("the arguments of " + quoted(Partner) +
                             " cannot be removed cleanly");
  F.Replacements.insert(F.Replacements.begin(), Removals.begin(),
                        Removals.end());

  ArgList Args = Collection.ExplicitArgs;
  if (Collection.Owner == Partner.Owner) {
    std::string WhyNot;
    Args = qualifyArgs(Args, *Partner.Owner, WhyNot);
    if (!WhyNot.empty())
      return FixOrReason::none(WhyNot);
  }
  FixOrReason Member =
      declareMember(Ctx, *Collection.Owner, *Collection.Target, Args,
                    Collection.UseList, Collection.Attribute);
  if (!Member.Value)
    return Member;
  append(F, *Member.Value);
  return {std::move(F), ""};
}

/// Relationships that name Collection as their back_populates partner
/// (written, or set by a backref), in configuration order.
std::vector<const Relationship *> linkedFrom(const ModelGraph &,
                                             const Relationship &Collection) {
  std::vector<const Relationship *> Result;
  // Only a back_populates that names the collection syncs into it; a
  // one-way link from the collection leaves the other side naming nothing.
  // Every relationship whose Partner is the collection is in its
  // LinkedFrom (GraphBuilder::pair sets both at once), so no scan of the
  // whole graph is needed: that scan made the rules quadratic.
  for (const Relationship *Rel : Collection.LinkedFrom)
    if (Rel && (Rel->Partner == &Collection ||
                (!Rel->BackPopulates.empty() &&
                 Rel->BackPopulates == Collection.Attribute)))
      Result.push_back(Rel);
  std::sort(Result.begin(), Result.end(),
            [](const Relationship *A, const Relationship *B) {
              return A->ConfigOrder < B->ConfigOrder;
            });
  Result.erase(std::unique(Result.begin(), Result.end()), Result.end());
  return Result;
}

/// §5.4: does Partner's back_populates sync write into the collection?
bool populatesBack(const Relationship &Partner) {
  return !Partner.ViewOnly && Partner.EffectiveSync &&
         Partner.SyncBackref != std::optional<bool>(false);
}

} // namespace

std::vector<const Relationship *>
populatingPartners(const ModelGraph &Graph, const Relationship &Collection) {
  if (!Collection.UseList || !Collection.Filtered || Collection.ViewOnly ||
      !Collection.Owner)
    return {};
  std::vector<const Relationship *> Partners;
  for (const Relationship *Partner : linkedFrom(Graph, Collection))
    if (Partner != &Collection && populatesBack(*Partner))
      Partners.push_back(Partner);
  return Partners;
}

std::vector<ReportedCollection>
reportedFilteredCollections(const ModelGraph &Graph) {
  std::map<const Relationship *, std::vector<const Relationship *>> Found;
  for (const std::unique_ptr<Relationship> &Rel : Graph.relationships()) {
    std::vector<const Relationship *> Partners =
        populatingPartners(Graph, *Rel);
    if (!Partners.empty())
      Found[Rel.get()] = std::move(Partners);
  }
  std::vector<ReportedCollection> Out;
  for (const std::unique_ptr<Relationship> &Rel : Graph.relationships()) {
    auto It = Found.find(Rel.get());
    if (It == Found.end())
      continue;
    // A M2M backref whose both sides are filtered collections is one root
    // cause: the declaration is reported, not its generated mirror.
    if (Rel->isGenerated() && Found.count(Rel->GeneratedBy))
      continue;
    Out.emplace_back(Rel.get(), It->second);
  }
  return Out;
}

FixOrReason buildOneWayFix(const FixContext &Ctx,
                           const Relationship &Collection,
                           const Relationship &Partner) {
  if (!Collection.Owner || !Partner.Owner)
    return FixOrReason::none("a side of the link has no class");
  if (Ctx.Refusals.refuses(Collection) || Ctx.Refusals.refuses(Partner))
    return FixOrReason::none(
        "SQLAlchemy refuses this configuration as written");
  if (populatingPartners(Ctx.Graph, Collection).size() != 1)
    return FixOrReason::none("more than one relationship populates " +
                             quoted(Collection) + " back");
  if (Partner.GeneratedBy == &Collection)
    return oneWayFromCollectionBackref(Ctx, Collection, Partner);
  if (Collection.GeneratedBy == &Partner)
    return oneWayFromPartnerBackref(Ctx, Collection, Partner);

  // Two declared sides linked both ways (§6.3, last point), or only from
  // the partner: the partner's back_populates goes, and the collection names
  // the partner if it does not yet (the one-way form of §5.3).
  if (!Partner.Fact || Partner.isGenerated())
    return FixOrReason::none(quoted(Partner) + " is not declared");
  if (!Collection.Fact || Collection.isGenerated())
    return FixOrReason::none(quoted(Collection) + " is not declared");
  bool CollectionNamesPartner = Collection.Partner == &Partner ||
                                Collection.BackPopulates == Partner.Attribute;
  bool CollectionNamesNothing =
      Collection.BackPopulates.empty() && !Collection.BackPopulatesArg &&
      !Collection.arg("back_populates") && !Collection.Backref;
  if (!CollectionNamesPartner && !CollectionNamesNothing)
    return FixOrReason::none(quoted(Collection) +
                             " names another "
                             "relationship in back_populates");
  if (!populatingPartners(Ctx.Graph, Partner).empty())
    return FixOrReason::none(quoted(Partner) +
                             " is a filtered collection too; which side "
                             "stays linked is a design decision");
  const AnnotationFact &A = Partner.Fact->Annotation;
  if (!A.ExactRanges)
    return FixOrReason::none("the annotation of " + quoted(Partner) +
                             " is not spelled directly in a file");
  std::optional<size_t> Index = argIndex(A, Partner.BackPopulatesArg);
  if (!Index || !isEditableFile(A.ArgsRange.File))
    return FixOrReason::none("the back_populates argument of " +
                             quoted(Partner) + " cannot be edited");
  std::vector<Replacement> Removal = removeArguments(A, {*Index});
  if (Removal.empty())
    return FixOrReason::none("the back_populates argument of " +
                             quoted(Partner) + " cannot be removed cleanly");
  Fix F;
  F.Replacements = std::move(Removal);
  if (CollectionNamesNothing) {
    const AnnotationFact &C = Collection.Fact->Annotation;
    if (!C.ExactRanges || !C.ArgsRange.isValid() ||
        !isEditableFile(C.ArgsRange.File))
      return FixOrReason::none("the annotation of " + quoted(Collection) +
                               " is not spelled directly in a file");
    std::string Argument =
        "back_populates=" + pyStringLiteral(Partner.Attribute);
    Replacement Add;
    Add.File = C.ArgsRange.File;
    if (C.Args.empty()) {
      Add.Offset = C.ArgsRange.Begin;
      Add.Text = Argument;
    } else if (C.Args.back().Range.isValid()) {
      Add.Offset = C.Args.back().Range.End;
      Add.Text = ", " + Argument;
    } else {
      return FixOrReason::none("the arguments of " + quoted(Collection) +
                               " have no exact source range");
    }
    F.Replacements.insert(F.Replacements.begin(), std::move(Add));
    F.Description = "link " + quoted(Collection) +
                    " one-way: it gets "
                    "back_populates=\"" +
                    Partner.Attribute + "\" and " + quoted(Partner) +
                    " loses its back_populates; " +
                    behaviourChange(Collection, Partner, false) +
                    ", and appending to " + quoted(Collection) + " now sets " +
                    quoted(Partner);
  } else {
    F.Description = "remove back_populates from " + quoted(Partner) + "; " +
                    behaviourChange(Collection, Partner, false);
  }
  return {std::move(F), ""};
}

std::optional<std::pair<const Relationship *, const Relationship *>>
oneWayLinkThroughBackref(const std::vector<ReportedCollection> &Reported,
                         const Relationship &Declaring) {
  if (!Declaring.Backref || !Declaring.Backref->Generated)
    return std::nullopt;
  const Relationship *Generated = Declaring.Backref->Generated;
  for (const auto &[Collection, Partners] : Reported)
    for (const Relationship *Partner : Partners)
      if ((Collection == &Declaring && Partner == Generated) ||
          (Collection == Generated && Partner == &Declaring))
        return std::make_pair(Collection, Partner);
  return std::nullopt;
}

} // namespace relcheck
