//===- GraphTestSupport.h - TU facts built by hand --------------*- C++ -*-===//
//
// Builds TuFacts without Clang, for graph and rule tests: each add* call
// appends one line of synthetic source to a file (so every SourceSpan has a
// real offset, line and column), and the annotation argument text is parsed
// with parsePyArguments exactly as the extractor does.
//
//   FactsBuilder B;
//   B.addModel("User", "user");
//   B.addColumn("User", "id", "Integer, primary_key=True");
//   B.addRelationship("User", "addresses", "\"Address\", backref=\"user\"",
//                     "std::vector<Address*>");
//   ModelGraph G = ModelGraph::build({B.build()});
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/Facts.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace relcheck {
namespace test {

/// The USR-like key FactsBuilder gives a model: "c:@N@shop@S@Address".
std::string modelKey(const std::string &QualifiedName);

class FactsBuilder {
public:
  explicit FactsBuilder(std::string MainFile = "/src/main.cpp");

  /// Files for the following add* calls ("" = the main file).
  FactsBuilder &inFile(std::string File);

  /// `struct ORM_MODEL(<ArgsText>) Name : Bases {`. Table nullopt writes
  /// ORM_MODEL() (single-table subclass); Bases are qualified names.
  FactsBuilder &addModel(const std::string &QualifiedName,
                         std::optional<std::string> Table,
                         const std::vector<std::string> &Bases = {});
  /// ORM_MODEL(<ArgsText>) with raw argument text.
  FactsBuilder &addModelRaw(const std::string &QualifiedName,
                            const std::string &ArgsText,
                            const std::vector<std::string> &Bases = {});
  /// `  ORM_COLUMN(<ArgsText>) int Attribute;`
  FactsBuilder &addColumn(const std::string &Model,
                          const std::string &Attribute,
                          const std::string &ArgsText);
  /// `  ORM_RELATIONSHIP(<ArgsText>) <MemberType> Attribute;`. The member
  /// type fact is derived from the spelling ("std::vector<Address*>",
  /// "User*", "std::shared_ptr<shop::Address>"; "" = unknown).
  FactsBuilder &addRelationship(const std::string &Model,
                                const std::string &Attribute,
                                const std::string &ArgsText,
                                const std::string &MemberType = "");
  /// `  int Name;` or `  void Name();`.
  FactsBuilder &addPlainMember(const std::string &Model,
                               const std::string &Name, bool IsMethod = false);
  /// `ORM_TABLE(Name, <ArgsText>);`
  FactsBuilder &addTable(const std::string &Name, const std::string &ArgsText);

  /// The facts. Member types naming a model of this builder get its Key.
  TuFacts build() const;

  /// The synthetic text of a file (for checking ranges in tests).
  const std::string &fileText(const std::string &File) const;
  /// Finds Needle's N-th occurrence in File's text: its span.
  SourceSpan find(const std::string &Needle, unsigned Occurrence = 0,
                  std::string File = "") const;

private:
  SourceSpan span(const std::string &File, unsigned Begin, unsigned End) const;
  /// Appends a line, returns its offset.
  unsigned appendLine(const std::string &File, const std::string &Line);
  AnnotationFact annotation(const std::string &File, unsigned ArgsBegin,
                            const std::string &ArgsText, unsigned MacroBegin,
                            unsigned MacroEnd);
  ModelFact &model(const std::string &QualifiedName);

  std::string MainFile;
  std::string CurrentFile;
  std::map<std::string, std::string> Files;
  TuFacts Facts;
};

} // namespace test
} // namespace relcheck
