//===- GraphTestSupport.cpp -----------------------------------------------===//
#include "GraphTestSupport.h"

#include "annotations/PyExpr.h"
#include "graph/ArgumentLocator.h"

#include <stdexcept>

namespace relcheck {
namespace test {

std::string modelKey(const std::string &QualifiedName) {
  std::string Key = "c:";
  size_t Begin = 0;
  while (true) {
    size_t Sep = QualifiedName.find("::", Begin);
    if (Sep == std::string::npos) {
      Key += "@S@" + QualifiedName.substr(Begin);
      return Key;
    }
    Key += "@N@" + QualifiedName.substr(Begin, Sep - Begin);
    Begin = Sep + 2;
  }
}

static std::string lastComponent(const std::string &Q) {
  size_t Sep = Q.rfind("::");
  return Sep == std::string::npos ? Q : Q.substr(Sep + 2);
}

FactsBuilder::FactsBuilder(std::string Main)
    : MainFile(std::move(Main)), CurrentFile(MainFile) {
  Facts.MainFile = MainFile;
  Files[MainFile];
}

FactsBuilder &FactsBuilder::inFile(std::string File) {
  CurrentFile = File.empty() ? MainFile : std::move(File);
  Files[CurrentFile];
  return *this;
}

SourceSpan FactsBuilder::span(const std::string &File, unsigned Begin,
                              unsigned End) const {
  const std::string &Text = Files.at(File);
  SourceSpan S;
  S.File = File;
  S.Begin = Begin;
  S.End = End;
  unsigned Line = 1, Col = 1;
  for (unsigned I = 0; I <= End && I <= Text.size(); ++I) {
    if (I == Begin) {
      S.Line = Line;
      S.Column = Col;
    }
    if (I == End) {
      S.EndLine = Line;
      S.EndColumn = Col;
      break;
    }
    if (I < Text.size() && Text[I] == '\n') {
      ++Line;
      Col = 1;
    } else {
      ++Col;
    }
  }
  return S;
}

unsigned FactsBuilder::appendLine(const std::string &File,
                                  const std::string &Line) {
  std::string &Text = Files[File];
  unsigned Offset = unsigned(Text.size());
  Text += Line + "\n";
  return Offset;
}

AnnotationFact FactsBuilder::annotation(const std::string &File,
                                        unsigned ArgsBegin,
                                        const std::string &ArgsText,
                                        unsigned MacroBegin,
                                        unsigned MacroEnd) {
  AnnotationFact A;
  A.Text = ArgsText;
  A.MacroRange = span(File, MacroBegin, MacroEnd);
  A.ArgsRange = span(File, ArgsBegin, ArgsBegin + unsigned(ArgsText.size()));
  PyParseError Err;
  PyParseOptions Options;
  Options.AllowCppComments = true;
  std::optional<std::vector<PyExpr>> Parsed =
      parsePyArguments(ArgsText, Err, Options);
  if (!Parsed) {
    A.ParseFailed = true;
    Facts.Issues.push_back(
        {span(File, ArgsBegin + Err.Begin,
              ArgsBegin + std::max(Err.Begin, Err.End)),
         "syntax error in annotation argument: " + Err.Message});
    return A;
  }
  for (const PyExpr &Node : *Parsed) {
    ArgFact Arg;
    const PyExpr *Value = &Node;
    if (Node.is(PyExpr::Kind::Keyword) && !Node.Children.empty()) {
      Arg.Keyword = Node.Text;
      Value = &Node.Children[0];
      Arg.KeywordRange =
          span(File, ArgsBegin + Node.Begin,
               ArgsBegin + Node.Begin + unsigned(Node.Text.size()));
    }
    Arg.Value = rebaseExpr(*Value, Value->Begin);
    Arg.ValueRange =
        span(File, ArgsBegin + Value->Begin, ArgsBegin + Value->End);
    Arg.Range = span(File, ArgsBegin + Node.Begin, ArgsBegin + Node.End);
    A.Args.push_back(std::move(Arg));
  }
  return A;
}

ModelFact &FactsBuilder::model(const std::string &QualifiedName) {
  for (ModelFact &M : Facts.Models)
    if (M.QualifiedName == QualifiedName || M.Name == QualifiedName)
      return M;
  throw std::runtime_error("FactsBuilder: no model " + QualifiedName);
}

FactsBuilder &FactsBuilder::addModel(const std::string &QualifiedName,
                                     std::optional<std::string> Table,
                                     const std::vector<std::string> &Bases) {
  return addModelRaw(QualifiedName, Table ? "\"" + *Table + "\"" : "", Bases);
}

FactsBuilder &FactsBuilder::addModelRaw(const std::string &QualifiedName,
                                        const std::string &ArgsText,
                                        const std::vector<std::string> &Bases) {
  const std::string &File = CurrentFile;
  std::string Name = lastComponent(QualifiedName);
  std::string Line = "struct ORM_MODEL(" + ArgsText + ") " + Name;
  for (size_t I = 0; I < Bases.size(); ++I)
    Line += (I ? ", public " : " : public ") + Bases[I];
  Line += " {";
  unsigned Offset = appendLine(File, Line);
  ModelFact M;
  M.Key = modelKey(QualifiedName);
  M.Name = Name;
  M.QualifiedName = QualifiedName;
  for (const std::string &B : Bases) {
    M.BaseKeys.push_back(modelKey(B));
    M.BaseNames.push_back(B);
  }
  unsigned MacroBegin = Offset + 7; // after "struct "
  unsigned ArgsBegin = MacroBegin + unsigned(std::string("ORM_MODEL(").size());
  M.Annotation = annotation(File, ArgsBegin, ArgsText, MacroBegin,
                            ArgsBegin + unsigned(ArgsText.size()) + 1);
  unsigned NameBegin = ArgsBegin + unsigned(ArgsText.size()) + 2;
  M.NameRange = span(File, NameBegin, NameBegin + unsigned(Name.size()));
  unsigned Brace = Offset + unsigned(Line.size()) - 1;
  M.BodyRange = span(File, Brace, Brace + 1);
  M.LastMemberEnd = span(File, Brace + 1, Brace + 1);
  M.MemberIndent = "  ";
  Facts.Models.push_back(std::move(M));
  return *this;
}

/// Extends a model's body to a member line just appended.
static void extendBody(ModelFact &M, const SourceSpan &LineEnd) {
  M.BodyRange.End = LineEnd.End;
  M.BodyRange.EndLine = LineEnd.EndLine;
  M.BodyRange.EndColumn = LineEnd.EndColumn;
  M.LastMemberEnd = LineEnd;
  M.LastMemberEnd.Begin = LineEnd.End;
  M.LastMemberEnd.Line = LineEnd.EndLine;
  M.LastMemberEnd.Column = LineEnd.EndColumn;
}

FactsBuilder &FactsBuilder::addColumn(const std::string &ModelName,
                                      const std::string &Attribute,
                                      const std::string &ArgsText) {
  const std::string &File = CurrentFile;
  std::string Line = "  ORM_COLUMN(" + ArgsText + ") int " + Attribute + ";";
  unsigned Offset = appendLine(File, Line);
  ColumnFact C;
  C.Attribute = Attribute;
  unsigned MacroBegin = Offset + 2;
  unsigned ArgsBegin = MacroBegin + 11;
  C.Annotation = annotation(File, ArgsBegin, ArgsText, MacroBegin,
                            ArgsBegin + unsigned(ArgsText.size()) + 1);
  unsigned NameBegin =
      Offset + unsigned(Line.size()) - 1 - unsigned(Attribute.size());
  C.NameRange = span(File, NameBegin, NameBegin + unsigned(Attribute.size()));
  C.DeclRange = span(File, MacroBegin, Offset + unsigned(Line.size()));
  ModelFact &M = model(ModelName);
  M.Columns.push_back(std::move(C));
  extendBody(M, span(File, Offset + unsigned(Line.size()) - 1,
                     Offset + unsigned(Line.size())));
  return *this;
}

static MemberTypeFact memberTypeFromSpelling(const std::string &Spelling) {
  MemberTypeFact T;
  T.Spelling = Spelling.empty() ? "int" : Spelling;
  if (Spelling.empty())
    return T;
  static const char *const Collections[] = {
      "std::vector<", "std::list<",          "std::set<",
      "std::deque<",  "std::unordered_set<", "std::multiset<",
      "std::map<",    "std::unordered_map<"};
  static const char *const Scalars[] = {"std::shared_ptr<", "std::unique_ptr<",
                                        "std::optional<", "std::weak_ptr<"};
  auto StartsWith = [](const std::string &S, const char *P) {
    return S.rfind(P, 0) == 0;
  };
  T.Shape = MemberShape::Scalar;
  for (const char *C : Collections)
    if (StartsWith(Spelling, C))
      T.Shape = MemberShape::Collection;
  std::string E = Spelling;
  while (true) {
    size_t Open = E.find('<');
    if (Open == std::string::npos)
      break;
    size_t Close = E.rfind('>');
    std::string Inner = E.substr(Open + 1, Close - Open - 1);
    bool IsMap =
        StartsWith(E, "std::map<") || StartsWith(E, "std::unordered_map<");
    if (IsMap && Inner.find(',') != std::string::npos)
      Inner = Inner.substr(Inner.rfind(',') + 1);
    E = Inner;
  }
  std::string Clean;
  for (char C : E)
    if (C != '*' && C != '&' && C != ' ')
      Clean += C;
  if (Clean.rfind("const", 0) == 0)
    Clean = Clean.substr(5);
  bool Builtin = Clean == "int" || Clean == "void" || Clean.empty();
  if (Builtin) {
    T.Shape = MemberShape::Unknown;
    return T;
  }
  bool KnownWrapper = false;
  for (const char *S : Scalars)
    KnownWrapper |= StartsWith(Spelling, S);
  (void)KnownWrapper;
  T.ElementQualifiedName = Clean;
  T.ElementName = lastComponent(Clean);
  return T;
}

FactsBuilder &FactsBuilder::addRelationship(const std::string &ModelName,
                                            const std::string &Attribute,
                                            const std::string &ArgsText,
                                            const std::string &MemberType) {
  const std::string &File = CurrentFile;
  MemberTypeFact T = memberTypeFromSpelling(MemberType);
  std::string Line = "  ORM_RELATIONSHIP(" + ArgsText + ") " + T.Spelling +
                     " " + Attribute + ";";
  unsigned Offset = appendLine(File, Line);
  RelationshipFact R;
  R.Attribute = Attribute;
  unsigned MacroBegin = Offset + 2;
  unsigned ArgsBegin = MacroBegin + 17;
  R.Annotation = annotation(File, ArgsBegin, ArgsText, MacroBegin,
                            ArgsBegin + unsigned(ArgsText.size()) + 1);
  unsigned TypeBegin = ArgsBegin + unsigned(ArgsText.size()) + 2;
  T.Range = span(File, TypeBegin, TypeBegin + unsigned(T.Spelling.size()));
  R.MemberType = T;
  unsigned NameBegin =
      Offset + unsigned(Line.size()) - 1 - unsigned(Attribute.size());
  R.NameRange = span(File, NameBegin, NameBegin + unsigned(Attribute.size()));
  R.DeclRange = span(File, MacroBegin, Offset + unsigned(Line.size()));
  ModelFact &M = model(ModelName);
  M.Relationships.push_back(std::move(R));
  extendBody(M, span(File, Offset + unsigned(Line.size()) - 1,
                     Offset + unsigned(Line.size())));
  return *this;
}

FactsBuilder &FactsBuilder::addPlainMember(const std::string &ModelName,
                                           const std::string &Name,
                                           bool IsMethod) {
  const std::string &File = CurrentFile;
  std::string Line =
      IsMethod ? "  void " + Name + "();" : "  int " + Name + ";";
  unsigned Offset = appendLine(File, Line);
  unsigned NameBegin = Offset + (IsMethod ? 7 : 6);
  PlainMemberFact P;
  P.Name = Name;
  P.NameRange = span(File, NameBegin, NameBegin + unsigned(Name.size()));
  P.IsMethod = IsMethod;
  ModelFact &M = model(ModelName);
  M.PlainMembers.push_back(std::move(P));
  extendBody(M, span(File, Offset + unsigned(Line.size()) - 1,
                     Offset + unsigned(Line.size())));
  return *this;
}

FactsBuilder &FactsBuilder::addTable(const std::string &Name,
                                     const std::string &ArgsText) {
  const std::string &File = CurrentFile;
  std::string Line = "ORM_TABLE(" + Name + ", " + ArgsText + ");";
  unsigned Offset = appendLine(File, Line);
  TableFact T;
  T.Name = Name;
  T.NameRange = span(File, Offset + 10, Offset + 10 + unsigned(Name.size()));
  unsigned ArgsBegin = Offset + 10 + unsigned(Name.size()) + 2;
  T.Annotation = annotation(File, ArgsBegin, ArgsText, Offset,
                            ArgsBegin + unsigned(ArgsText.size()) + 1);
  Facts.Tables.push_back(std::move(T));
  return *this;
}

TuFacts FactsBuilder::build() const {
  TuFacts Out = Facts;
  // What Clang would tell: the element's qualified name and, for a model
  // of this TU, its Key.
  for (ModelFact &M : Out.Models)
    for (RelationshipFact &R : M.Relationships) {
      MemberTypeFact &T = R.MemberType;
      if (T.ElementQualifiedName.empty())
        continue;
      const ModelFact *Found = nullptr;
      for (const ModelFact &Other : Out.Models)
        if (Other.QualifiedName == T.ElementQualifiedName)
          Found = &Other;
      if (!Found) {
        int Count = 0;
        for (const ModelFact &Other : Out.Models)
          if (Other.Name == T.ElementQualifiedName) {
            Found = &Other;
            ++Count;
          }
        if (Count != 1)
          Found = nullptr;
      }
      if (Found) {
        T.ElementQualifiedName = Found->QualifiedName;
        T.ElementKey = Found->Key;
      }
    }
  return Out;
}

const std::string &FactsBuilder::fileText(const std::string &File) const {
  return Files.at(File.empty() ? MainFile : File);
}

SourceSpan FactsBuilder::find(const std::string &Needle, unsigned Occurrence,
                              std::string File) const {
  if (File.empty())
    File = MainFile;
  const std::string &Text = Files.at(File);
  size_t Pos = Text.find(Needle);
  for (unsigned I = 0; I < Occurrence && Pos != std::string::npos; ++I)
    Pos = Text.find(Needle, Pos + 1);
  if (Pos == std::string::npos)
    throw std::runtime_error("FactsBuilder::find: no " + Needle);
  return span(File, unsigned(Pos), unsigned(Pos + Needle.size()));
}

} // namespace test
} // namespace relcheck
