//===- FixSupport.cpp --------------------------------------------------===//
//
// The pieces every fix builder shares: reading and editing an annotation
// (argument spans, quote style, removing arguments), and small text
// helpers. Declared in FixSupport.h (internal) and FixBuilders.h (public).
//
//===----------------------------------------------------------------------===//
#include "rules/FixSupport.h"
#include "rules/FixBuilders.h"

#include "annotations/PyExpr.h"
#include "graph/BackrefGeneration.h"

#include <algorithm>
#include <cctype>

namespace relcheck {
namespace fixit {

using PK = PyExpr::Kind;

std::string quoted(const Relationship &R) {
  return "'" + R.displayName() + "'";
}

std::string quoted(std::string_view Text) {
  return "'" + std::string(Text) + "'";
}

std::string quotedName(const Model &M) { return quoted(M.Name); }

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

void append(Fix &Into, const Fix &From) {
  Into.Replacements.insert(Into.Replacements.end(), From.Replacements.begin(),
                           From.Replacements.end());
}

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

char annotationQuoteStyle(const AnnotationFact &A) {
  for (const ArgFact &Arg : A.Args)
    if (Arg.Value.is(PK::String))
      if (std::optional<char> Q = simpleLiteralQuote(A, Arg.ValueRange))
        return *Q;
  return '"';
}

/// The text that appends Argument after Last, R's last argument: on Last's
/// line, or on a line of its own (indented like the arguments on Last's
/// line) when R's arguments are one per line or the line would grow past
/// ColumnLimit.
static std::string appendedArgumentText(const Relationship &R,
                                        const ArgFact &Last,
                                        const std::string &Argument,
                                        unsigned ColumnLimit) {
  const AnnotationFact &A = R.Fact->Annotation;
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
  if (!OnePerLine && LineEnd - 1 + 2 + Argument.size() <= ColumnLimit)
    return ", " + Argument;
  // Aligned with the first argument on Last's line: that line's own white
  // space when it starts the line, else its column (just after the '(' on
  // a one-line annotation).
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
  return ",\n" + Indent + Argument;
}

FixOrReason buildArgumentAddition(const Relationship &R,
                                  const std::string &Argument,
                                  unsigned ColumnLimit) {
  if (std::string Problem = annotationProblem(R); !Problem.empty())
    return FixOrReason::none(Problem);
  const AnnotationFact &A = R.Fact->Annotation;
  Replacement Add;
  Add.File = A.ArgsRange.File;
  if (A.Args.empty()) {
    Add.Offset = A.ArgsRange.Begin;
    Add.Text = Argument;
  } else {
    Add.Offset = A.Args.back().Range.End;
    Add.Text = appendedArgumentText(R, A.Args.back(), Argument, ColumnLimit);
  }
  Fix F;
  F.Description = "add " + Argument + " to " + quoted(R);
  F.Replacements.push_back(std::move(Add));
  return {std::move(F), ""};
}

} // namespace fixit

using namespace fixit;

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

} // namespace relcheck
