//===- Facts.h - per-translation-unit facts ---------------------*- C++ -*-===//
//
// What the fact extractor saw in one translation unit: models, tables,
// columns, relationships and the exact source ranges of every annotation
// argument. Plain, serializable data (see FactsJson.h) with no Clang types,
// so the CLI can merge facts from many TUs (or a cache, or other shards)
// after all ASTs are gone, and the clang-tidy plugin can feed the same rules.
//
// Facts record what is *written*. Meaning (which keyword is valid, which
// class a name resolves to, directions, partners) is decided by the model
// graph, once per declaration after merging.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "annotations/PyExpr.h"
#include "facts/SourceSpan.h"

#include <string>
#include <vector>

namespace relcheck {

/// Bump when the shape of the facts changes (caches and shard files carry it).
constexpr int FactsSchemaVersion = 2;

/// One argument of an annotation macro, as written.
struct ArgFact {
  std::string Keyword;     ///< Empty for a positional argument.
  PyExpr Value;            ///< Offsets relative to ValueRange.Begin.
  SourceSpan KeywordRange; ///< The keyword name; invalid when positional.
  SourceSpan ValueRange;   ///< The value.
  SourceSpan Range;        ///< The whole argument, `keyword=value`.
};

/// One ORM_* macro invocation.
struct AnnotationFact {
  /// The argument text: the raw source between the parentheses when
  /// ExactRanges, else the stringized text from the attribute.
  std::string Text;
  SourceSpan MacroRange; ///< `ORM_RELATIONSHIP(...)`, name to ')'.
  SourceSpan ArgsRange;  ///< Between the parentheses.
  /// False when the invocation is not spelled directly in a file (e.g. it
  /// comes from another macro's body): every range then points at the
  /// outermost expansion site and no fix may edit it.
  bool ExactRanges = true;
  /// The parsed arguments; empty when parsing failed (an AnnotationIssue
  /// was recorded for it).
  std::vector<ArgFact> Args;
  bool ParseFailed = false;
};

/// How the C++ member type holds its target, for target deduction and for
/// checking scalar vs collection.
enum class MemberShape {
  Scalar,     ///< T*, T&, std::shared_ptr<T>, std::unique_ptr<T>,
              ///< std::optional<T>, std::weak_ptr<T>, T.
  Collection, ///< std::vector<T*>, std::list<...>, std::set<...>,
              ///< std::deque, std::unordered_set, std::map<K, T*> values...
  Unknown,    ///< Could not name a class.
};

struct MemberTypeFact {
  std::string Spelling; ///< As written: "std::vector<Address*>".
  MemberShape Shape = MemberShape::Unknown;
  std::string ElementName;          ///< "Address" (unqualified), "" if unknown.
  std::string ElementQualifiedName; ///< "shop::Address".
  std::string ElementKey; ///< ModelFact::Key of the element if it is a
                          ///< model defined or declared in this TU.
  SourceSpan Range;       ///< The type as written.
};

struct ColumnFact {
  /// The mapped attribute key: the member name, or ORM_KEY's name.
  std::string Attribute;
  /// The C++ member name when ORM_KEY gives another key; else empty.
  std::string MemberName;
  SourceSpan NameRange; ///< The member name.
  SourceSpan DeclRange; ///< Macro start to the terminating ';'.
  AnnotationFact Annotation;
};

struct RelationshipFact {
  /// The mapped attribute key: the member name, or ORM_KEY's name (a key
  /// that is no C++ name, such as "namespace").
  std::string Attribute;
  /// The C++ member name when ORM_KEY gives another key; else empty.
  std::string MemberName;
  SourceSpan NameRange;
  SourceSpan DeclRange;
  MemberTypeFact MemberType;
  AnnotationFact Annotation;
};

/// A member without a relcheck annotation (plain field, method, nested
/// type): SQLAlchemy would silently replace it with a backref of the same
/// name (S8), and a rewrite must not collide with it.
struct PlainMemberFact {
  std::string Name;
  SourceSpan NameRange;
  bool IsMethod = false;
};

struct ModelFact {
  /// Identity across TUs (Clang USR of the class). Two TUs seeing the same
  /// header produce the same Key.
  std::string Key;
  std::string Name;          ///< "User".
  std::string QualifiedName; ///< "shop::User" (no leading "::").
  /// The class key of the definition, "struct" or "class": a forward
  /// declaration a fix writes repeats it (a mismatch is a -Wmismatched-tags
  /// warning, and an error with MSVC's mangling).
  std::string ClassKey = "struct";
  /// Direct bases that are models, as Keys, in declaration order.
  std::vector<std::string> BaseKeys;
  /// Direct bases that are models, qualified names, parallel to BaseKeys.
  std::vector<std::string> BaseNames;
  SourceSpan NameRange; ///< The class name in its definition.
  SourceSpan BodyRange; ///< '{' to '}' inclusive.
  /// End of the last member declaration (just past its ';'); where a fix
  /// inserts a new member. Equal to BodyRange.Begin + 1 for an empty body.
  SourceSpan LastMemberEnd;
  /// Start of the line where the class's declaration begins, its leading
  /// comment and template header included: where a fix inserts a
  /// declaration the class needs.
  SourceSpan DeclarationStart;
  /// Leading white space of the last member declaration's line ("  ").
  std::string MemberIndent;
  AnnotationFact Annotation; ///< ORM_MODEL(...).
  std::vector<ColumnFact> Columns;
  std::vector<RelationshipFact> Relationships;
  std::vector<PlainMemberFact> PlainMembers;
};

/// ORM_TABLE(name, Column(...), ...).
struct TableFact {
  std::string Name; ///< The table name (first macro argument).
  SourceSpan NameRange;
  AnnotationFact Annotation; ///< Args = the Column(...) arguments.
};

/// A problem found while reading an annotation: bad syntax, or an
/// annotation the extractor cannot attach (e.g. ORM_COLUMN on a method).
struct AnnotationIssue {
  SourceSpan Range;
  std::string Message;
};

/// A Clang error in the TU (the TU did not compile).
struct CompileError {
  SourceSpan Range;
  std::string Message;
};

/// A namespace-scope declaration of a class that is not its definition
/// (`struct User;`), in a file of the project: a fix must not declare again
/// what is already visible.
struct ClassDeclarationFact {
  std::string Key; ///< Same as the definition's ModelFact::Key.
  SourceSpan NameRange;
};

/// Where `#include <Header>` goes in File, as clang's include insertion
/// (tooling::HeaderIncludes, with the file's .clang-format include style)
/// places it: for the standard headers a fix's member type may need. None
/// is recorded for a header the file includes already.
struct IncludeInsertionFact {
  InternedString File;
  std::string Header; ///< "<vector>".
  unsigned Offset = 0;
  std::string Text; ///< "#include <vector>\n".
};

/// `#include` of one project file by another (system headers are left
/// out): what a declaration in the includer can see of the included file.
struct IncludeFact {
  SourceSpan Directive; ///< In the includer; Begin = where the file is
                        ///< included (the end of the directive).
  InternedString Included;
};

struct TuFacts {
  int SchemaVersion = FactsSchemaVersion;
  std::string MainFile;
  std::vector<ModelFact> Models;
  std::vector<ClassDeclarationFact> ClassDeclarations;
  std::vector<IncludeFact> Includes;
  std::vector<IncludeInsertionFact> IncludeInsertions;
  std::vector<TableFact> Tables;
  std::vector<AnnotationIssue> Issues;
  std::vector<CompileError> CompileErrors;
};

} // namespace relcheck
