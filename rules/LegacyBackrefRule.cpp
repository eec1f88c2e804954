//===- LegacyBackrefRule.cpp - relcheck-legacy-backref --------------------===//
//
// Every backref= is legacy style: it creates an attribute on another class
// that the C++ reader cannot see. The finding names what SQLAlchemy
// generates (the graph materializes it, §1) and spells out the explicit
// back_populates pair that replaces it (§6.1); its fix writes that pair
// (rules/FixBuilders.h, docs/fixes.md). See docs/rules/legacy-backref.md.
//
//===----------------------------------------------------------------------===//
#include "graph/BackrefGeneration.h"
#include "graph/SyncTargetConflicts.h"
#include "rules/CppMemberNames.h"
#include "rules/FixBuilders.h"
#include "rules/Rule.h"

#include <optional>
#include <set>
#include <string>

namespace relcheck {
namespace {

constexpr std::string_view RuleId = "relcheck-legacy-backref";

/// "shop::sub" for "shop::sub::User"; "" at global scope.
std::string_view namespaceOf(const Model &M) {
  std::string_view Q = M.QualifiedName;
  std::string_view::size_type Pos = Q.rfind("::");
  return Pos == std::string_view::npos ? std::string_view() : Q.substr(0, Pos);
}

/// How the C++ member declared in Owner names Target: unqualified when both
/// live in the same scope, fully qualified otherwise.
std::string cppClassName(const Model &Target, const Model &Owner) {
  if (Target.QualifiedName.empty() || namespaceOf(Target) == namespaceOf(Owner))
    return Target.Name;
  return Target.QualifiedName;
}

/// The explicit declaration that replaces a generated relationship (§6.1),
/// e.g. `ORM_RELATIONSHIP("User", back_populates="addresses") User* user;`.
/// Kept separate from the message so the rewrite can reuse it as a fix.
struct ExplicitForm {
  std::string OwnerName;    ///< The class that receives the declaration.
  std::string Declaration;  ///< Macro, member type and name, with ';'.
  std::string HereArgument; ///< Replaces backref=... on the declaring side.
  std::string Caveat;       ///< Why the rewrite may need a manual touch.
};

std::string
renderMacroArgs(const std::vector<std::pair<std::string, std::string>> &Args) {
  std::string Out;
  for (const auto &[Keyword, Value] : Args) {
    if (!Out.empty())
      Out += ", ";
    if (!Keyword.empty())
      Out += Keyword + "=";
    Out += Value;
  }
  return Out;
}

std::optional<ExplicitForm> explicitFormOf(const Relationship &Generated) {
  if (!Generated.Owner || !Generated.Target || Generated.ExplicitArgs.empty())
    return std::nullopt;
  ExplicitForm Form;
  Form.OwnerName = Generated.Owner->Name;
  std::string Element = cppClassName(*Generated.Target, *Generated.Owner);
  // §6.1 step 4: the member type follows the generated side's uselist.
  std::string Collection = collectionClassTemplate(Generated.ExplicitArgs);
  if (Collection.empty())
    Collection = "std::vector<T*>";
  // The templates hold their element as "T*", once.
  std::string Type = Element + "*";
  if (Generated.UseList)
    Type = Collection.replace(Collection.find("T*"), 1, Element);
  // A key that is no C++ name is declared with ORM_KEY, as the fix does.
  std::string Member =
      cppMemberNameIn(Generated.Owner->Fact, Generated.Attribute);
  std::string Key =
      Member == Generated.Attribute
          ? ""
          : " ORM_KEY(" + pyStringLiteral(Generated.Attribute) + ")";
  Form.Declaration = "ORM_RELATIONSHIP(" +
                     renderMacroArgs(Generated.ExplicitArgs) + ")" + Key + " " +
                     Type + " " + Member + ";";
  Form.HereArgument = "back_populates=" + pyStringLiteral(Generated.Attribute);
  Form.Caveat = Generated.ExplicitArgsCaveat;
  if (Generated.Attribute == "metadata")
    Form.Caveat = "SQLAlchemy's declarative API reserves the attribute name "
                  "'metadata' (\"Attribute name 'metadata' is reserved for the "
                  "MetaData instance when using a declarative base class\"); "
                  "rename the backref";
  return Form;
}

SourceSpan findingLocation(const Relationship &Rel) {
  if (!Rel.Backref)
    return Rel.Range;
  const Relationship::BackrefInfo &Backref = *Rel.Backref;
  if (Backref.Arg) {
    if (Backref.Arg->KeywordRange.isValid())
      return Backref.Arg->KeywordRange;
    if (Backref.Arg->Range.isValid())
      return Backref.Arg->Range;
  }
  return Rel.Range;
}

/// An error recorded inside the backref= argument (a bad backref() option,
/// E13; a syntax error in its join): SQLAlchemy never generates that side,
/// whatever the graph materialized.
bool hasErrorInside(const ModelGraph &Graph, const ArgFact *Arg) {
  if (!Arg || !Arg->Range.isValid())
    return false;
  for (const GraphIssue &Issue : Graph.issues())
    if (Issue.Severity == IssueSeverity::Error &&
        Issue.Range.File == Arg->Range.File &&
        Issue.Range.Begin >= Arg->Range.Begin &&
        Issue.Range.Begin < Arg->Range.End)
      return true;
  return false;
}

std::string messageFor(const ModelGraph &Graph, const Relationship &Rel) {
  if (!Rel.Backref)
    return "";
  const Relationship::BackrefInfo &Backref = *Rel.Backref;
  std::string Declaring = "'" + Rel.displayName() + "'";
  const Relationship *Generated =
      hasErrorInside(Graph, Backref.Arg) ? nullptr : Backref.Generated;
  std::optional<ExplicitForm> Form;
  if (Generated)
    Form = explicitFormOf(*Generated);
  if (!Generated || !Form) {
    // Nothing is generated (E6, unresolved target, a refused option):
    // another finding names the cause; say only what is written.
    return Declaring + " uses the legacy backref= parameter to create '" +
           Backref.Name +
           "' on its target; declare both sides explicitly and link them "
           "with back_populates";
  }
  // Unknown: the join is unanalyzed (NotModeled, the caveat says why) or
  // refused (an error says why); no direction or uselist to state.
  std::string Kind = Generated->Dir == Direction::Unknown
                         ? "'" + Generated->displayName() + "'"
                         : std::string("the ") + directionName(Generated->Dir) +
                               " '" + Generated->displayName() + "' (uselist=" +
                               (Generated->UseList ? "True" : "False") + ")";
  std::string Message = Declaring +
                        " uses the legacy backref= parameter, which "
                        "implicitly generates " +
                        Kind;
  // A caveat means the explicit form would not configure (§6.2, §6.4):
  // proposing it would mislead.
  if (!Form->Caveat.empty())
    return Message + "; no explicit equivalent can be derived: " + Form->Caveat;
  return Message + "; use " + Form->HereArgument + " here and declare " +
         Form->Declaration + " on '" + Form->OwnerName + "'";
}

/// Declaring relationships whose backref's generated side
/// relcheck-overlapping-writers warns about: its fix is this rewrite with
/// overlaps= on the generated side.
std::set<const Relationship *> rewrittenWithOverlaps(const ModelGraph &Graph) {
  std::set<const Relationship *> Out;
  for (const SyncTargetConflict &C : findSyncTargetConflicts(Graph))
    if (C.Rel->isGenerated())
      Out.insert(C.Rel->GeneratedBy);
  return Out;
}

/// The §6 rewrite. When relcheck-one-way-filtered-collection reports the
/// same backref, its one-way fix rewrites this backref= too (§6.3); when
/// relcheck-overlapping-writers warns about the generated side, its fix is
/// this rewrite plus overlaps=. This one then yields to that fix where both
/// are applied, and is the fix whenever that one is not (that rule
/// disabled, `--fix-exact-only`).
void attachFix(const FixContext &Ctx,
               const std::vector<ReportedCollection> &Reported,
               const std::set<const Relationship *> &WithOverlaps,
               const Relationship &Rel, Finding &F) {
  FixOrReason Rewrite = buildBackrefRewrite(Ctx, Rel);
  if (!Rewrite.Value)
    return;
  if (oneWayLinkThroughBackref(Reported, Rel) || WithOverlaps.count(&Rel))
    Rewrite.Value->YieldsOnOverlap = true;
  F.Fixes.push_back(std::move(*Rewrite.Value));
}

class LegacyBackrefRule final : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        RuleId,
        "LegacyBackref",
        "backref= creates a relationship the C++ reader cannot see; declare "
        "both sides and link them with back_populates",
        Severity::Warning,
        "docs/rules/legacy-backref.md",
        {{"ScalarTemplate", "T*",
          "member type of a declared scalar side (T = the class), used when "
          "the target class has no scalar relationship member to copy"},
         {"CollectionTemplate", "std::vector<T*>",
          "member type of a declared collection side, used when the target "
          "class has no collection relationship member to copy"}},
        // The graph draws a legacy backref dashed whether or not this rule
        // runs; its findings need no colour of their own.
        GraphHighlight::None,
        /*MarksLegacyBackref=*/true};
    return Info;
  }

  void run(const ModelGraph &Graph, const RuleOptions &Options,
           std::vector<Finding> &Out) const override {
    // Built on the first backref: both run other analyses over the graph.
    std::optional<RefusalIndex> Refusals;
    std::optional<FixContext> Ctx;
    std::vector<ReportedCollection> Reported;
    std::set<const Relationship *> WithOverlaps;
    for (const std::unique_ptr<Relationship> &Rel : Graph.relationships()) {
      if (Rel->isGenerated() || !Rel->Backref || !Rel->Owner)
        continue;
      if (!Ctx) {
        Refusals.emplace(Graph);
        Ctx.emplace(FixContext{Graph, Options, *Refusals});
        Reported = reportedFilteredCollections(Graph);
        WithOverlaps = rewrittenWithOverlaps(Graph);
      }
      Finding F;
      F.RuleId = std::string(RuleId);
      F.Sev = Severity::Warning;
      F.Message = messageFor(Graph, *Rel);
      F.Range = findingLocation(*Rel);
      F.Model = Rel->Owner->QualifiedName;
      F.Attribute = Rel->Attribute;
      if (const Model *Target = Rel->Target; Target && Target->Fact)
        F.Notes.push_back(
            {Target->Fact->NameRange,
             "target class '" + Target->Name + "' declared here"});
      attachFix(*Ctx, Reported, WithOverlaps, *Rel, F);
      Out.push_back(std::move(F));
    }
  }
};

} // namespace

const Rule &legacyBackrefRule() {
  static const LegacyBackrefRule Instance;
  return Instance;
}

} // namespace relcheck
