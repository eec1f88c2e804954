//===- MemberDeclaration.cpp -------------------------------------------===//
//
// Declaring a relationship as a member of a class, as the fixes that make a
// generated side explicit do: its member type, the #includes and forward
// declaration it needs, its name, and its arguments moved out of the
// class body they were written in (§6.1).
//
//===----------------------------------------------------------------------===//
#include "rules/FixBuilders.h"

#include "annotations/PyExpr.h"
#include "facts/StandardHeaders.h"
#include "graph/BackrefGeneration.h"
#include "graph/JoinAnalysis.h"
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

/// Replaces the bare names of Scope's own columns (outside callee
/// positions) by `Spelling.name`; true when any was replaced. Unmodeled:
/// the first such name whose mapping __mapper_args__ decides, which a
/// string cannot be trusted to name.
bool qualifyBareColumns(PyExpr &E, const Model &Scope,
                        const std::string &Spelling, std::string &Unmodeled,
                        bool Callee = false) {
  if (E.is(PK::Name) && !Callee) {
    for (const Column &C : Scope.Columns)
      if (C.Attribute == E.Text) {
        if (Unmodeled.empty() &&
            Scope.lookup(C.Attribute).K == AttributeLookup::Kind::Unmodeled)
          Unmodeled = C.Attribute;
        PyExpr Owner;
        Owner.K = PK::Name;
        Owner.Text = Spelling;
        PyExpr Attr;
        Attr.K = PK::Attribute;
        Attr.Text = E.Text;
        Attr.Children.push_back(std::move(Owner));
        E = std::move(Attr);
        return true;
      }
    return false;
  }
  if (E.is(PK::String))
    return false;
  bool Changed = false;
  for (size_t I = 0; I < E.Children.size(); ++I)
    Changed |= qualifyBareColumns(E.Children[I], Scope, Spelling, Unmodeled,
                                  E.is(PK::Call) && I == 0);
  return Changed;
}

/// A forward declaration of Element for Into's scope, inserted at the start
/// of Into's class head, or nothing when Element is visible there already.
struct ForwardDeclaration {
  std::optional<Replacement> Edit;
  std::string WhyNot; ///< Set when one is needed but cannot be written.
};

ForwardDeclaration forwardDeclaration(const ModelGraph &Graph,
                                      const Model &Into, const Model &Element) {
  ForwardDeclaration Result;
  const ModelFact *IF = Into.Fact;
  const ModelFact *EF = Element.Fact;
  if (&Into == &Element || Into.isSameOrSubclassOf(&Element) || !IF)
    return Result;
  // A member of Into already names it, so it is declared before Into's body.
  for (const RelationshipFact &RF : IF->Relationships)
    if ((EF && !RF.MemberType.ElementKey.empty() &&
         RF.MemberType.ElementKey == EF->Key) ||
        RF.MemberType.ElementQualifiedName == Element.QualifiedName)
      return Result;
  // Where it goes: before Into's declaration and its leading comment, else
  // at the start of its class head's line.
  SourceSpan At = IF->DeclarationStart;
  if (!At.isValid()) {
    const SourceSpan &Head = IF->Annotation.MacroRange;
    if (IF->Annotation.ExactRanges && Head.isValid() && Head.Column != 0 &&
        Head.Begin >= Head.Column - 1 && Head.Line == IF->NameRange.Line) {
      At = Head;
      At.Begin = At.End = Head.Begin - (Head.Column - 1);
      At.Column = At.EndColumn = 1;
    }
  }
  // Declared there already (defined or forward-declared above, or in a
  // header included above), whatever includes Into's file.
  if (At.isValid() && Graph.isDeclaredAt(Element, At))
    return Result;

  std::string Needed = "'" + Element.QualifiedName +
                       "' must be declared before '" + Into.QualifiedName + "'";
  std::vector<std::string> IntoScopes =
      splitScopes(namespaceOf(Into.QualifiedName));
  std::vector<std::string> ElementScopes =
      splitScopes(namespaceOf(Element.QualifiedName));
  if (ElementScopes.size() < IntoScopes.size() ||
      !std::equal(IntoScopes.begin(), IntoScopes.end(),
                  ElementScopes.begin())) {
    Result.WhyNot = Needed + ", and a forward declaration inside '" +
                    namespaceOf(Into.QualifiedName) + "' cannot declare it";
    return Result;
  }
  if (!At.isValid() || !isEditableFile(At.File)) {
    Result.WhyNot = Needed + ", and its class head is not on one line";
    return Result;
  }
  std::string Key = EF ? EF->ClassKey : "struct";
  std::string Text = Key + " " + Element.Name + ";";
  for (size_t I = ElementScopes.size(); I-- > IntoScopes.size();)
    Text = "namespace " + ElementScopes[I] + " { " + std::move(Text) + " }";
  Replacement R;
  R.File = At.File;
  R.Offset = At.Begin;
  R.Length = 0;
  // A blank line keeps it apart from the declaration it precedes.
  R.Text = Text + "\n\n";
  Result.Edit = std::move(R);
  return Result;
}

/// The `#include`s of the standard headers the std:: names in Type need
/// ("std::map<std::string, T*>" needs <map> and <string>) that File does
/// not include yet, where clang's include insertion puts them; none for a
/// raw pointer or a project's own template.
std::vector<Replacement> includesFor(const ModelGraph &Graph,
                                     const std::string &Type,
                                     const std::string &File) {
  std::vector<Replacement> Out;
  std::vector<std::string> Seen;
  for (size_t At = Type.find("std::"); At != std::string::npos;
       At = Type.find("std::", At + 5)) {
    if (At > 0 && (isIdentChar(Type[At - 1])))
      continue;
    size_t End = At + 5;
    while (End < Type.size() && isIdentChar(Type[End]))
      ++End;
    std::string Header = standardHeaderFor(Type.substr(At, End - At));
    if (Header.empty() ||
        std::find(Seen.begin(), Seen.end(), Header) != Seen.end())
      continue;
    Seen.push_back(Header);
    if (const IncludeInsertionFact *Insertion =
            Graph.includeInsertion(File, Header))
      Out.push_back({File, Insertion->Offset, 0, Insertion->Text});
  }
  // Two at one place go in sorted order, as the include block has them.
  std::sort(Out.begin(), Out.end(),
            [](const Replacement &A, const Replacement &B) {
              return std::tie(A.Offset, A.Text) < std::tie(B.Offset, B.Text);
            });
  return Out;
}

} // namespace

namespace fixit {

/// The graph leaves bare names as written when the generated side lives in
/// the declaring class itself (self-referential). Evaluated in that class
/// body they still mean the same column, but a string naming the class
/// ("Node.id") keeps its meaning wherever the declaration ends up, and is
/// what §6.1 step 3 writes for every moved argument.
ArgList qualifyArgs(const ArgList &Args, const Model &DeclaringOwner,
                    std::string &WhyNot) {
  if (Args.empty() || !Args.front().first.empty())
    return Args;
  std::optional<std::string> Spelling = literalContent(Args.front().second);
  if (!Spelling)
    return Args;
  ArgList Out;
  for (const auto &[Keyword, Text] : Args) {
    if (Keyword.empty() || Keyword == "back_populates" ||
        Keyword == "secondary") {
      Out.emplace_back(Keyword, Text);
      continue;
    }
    PyParseError Err;
    std::optional<PyExpr> E = parsePyExpression(Text, Err);
    std::string Unmodeled;
    if (!E || !qualifyBareColumns(*E, DeclaringOwner, *Spelling, Unmodeled)) {
      Out.emplace_back(Keyword, Text);
      continue;
    }
    if (!Unmodeled.empty() && WhyNot.empty())
      WhyNot = "'" + Unmodeled + "' of the class body of '" +
               DeclaringOwner.QualifiedName +
               "' would be named in a string, where __mapper_args__ decides "
               "what it maps, which relcheck does not model";
    const PyExpr &Value =
        (E->is(PK::List) || E->is(PK::Tuple)) && E->Children.size() == 1
            ? E->Children.front()
            : *E;
    Out.emplace_back(Keyword, pyStringLiteral(renderPy(Value)));
  }
  return Out;
}

/// What the new declaration of a relationship in Into needs: the member
/// insertion after Into's last member, and a forward declaration.
FixOrReason declareMember(const FixContext &Ctx, const Model &Into,
                          const Model &Element, const ArgList &Args,
                          bool Collection, const std::string &Attribute) {
  const ModelFact *IF = Into.Fact;
  if (!IF)
    return FixOrReason::none(quotedName(Into) + " has no declaration");
  if (!IF->Annotation.ExactRanges)
    return FixOrReason::none(quotedName(Into) +
                             " is not spelled directly in a file");
  if (!IF->LastMemberEnd.isValid())
    return FixOrReason::none("no insertion point in " + quotedName(Into));
  if (!isEditableFile(IF->LastMemberEnd.File))
    return FixOrReason::none(quotedName(Into) + " is in a system header");
  ForwardDeclaration Forward = forwardDeclaration(Ctx.Graph, Into, Element);
  if (!Forward.WhyNot.empty())
    return FixOrReason::none(Forward.WhyNot);

  std::string Type = Collection ? collectionClassTemplate(Args) : std::string();
  if (Type.empty())
    Type =
        memberTypeSpelling(Ctx.Graph, Into, Element, Collection, Ctx.Options);
  else
    Type = replaceIdentifier(Type, "T", cppNameIn(Ctx.Graph, Element, Into));
  Fix F;
  // Insertions at one offset (an #include right before the class) apply in
  // this order; the planner applies an edit two fixes share once.
  for (Replacement &Include :
       includesFor(Ctx.Graph, Type, IF->LastMemberEnd.File))
    F.Replacements.push_back(std::move(Include));
  if (Forward.Edit)
    F.Replacements.push_back(*Forward.Edit);
  char Quote = quoteStyleOf(*IF);
  // A key that is no C++ name ("namespace") is spelled with ORM_KEY.
  std::string MemberName = cppMemberNameIn(IF, Attribute);
  std::string Key;
  if (MemberName != Attribute)
    Key = " ORM_KEY(" + pyString(Attribute, Quote) + ")";
  Replacement Member;
  Member.File = IF->LastMemberEnd.File;
  Member.Offset = IF->LastMemberEnd.Begin;
  Member.Text = "\n" + IF->MemberIndent + "ORM_RELATIONSHIP(" +
                renderRelationshipArgs(requoted(Args, Quote)) + ")" + Key +
                " " + Type + " " + MemberName + ";";
  F.Replacements.push_back(std::move(Member));
  return {std::move(F), ""};
}

} // namespace fixit

std::string cppNameIn(const ModelGraph &Graph, const Model &Named,
                      const Model &Scope) {
  std::string NamedNs = namespaceOf(Named.QualifiedName);
  std::string ScopeNs = namespaceOf(Scope.QualifiedName);
  std::vector<std::string> Outer = splitScopes(NamedNs);
  std::vector<std::string> Inner = splitScopes(ScopeNs);
  bool Encloses = Outer.size() <= Inner.size() &&
                  std::equal(Outer.begin(), Outer.end(), Inner.begin());
  if (!Encloses)
    return Named.QualifiedName;
  // Unqualified lookup from Scope's namespace walks outwards and stops at
  // the first namespace declaring that name: another model of the same name
  // in between hides Named.
  // The graph's name index finds the models of that class name without a
  // scan of every model (once per fix, that was quadratic).
  std::vector<const Model *> SameName;
  if (!Named.Name.empty() &&
      Named.Name.find_first_of(".:") == std::string::npos) {
    SameName = Graph.findModels(Named.Name);
  } else {
    for (const std::unique_ptr<Model> &M : Graph.models())
      if (M->Name == Named.Name)
        SameName.push_back(M.get());
  }
  for (const Model *M : SameName) {
    if (M == &Named)
      continue;
    std::vector<std::string> Its = splitScopes(namespaceOf(M->QualifiedName));
    if (Its.size() > Outer.size() && Its.size() <= Inner.size() &&
        std::equal(Its.begin(), Its.end(), Inner.begin()))
      return NamedNs.empty() ? "::" + Named.QualifiedName : Named.QualifiedName;
  }
  return Named.Name;
}

std::optional<std::string> memberTypeTemplate(const MemberTypeFact &Type) {
  const std::string &S = Type.Spelling;
  if (Type.ElementName.empty() || S.empty())
    return std::nullopt;
  std::string Out;
  size_t Matches = 0;
  for (size_t I = 0; I < S.size();) {
    // A name chain: (::)? ident (:: ident)*.
    size_t Start = I;
    size_t J = I;
    if (S.compare(J, 2, "::") == 0 && (J + 2 < S.size()) &&
        isIdentChar(S[J + 2]))
      J += 2;
    if (J < S.size() && isIdentChar(S[J]) &&
        (Start == 0 || !isIdentChar(S[Start - 1]))) {
      size_t LastBegin = J;
      while (J < S.size() && isIdentChar(S[J]))
        ++J;
      while (S.compare(J, 2, "::") == 0 && J + 2 < S.size() &&
             isIdentChar(S[J + 2])) {
        LastBegin = J + 2;
        J += 2;
        while (J < S.size() && isIdentChar(S[J]))
          ++J;
      }
      std::string Chain = S.substr(Start, J - Start);
      std::string Plain =
          Chain.compare(0, 2, "::") == 0 ? Chain.substr(2) : Chain;
      bool IsElement =
          S.compare(LastBegin, J - LastBegin, Type.ElementName) == 0 &&
          J - LastBegin == Type.ElementName.size() &&
          (Type.ElementQualifiedName.empty() ||
           (Type.ElementQualifiedName.size() >= Plain.size() &&
            Type.ElementQualifiedName.compare(Type.ElementQualifiedName.size() -
                                                  Plain.size(),
                                              Plain.size(), Plain) == 0));
      if (IsElement) {
        ++Matches;
        Out += "T";
      } else {
        Out += Chain;
      }
      I = J;
      continue;
    }
    Out += S[I++];
  }
  // Maps and other multi-parameter containers carry meaning (a key) that a
  // copied spelling would not.
  if (Matches != 1 || Out.find(',') != std::string::npos ||
      countIdentifier(Out, "T") != 1)
    return std::nullopt;
  return Out;
}

std::string memberTypeSpelling(const ModelGraph &Graph, const Model &Into,
                               const Model &Element, bool Collection,
                               const RuleOptions &Options) {
  MemberShape Wanted =
      Collection ? MemberShape::Collection : MemberShape::Scalar;
  std::map<std::string, size_t> Counts;
  std::vector<std::string> Order;
  if (Into.Fact)
    for (const RelationshipFact &RF : Into.Fact->Relationships) {
      if (RF.MemberType.Shape != Wanted)
        continue;
      std::optional<std::string> T = memberTypeTemplate(RF.MemberType);
      if (!T)
        continue;
      if (Counts[*T]++ == 0)
        Order.push_back(*T);
    }
  std::string Template;
  size_t Best = 0;
  for (const std::string &T : Order)
    if (Counts[T] > Best) {
      Best = Counts[T];
      Template = T;
    }
  if (Template.empty()) {
    std::string Key = std::string(LegacyRuleId) +
                      (Collection ? ".CollectionTemplate" : ".ScalarTemplate");
    Template = Options.get(Key, Collection ? "std::vector<T*>" : "T*");
    if (countIdentifier(Template, "T") == 0)
      Template = Collection ? "std::vector<T*>" : "T*";
  }
  return replaceIdentifier(Template, "T", cppNameIn(Graph, Element, Into));
}

/// The member type template a collection_class= among Args asks for:
/// `set` holds a std::set; a dictionary collection
/// (attribute_mapped_collection(...), column_mapped_collection(...),
/// mapped_collection(...), keyfunc_mapping) a std::map from its key (a
/// string unless told otherwise); "" for a list or anything else (the
/// usual collection template).
std::string collectionClassTemplate(const ArgList &Args) {
  for (const auto &[Keyword, Value] : Args) {
    if (Keyword != "collection_class")
      continue;
    std::string_view V = Value;
    while (!V.empty() && V.front() == ' ')
      V.remove_prefix(1);
    if (V == "set")
      return "std::set<T*>";
    for (std::string_view Mapped :
         {"attribute_mapped_collection", "column_mapped_collection",
          "mapped_collection", "attribute_keyed_dict", "column_keyed_dict"})
      if (V.substr(0, Mapped.size()) == Mapped)
        return "std::map<std::string, T*>";
  }
  return "";
}

} // namespace relcheck
