//===- Vocabulary.h - SQLAlchemy's declarative vocabulary -------*- C++ -*-===//
//
// What the annotation arguments may say, taken from SQLAlchemy 1.4's own
// signatures: relationship() (RelationshipProperty.__init__ in
// orm/relationships.py), backref(), Column, ForeignKey and Table (sql/
// schema.py). Checks keyword validity and value types and reports each
// problem at the exact range of the offending argument; interprets the
// values the graph needs (backref spellings, column specs).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/Facts.h"
#include "graph/ArgumentLocator.h"
#include "graph/ModelGraph.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relcheck {

/// Whom an issue is about (copied into GraphIssue).
struct IssueContext {
  std::string ModelName; ///< Qualified model name.
  std::string Attribute;
  std::string RelName; ///< "User.addresses", for SQLAlchemy's texts.
};

/// One argument of a call, top-level (an ArgFact) or nested (inside
/// backref(...), Column(...), ForeignKey(...)), with its file ranges.
struct ArgView {
  std::string Keyword; ///< "" for a positional argument.
  const PyExpr *Value = nullptr;
  const ArgFact *Outer = nullptr; ///< The top-level argument holding it.
  SourceSpan KeywordRange;        ///< Invalid for a positional.
  SourceSpan ValueRange;
  SourceSpan Range;
};

/// The arguments of an annotation.
std::vector<ArgView> viewArgs(const ArgumentLocator &Loc,
                              const std::vector<ArgFact> &Args);
/// The arguments of Call (a Call node inside Outer's value).
std::vector<ArgView> viewCallArgs(const ArgumentLocator &Loc,
                                  const ArgFact &Outer, const PyExpr &Call);

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and a transposed pair of letters ("adress" / "adderss") each count as
/// one typo, as a user counts them. IgnoreCase compares ASCII letters
/// without case.
unsigned typoDistance(std::string_view A, std::string_view B, bool IgnoreCase);

/// The closest candidate by edit distance, or "" when none is close enough
/// to be a plausible typo.
std::string closestName(std::string_view Word,
                        const std::vector<std::string> &Candidates);
/// "; did you mean 'x'?" or "".
std::string didYouMean(std::string_view Word,
                       const std::vector<std::string> &Candidates);

/// relationship()'s keyword arguments in SQLAlchemy 1.4.46.
const std::vector<std::string> &relationshipKeywords();
/// SQLAlchemy's loader strategies (lazy=...), as strings.
const std::vector<std::string> &lazyStrategies();
/// The keywords ORM_MODEL takes after the table name (declarative class
/// attributes).
const std::vector<std::string> &modelKeywords();
/// SQLAlchemy's cascade options.
const std::vector<std::string> &cascadeOptions();
/// Column types exported by `from sqlalchemy import *`.
const std::vector<std::string> &columnTypeNames();

/// Vocabulary checks; each appends GraphIssues (errors unless said).
void checkRelationshipArguments(const ArgumentLocator &Loc,
                                const IssueContext &Ctx,
                                std::vector<GraphIssue> &Out);
void checkModelArguments(const ArgumentLocator &Loc, const IssueContext &Ctx,
                         std::vector<GraphIssue> &Out);
void checkColumnArguments(const ArgumentLocator &Loc, const IssueContext &Ctx,
                          std::vector<GraphIssue> &Out);
void checkTableArguments(const ArgumentLocator &Loc, const IssueContext &Ctx,
                         std::vector<GraphIssue> &Out);
/// Every string literal of the annotation that is not UTF-8 or holds a NUL
/// byte (StringBytes.cpp); the four checks above call it.
void checkStringBytes(const ArgumentLocator &Loc, const IssueContext &Ctx,
                      std::vector<GraphIssue> &Out);

/// True/False (and the numbers 0/1, which Python treats alike).
std::optional<bool> boolValue(const PyExpr &E);
bool isNone(const PyExpr &E);
/// Python truthiness of a literal (an unknown object counts as true): how
/// SQLAlchemy reads flags such as viewonly="yes".
bool truthy(const PyExpr &E);
/// A value a join argument can hold (a string, or an expression that can
/// be a condition); anything else was refused by the vocabulary check.
bool isJoinValue(const PyExpr &E);
/// A value remote_side / foreign_keys can hold.
bool isColumnListValue(const PyExpr &E);
/// The callee name of a call ("backref", "Column"; the last component of a
/// dotted callee), "" when E is not a call.
std::string calleeName(const PyExpr &E);

/// backref="name", backref("name", **kw) or ("name", {...}).
struct BackrefSpelling {
  std::string Name;
  const PyExpr *NameNode = nullptr;
  struct Option {
    std::string Keyword;
    const PyExpr *KeyNode = nullptr; ///< Keyword node or dict key string.
    const PyExpr *Value = nullptr;
    bool FromDict = false;
  };
  std::vector<Option> Options;
};
/// Interprets a backref= value; nullopt when it is not one of the forms (or
/// has no usable name). Validation is checkRelationshipArguments' job.
std::optional<BackrefSpelling> interpretBackref(const PyExpr &Value);

/// What Column(...) (ORM_COLUMN's or an ORM_TABLE's) declares.
struct ColumnSpelling {
  std::string Name; ///< Explicit column name ("" = the member name).
  std::string Key;  ///< key=, "" if absent.
  bool PrimaryKey = false;
  struct ForeignKeyTarget {
    std::string Spec; ///< "user.id", or the dotted expression.
    bool IsString = true;
    const PyExpr *Node = nullptr;
  };
  std::vector<ForeignKeyTarget> ForeignKeys;
};
/// Interprets Column arguments (positionals and keywords as ArgViews).
ColumnSpelling interpretColumn(const std::vector<ArgView> &Args);

/// String content of a string node, else nullopt.
std::optional<std::string> stringValue(const PyExpr &E);

} // namespace relcheck
