//===- FixBuilders.cpp ----------------------------------------------------===//
#include "rules/FixBuilders.h"

#include "annotations/PyExpr.h"
#include "facts/StandardHeaders.h"
#include "graph/BackrefGeneration.h"
#include "graph/JoinAnalysis.h"
#include "graph/NameResolution.h"
#include "rules/CppMemberNames.h"
#include "rules/Registry.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <variant>

namespace relcheck {
namespace {

using PK = PyExpr::Kind;
using ArgList = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view LegacyRuleId = "relcheck-legacy-backref";
constexpr std::string_view MismatchRuleId = "relcheck-back-populates-mismatch";

std::string quoted(const Relationship &R) {
  return "'" + R.displayName() + "'";
}

std::string quotedName(const Model &M) { return "'" + M.Name + "'"; }

/// "shop::sub" for "shop::sub::User"; "" at global scope.
std::string namespaceOf(std::string_view Qualified) {
  std::string_view::size_type Pos = Qualified.rfind("::");
  return Pos == std::string_view::npos ? std::string()
                                       : std::string(Qualified.substr(0, Pos));
}

std::vector<std::string> splitScopes(const std::string &Namespace) {
  std::vector<std::string> Parts;
  if (Namespace.empty())
    return Parts;
  size_t Start = 0;
  while (true) {
    size_t Pos = Namespace.find("::", Start);
    Parts.push_back(Namespace.substr(Start, Pos - Start));
    if (Pos == std::string::npos)
      break;
    Start = Pos + 2;
  }
  return Parts;
}

bool isIdentChar(char C) {
  return std::isalnum(static_cast<unsigned char>(C)) || C == '_';
}

/// Files a fix must never edit: the system's and the compiler's headers.
bool isEditableFile(const std::string &Path) {
  for (std::string_view Prefix : {"/usr/include/", "/usr/lib/"})
    if (Path.compare(0, Prefix.size(), Prefix) == 0)
      return false;
  return !Path.empty();
}

/// The raw source of file offsets [Begin, End) inside an annotation's
/// argument text, when it is spelled directly in a file.
std::optional<std::string_view> annotationText(const AnnotationFact &A,
                                               unsigned Begin, unsigned End) {
  const SourceSpan &Args = A.ArgsRange;
  if (!A.ExactRanges || !Args.isValid() || Begin < Args.Begin || End < Begin ||
      End - Args.Begin > A.Text.size())
    return std::nullopt;
  return std::string_view(A.Text).substr(Begin - Args.Begin, End - Begin);
}

std::optional<size_t> argIndex(const AnnotationFact &A, const ArgFact *Arg) {
  if (!Arg)
    return std::nullopt;
  for (size_t I = 0; I < A.Args.size(); ++I)
    if (&A.Args[I] == Arg ||
        (A.Args[I].Range == Arg->Range && A.Args[I].Keyword == Arg->Keyword))
      return I;
  return std::nullopt;
}

Replacement replaceSpan(const SourceSpan &Span, std::string Text) {
  return {Span.File, Span.Begin, Span.End - Span.Begin, std::move(Text)};
}

/// Offset (in Gap) of the first ',' outside C/C++ comments.
std::optional<size_t> separatorComma(std::string_view Gap) {
  for (size_t I = 0; I < Gap.size(); ++I) {
    if (Gap.compare(I, 2, "//") == 0) {
      size_t End = Gap.find('\n', I);
      if (End == std::string_view::npos)
        return std::nullopt;
      I = End;
    } else if (Gap.compare(I, 2, "/*") == 0) {
      size_t End = Gap.find("*/", I + 2);
      if (End == std::string_view::npos)
        return std::nullopt;
      I = End + 1;
    } else if (Gap[I] == ',') {
      return I;
    }
  }
  return std::nullopt;
}

/// The string content of a Python literal written by the graph ("\"User\"").
std::optional<std::string> literalContent(const std::string &Text) {
  PyParseError Err;
  std::optional<PyExpr> E = parsePyExpression(Text, Err);
  if (!E || !E->is(PK::String))
    return std::nullopt;
  return E->Text;
}

/// The quote character of the string literal at Span (for matching the
/// user's style in an edit next to it); '"' when unknown.
char quoteCharAt(const AnnotationFact &A, const SourceSpan &Span) {
  std::optional<std::string_view> Text =
      annotationText(A, Span.Begin, std::min(Span.End, Span.Begin + 1));
  if (Text && !Text->empty() && (*Text)[0] == '\'')
    return '\'';
  return '"';
}

std::string pyString(std::string_view Content, char Quote) {
  if (Quote == '\'' && Content.find('\'') == std::string_view::npos &&
      Content.find('\\') == std::string_view::npos)
    return "'" + std::string(Content) + "'";
  return pyStringLiteral(Content);
}

//===-- Bare names moved out of their class body (§6.1 step 3) ------------===//

/// Replaces the bare names of Scope's own columns (outside callee
/// positions) by `Spelling.name`; true when any was replaced.
bool qualifyBareColumns(PyExpr &E, const Model &Scope,
                        const std::string &Spelling, bool Callee = false) {
  if (E.is(PK::Name) && !Callee) {
    for (const Column &C : Scope.Columns)
      if (C.Attribute == E.Text) {
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
    Changed |= qualifyBareColumns(E.Children[I], Scope, Spelling,
                                  E.is(PK::Call) && I == 0);
  return Changed;
}

/// The graph leaves bare names as written when the generated side lives in
/// the declaring class itself (self-referential). Evaluated in that class
/// body they still mean the same column, but a string naming the class
/// ("Node.id") keeps its meaning wherever the declaration ends up, and is
/// what §6.1 step 3 writes for every moved argument.
ArgList qualifyArgs(const ArgList &Args, const Model &DeclaringOwner) {
  if (Args.empty() || !Args.front().first.empty())
    return Args;
  std::optional<std::string> Spelling = literalContent(Args.front().second);
  if (!Spelling)
    return Args;
  ArgList Out;
  for (const auto &[Keyword, Text] : Args) {
    if (Keyword.empty() || Keyword == "back_populates" ||
        Keyword == "secondary") {
      Out.push_back({Keyword, Text});
      continue;
    }
    PyParseError Err;
    std::optional<PyExpr> E = parsePyExpression(Text, Err);
    if (!E || !qualifyBareColumns(*E, DeclaringOwner, *Spelling)) {
      Out.push_back({Keyword, Text});
      continue;
    }
    const PyExpr &Value =
        (E->is(PK::List) || E->is(PK::Tuple)) && E->Children.size() == 1
            ? E->Children.front()
            : *E;
    Out.push_back({Keyword, pyStringLiteral(renderPy(Value))});
  }
  return Out;
}

//===-- Member types and forward declarations -----------------------------===//

std::string replaceIdentifier(const std::string &Template,
                              std::string_view Ident, const std::string &With) {
  std::string Out;
  for (size_t I = 0; I < Template.size();) {
    if (Template.compare(I, Ident.size(), Ident) == 0 &&
        (I == 0 || !isIdentChar(Template[I - 1])) &&
        (I + Ident.size() >= Template.size() ||
         !isIdentChar(Template[I + Ident.size()]))) {
      Out += With;
      I += Ident.size();
    } else {
      Out += Template[I++];
    }
  }
  return Out;
}

size_t countIdentifier(const std::string &Text, std::string_view Ident) {
  std::string Marked = replaceIdentifier(Text, Ident, "\x01");
  return static_cast<size_t>(std::count(Marked.begin(), Marked.end(), '\x01'));
}

/// A forward declaration of Element for Into's scope, inserted at the start
/// of Into's class head, or nothing when Element is visible there already.
struct ForwardDeclaration {
  std::optional<Replacement> Edit;
  std::string WhyNot; ///< Set when one is needed but cannot be written.
};

ForwardDeclaration forwardDeclaration(const ModelGraph &Graph,
                                      const Model &Into,
                                      const Model &Element) {
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
    Text = "namespace " + ElementScopes[I] + " { " + Text + " }";
  Replacement R;
  R.File = At.File;
  R.Offset = At.Begin;
  R.Length = 0;
  // A blank line keeps it apart from the declaration it precedes.
  R.Text = Text + "\n\n";
  Result.Edit = std::move(R);
  return Result;
}

/// The quote character M's annotations write their strings with, the more
/// frequent of ' and " ('"' on a tie): what a declaration inserted into M's
/// body writes.
char quoteStyleOf(const ModelFact &M) {
  int Single = 0, Double = 0;
  auto Count = [&](const AnnotationFact &A) {
    for (const ArgFact &Arg : A.Args)
      if (Arg.Value.is(PK::String) && Arg.ValueRange.isValid())
        ++(quoteCharAt(A, Arg.ValueRange) == '\'' ? Single : Double);
  };
  Count(M.Annotation);
  for (const ColumnFact &C : M.Columns)
    Count(C.Annotation);
  for (const RelationshipFact &R : M.Relationships)
    Count(R.Annotation);
  return Single > Double ? '\'' : '"';
}

/// Args with their plain double-quoted strings (those the graph writes,
/// "User") in Quote's style; anything else stays as written.
ArgList requoted(ArgList Args, char Quote) {
  if (Quote == '"')
    return Args;
  for (auto &[Keyword, Value] : Args)
    if (std::optional<std::string> Content = literalContent(Value);
        Content && Value.size() >= 2 && Value.front() == '"')
      Value = pyString(*Content, Quote);
  return Args;
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
  std::sort(Out.begin(), Out.end(), [](const Replacement &A, const Replacement &B) {
    return std::tie(A.Offset, A.Text) < std::tie(B.Offset, B.Text);
  });
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

  std::string Type =
      Collection ? collectionClassTemplate(Args) : std::string();
  if (Type.empty())
    Type = memberTypeSpelling(Ctx.Graph, Into, Element, Collection,
                              Ctx.Options);
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

//===-- Preconditions shared by the backref rewrites (§6.4) ---------------===//

std::string declaringSideProblem(const FixContext &Ctx, const Relationship &R) {
  if (!R.Backref || !R.Fact || !R.Owner)
    return "there is no backref= to rewrite";
  const Relationship::BackrefInfo &B = *R.Backref;
  const AnnotationFact &A = R.Fact->Annotation;
  if (!A.ExactRanges)
    return "the annotation of " + quoted(R) +
           " is not spelled directly in a file";
  if (!B.Arg || !B.Arg->Range.isValid() || !argIndex(A, B.Arg))
    return "the backref= argument has no exact source range";
  if (!isEditableFile(B.Arg->Range.File))
    return quoted(R) + " is in a system header";
  if (B.CollisionOn)
    return "'" + B.CollisionOn->Name + "' already maps '" + B.Name + "' (E6)";
  if (B.Name == "metadata")
    return "SQLAlchemy's declarative API reserves the attribute name "
           "'metadata' for the MetaData instance, so the generated side "
           "cannot be declared explicitly";
  if (B.Replaces)
    return "'" + (B.ReplacesOn ? B.ReplacesOn->Name : std::string("?")) +
           "' already has a member named '" + B.Name + "'";
  if (!R.Target)
    return "the target of " + quoted(R) + " does not resolve to one model";
  const Relationship *G = B.Generated;
  if (!G || !G->Owner || !G->Target)
    return "SQLAlchemy generates no '" + B.Name + "' from it";
  if (!G->ExplicitArgsCaveat.empty())
    return G->ExplicitArgsCaveat;
  if (G->ExplicitArgs.empty() || !G->ExplicitArgs.front().first.empty())
    return "the explicit arguments of " + quoted(*G) + " are unknown";
  if (Ctx.Refusals.refuses(R) || Ctx.Refusals.refuses(*G))
    return "SQLAlchemy refuses this configuration as written";
  // Someone else naming the generated side would change with it.
  for (const Relationship *Other : G->LinkedFrom)
    if (Other && Other != &R)
      return quoted(*Other) + " also names " + quoted(*G);
  return "";
}

/// The declaring side's edits: backref=... becomes back_populates="name"
/// (in the quote style of the backref's name), and a back_populates= written
/// next to it (None or another false value: SQLAlchemy ignores it, E1
/// otherwise) goes, or the keyword would be repeated.
std::optional<std::vector<Replacement>>
declaringSideEdits(const Relationship &R, const std::string &Name) {
  const Relationship::BackrefInfo &B = *R.Backref;
  const AnnotationFact &A = R.Fact->Annotation;
  std::vector<Replacement> Out;
  Out.push_back(replaceSpan(B.Arg->Range,
                            "back_populates=" +
                                pyString(Name, quoteCharAt(A, B.NameRange))));
  if (const ArgFact *Written = R.arg("back_populates")) {
    std::optional<size_t> Index = argIndex(A, Written);
    if (!Index)
      return std::nullopt;
    std::vector<Replacement> Removal = removeArguments(A, {*Index});
    if (Removal.empty())
      return std::nullopt;
    Out.insert(Out.end(), Removal.begin(), Removal.end());
  }
  return Out;
}

//===-- Key equality joins for the one-way side (§6.3) --------------------===//

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
/// "assoc.c.left_id" for a plain one.
std::optional<std::string> columnSpelling(const ModelGraph &Graph,
                                          const ColumnRef &Ref) {
  const Table *T = Graph.findTable(Ref.Table);
  if (!T)
    return std::nullopt;
  const Column *C = T->findColumn(Ref.Column);
  if (!C)
    return std::nullopt;
  if (T->MappedBy)
    return registrySpelling(Graph, *T->MappedBy) + "." + C->Attribute;
  return T->Name + ".c." + C->Name;
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
      std::optional<PyExpr> P, S;
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
      std::optional<std::string> L = columnSpelling(Graph, Local);
      std::optional<std::string> R = columnSpelling(Graph, Remote);
      if (!L || !R)
        return std::nullopt;
      auto mark = [&](const ColumnRef &C, std::string Text) {
        if (Marks >= 2 && contains(Req.Keep->RemoteSide, C))
          Text = "remote(" + Text + ")";
        if (Marks >= 1 && contains(Req.Keep->ForeignCols, C))
          Text = "foreign(" + Text + ")";
        return Text;
      };
      Terms.push_back(mark(Local, *L) + " == " + mark(Remote, *R));
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
    std::vector<std::pair<ColumnRef, ColumnRef>> ToParent, ToChild;
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
    Out.push_back({K, V});
    if (K.empty() || K == "secondary")
      Insert = Out.size();
  }
  ArgList JoinArgs;
  if (Joins.Primary)
    JoinArgs.push_back({"primaryjoin", *Joins.Primary});
  if (Joins.Secondary)
    JoinArgs.push_back({"secondaryjoin", *Joins.Secondary});
  Out.insert(Out.begin() + static_cast<std::ptrdiff_t>(Insert),
             JoinArgs.begin(), JoinArgs.end());
  return Out;
}

void append(Fix &Into, const Fix &From) {
  Into.Replacements.insert(Into.Replacements.end(), From.Replacements.begin(),
                           From.Replacements.end());
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
  if (Partner.Owner == Collection.Owner)
    Args = qualifyArgs(Args, *Collection.Owner);

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
  std::vector<size_t> Remove = {*argIndex(A, Partner.Backref->Arg)};
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
  if (Collection.Owner == Partner.Owner)
    Args = qualifyArgs(Args, *Partner.Owner);
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

//===-- RefusalIndex ------------------------------------------------------===//

RefusalIndex::RefusalIndex(const ModelGraph &Graph,
                           const RuleOptions &Options) {
  for (const GraphIssue &Issue : Graph.issues())
    if (Issue.Severity == IssueSeverity::Error)
      add(Issue.ModelName, Issue.Attribute, Issue.Range);
  if (const Rule *Mismatch = findRule(MismatchRuleId)) {
    std::vector<Finding> Findings;
    Mismatch->run(Graph, Options, Findings);
    for (const Finding &F : Findings)
      if (F.Sev == Severity::Error && !F.CaseId.empty() &&
          (F.CaseId[0] == 'E' || F.CaseId[0] == 'J'))
        add(F.Model, F.Attribute, F.Range);
  }
  for (auto &[File, Offsets] : Begins)
    std::sort(Offsets.begin(), Offsets.end());
}

void RefusalIndex::add(const std::string &Model, const std::string &Attribute,
                       const SourceSpan &Range) {
  if (!Model.empty() && !Attribute.empty())
    Named.insert({Model, Attribute});
  if (Range.isValid())
    Begins[Range.File].push_back(Range.Begin);
}

/// Some refusal's range begins inside Outer (same file, Begin in
/// [Outer.Begin, Outer.End)).
bool RefusalIndex::refusesWithin(const SourceSpan &Outer) const {
  if (!Outer.isValid())
    return false;
  auto It = Begins.find(Outer.File);
  if (It == Begins.end())
    return false;
  auto First = std::lower_bound(It->second.begin(), It->second.end(),
                                Outer.Begin);
  return First != It->second.end() && *First < Outer.End;
}

bool RefusalIndex::refuses(const Relationship &R) const {
  if (R.Owner && Named.count({R.Owner->QualifiedName, R.Attribute}))
    return true;
  if (!R.Fact)
    return false;
  return refusesWithin(R.Fact->DeclRange) ||
         refusesWithin(R.Fact->Annotation.MacroRange);
}

//===-- Pieces ------------------------------------------------------------===//

std::string renderRelationshipArgs(const ArgList &Args) {
  std::string Out;
  auto append = [&](const std::string &Keyword, const std::string &Value) {
    if (!Out.empty())
      Out += ", ";
    if (!Keyword.empty())
      Out += Keyword + "=";
    Out += Value;
  };
  for (const auto &[Keyword, Value] : Args)
    if (Keyword.empty())
      append(Keyword, Value);
  for (const auto &[Keyword, Value] : Args)
    if (!Keyword.empty())
      append(Keyword, Value);
  return Out;
}

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

std::vector<Replacement> removeArguments(const AnnotationFact &A,
                                         const std::vector<size_t> &Indices) {
  std::vector<Replacement> Out;
  const std::vector<ArgFact> &Args = A.Args;
  size_t N = Args.size();
  if (!A.ExactRanges || Indices.empty())
    return {};
  for (size_t Index : Indices)
    if (Index >= N || !Args[Index].Range.isValid())
      return {};
  for (size_t K = 0; K < Indices.size();) {
    // A maximal run of consecutive removed arguments [I, J].
    size_t I = Indices[K], J = I;
    while (K + 1 < Indices.size() && Indices[K + 1] == J + 1) {
      ++K;
      ++J;
    }
    ++K;
    unsigned Begin, End;
    if (J + 1 < N) {
      // Up to the next kept argument: the removed ones, their commas and
      // their trailing comments.
      Begin = Args[I].Range.Begin;
      End = Args[J + 1].Range.Begin;
    } else if (I > 0) {
      // The last ones: from the comma after the kept argument before; a
      // comment after that comma stays (it describes the kept argument).
      unsigned GapBegin = Args[I - 1].Range.End;
      std::optional<std::string_view> Gap =
          annotationText(A, GapBegin, Args[I].Range.Begin);
      std::optional<size_t> Comma = Gap ? separatorComma(*Gap) : std::nullopt;
      if (!Comma)
        return {};
      unsigned CommaAt = GapBegin + static_cast<unsigned>(*Comma);
      std::string_view AfterComma = Gap->substr(*Comma + 1);
      if (AfterComma.find("//") != std::string_view::npos ||
          AfterComma.find("/*") != std::string_view::npos) {
        Out.push_back({A.ArgsRange.File, CommaAt, 1, ""});
        Begin = Args[I].Range.Begin;
      } else {
        Begin = CommaAt;
      }
      End = Args[J].Range.End;
    } else {
      // Every argument goes, with a trailing comma if there is one.
      Begin = Args[0].Range.Begin;
      End = Args[N - 1].Range.End;
      std::optional<std::string_view> Rest =
          annotationText(A, End, A.ArgsRange.End);
      if (!Rest)
        return {};
      if (std::optional<size_t> Comma = separatorComma(*Rest))
        End += static_cast<unsigned>(*Comma) + 1;
    }
    Out.push_back({A.ArgsRange.File, Begin, End - Begin, ""});
  }
  return Out;
}

//===-- back-populates-mismatch ------------------------------------------===//

namespace {

/// Why R's annotation cannot be edited in place, or "".
std::string annotationProblem(const Relationship &R) {
  if (!R.Fact || R.isGenerated())
    return quoted(R) + " is not declared";
  const AnnotationFact &A = R.Fact->Annotation;
  if (!A.ExactRanges || !A.ArgsRange.isValid() || A.ParseFailed)
    return "the annotation of " + quoted(R) +
           " is not spelled directly in a file";
  if (!isEditableFile(A.ArgsRange.File))
    return quoted(R) + " is in a system header";
  for (const ArgFact &Arg : A.Args)
    if (!Arg.Range.isValid() || Arg.Range.File != A.ArgsRange.File)
      return "the arguments of " + quoted(R) + " have no exact source range";
  return "";
}

/// A plain one-line string literal at Span: its quote character.
std::optional<char> simpleLiteralQuote(const AnnotationFact &A,
                                       const SourceSpan &Span) {
  std::optional<std::string_view> Text =
      annotationText(A, Span.Begin, Span.End);
  if (!Text || Text->size() < 2)
    return std::nullopt;
  char Q = Text->front();
  if ((Q != '"' && Q != '\'') || Text->back() != Q ||
      Text->compare(0, 3, std::string(3, Q)) == 0 ||
      Text->find('\n') != std::string_view::npos)
    return std::nullopt;
  return Q;
}

} // namespace

FixOrReason buildBackPopulatesRename(const Relationship &R,
                                     const std::string &Name) {
  if (std::string Problem = annotationProblem(R); !Problem.empty())
    return FixOrReason::none(Problem);
  const ArgFact *Arg = R.BackPopulatesArg;
  if (!Arg || !Arg->Value.is(PK::String) || !Arg->ValueRange.isValid())
    return FixOrReason::none("the back_populates value of " + quoted(R) +
                             " is not a string literal");
  const AnnotationFact &A = R.Fact->Annotation;
  std::optional<char> Quote = simpleLiteralQuote(A, Arg->ValueRange);
  if (!Quote)
    return FixOrReason::none("the back_populates value of " + quoted(R) +
                             " is not a plain string literal");
  Fix F;
  F.Description =
      "rename back_populates of " + quoted(R) + " to '" + Name + "'";
  F.Replacements.push_back(
      replaceSpan(Arg->ValueRange, pyString(Name, *Quote)));
  return {std::move(F), ""};
}

FixOrReason buildBackPopulatesAddition(const Relationship &R,
                                       const std::string &Name,
                                       unsigned ColumnLimit) {
  if (std::string Problem = annotationProblem(R); !Problem.empty())
    return FixOrReason::none(Problem);
  const AnnotationFact &A = R.Fact->Annotation;
  if (R.arg("back_populates") || R.arg("backref"))
    return FixOrReason::none(quoted(R) +
                             " already has a back_populates or backref "
                             "argument");
  // The quote style the annotation already uses (its first string).
  char Quote = '"';
  for (const ArgFact &Arg : A.Args)
    if (Arg.Value.is(PK::String)) {
      if (std::optional<char> Q = simpleLiteralQuote(A, Arg.ValueRange)) {
        Quote = *Q;
        break;
      }
    }
  std::string Argument = "back_populates=" + pyString(Name, Quote);
  Replacement Add;
  Add.File = A.ArgsRange.File;
  if (A.Args.empty()) {
    Add.Offset = A.ArgsRange.Begin;
    Add.Text = Argument;
    Fix F;
    F.Description = "add back_populates=\"" + Name + "\" to " + quoted(R);
    F.Replacements.push_back(std::move(Add));
    return {std::move(F), ""};
  }
  const ArgFact &Last = A.Args.back();
  Add.Offset = Last.Range.End;

  // One argument per line: every argument starts on a line after the one
  // where the argument before it ends.
  bool OnePerLine = A.Args.size() >= 2;
  for (size_t I = 1; I < A.Args.size() && OnePerLine; ++I)
    OnePerLine = A.Args[I].Range.Line > A.Args[I - 1].Range.EndLine;
  // How long the last argument's line gets: what follows the argument up to
  // the line's end inside the annotation, the ')', and the member declared
  // on that line.
  unsigned LineEnd = Last.Range.EndColumn;
  if (std::optional<std::string_view> Rest =
          annotationText(A, Last.Range.End, A.ArgsRange.End)) {
    size_t NewLine = Rest->find('\n');
    if (NewLine == std::string_view::npos) {
      LineEnd += static_cast<unsigned>(Rest->size()) + 1; // and ')'
      if (R.Fact->NameRange.isValid() &&
          R.Fact->NameRange.Line == Last.Range.EndLine)
        LineEnd = std::max(LineEnd, R.Fact->NameRange.EndColumn + 1); // ';'
    } else {
      LineEnd += static_cast<unsigned>(NewLine);
    }
  }
  bool Fits = LineEnd - 1 + 2 + Argument.size() <= ColumnLimit;
  if (!OnePerLine && Fits) {
    Add.Text = ", " + Argument;
  } else {
    // A line of its own, indented like the arguments on the last one's
    // line: their line's own white space when they start it, else aligned
    // with the first of them (just after the '(' on a one-line annotation).
    const ArgFact *FirstOnLine = &Last;
    for (const ArgFact &Arg : A.Args)
      if (Arg.Range.Line == Last.Range.Line) {
        FirstOnLine = &Arg;
        break;
      }
    unsigned Column = FirstOnLine->Range.Column;
    unsigned Begin = FirstOnLine->Range.Begin;
    std::string Indent(Column > 0 ? Column - 1 : 0, ' ');
    if (Column > 0 && Begin >= Column - 1)
      if (std::optional<std::string_view> Lead =
              annotationText(A, Begin - (Column - 1), Begin))
        if (Lead->find_first_not_of(" \t") == std::string_view::npos)
          Indent = std::string(*Lead);
    Add.Text = ",\n" + Indent + Argument;
  }
  Fix F;
  F.Description = "add back_populates=\"" + Name + "\" to " + quoted(R);
  F.Replacements.push_back(std::move(Add));
  return {std::move(F), ""};
}

//===-- legacy-backref ----------------------------------------------------===//

FixOrReason buildBackrefAsBackPopulates(const Relationship &R) {
  if (!R.Backref || !R.Fact || !R.Backref->Arg || !R.Fact->Annotation.ExactRanges ||
      !R.Backref->Arg->Range.isValid() || !isEditableFile(R.Backref->Arg->Range.File))
    return FixOrReason::none("the backref= argument cannot be edited");
  std::optional<std::vector<Replacement>> Edits =
      declaringSideEdits(R, R.Backref->Name);
  if (!Edits)
    return FixOrReason::none("the back_populates= beside backref= cannot be removed");
  Fix F;
  F.Replacements = std::move(*Edits);
  return {std::move(F), ""};
}

FixOrReason buildBackrefRewrite(const FixContext &Ctx, const Relationship &R) {
  if (std::string Problem = declaringSideProblem(Ctx, R); !Problem.empty())
    return FixOrReason::none(Problem);
  const Relationship::BackrefInfo &B = *R.Backref;
  const Relationship &G = *B.Generated;
  ArgList Args = G.ExplicitArgs;
  if (G.Owner == R.Owner)
    Args = qualifyArgs(Args, *R.Owner);

  Fix F;
  F.Description = "declare " + quoted(G) +
                  " explicitly and link both sides with back_populates";
  std::optional<std::vector<Replacement>> Here =
      declaringSideEdits(R, G.Attribute);
  if (!Here)
    return FixOrReason::none("the back_populates argument of " + quoted(R) +
                             " cannot be removed");
  F.Replacements = std::move(*Here);
  FixOrReason Member =
      declareMember(Ctx, *G.Owner, *G.Target, Args, G.UseList, G.Attribute);
  if (!Member.Value)
    return Member;
  append(F, *Member.Value);
  return {std::move(F), ""};
}

//===-- one-way-filtered-collection ---------------------------------------===//

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
    Out.push_back({Rel.get(), It->second});
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
