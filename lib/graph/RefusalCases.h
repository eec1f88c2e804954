//===- RefusalCases.h - ids for refusals the notes do not number -*- C++
//-*-===//
//
// GraphIssue::CaseId names the SQLAlchemy behaviour an issue rests on. The
// semantics notes number configure-time pairing errors (E1..E14) and join
// errors (J1..J11); SQLAlchemy also refuses plain vocabulary mistakes, and
// the agreement test (test/sqlalchemy/check_agreement.py) needs an id on
// those too. These "R" ids cover them; each is a real refusal observed on
// 1.4.46 (class body or configure_mappers()).
//
//===----------------------------------------------------------------------===//
#pragma once

namespace relcheck {
namespace refusal {

/// A call SQLAlchemy's signature refuses: unexpected keyword, multiple
/// values for an argument, missing or surplus positional (TypeError).
inline constexpr const char *BadCall = "R1";
/// A value SQLAlchemy refuses: an invalid cascade, an unknown loader
/// strategy, a backref that is not a name or (name, {...}), a join or
/// column argument that is not an expression, a misplaced column name.
inline constexpr const char *BadValue = "R2";
/// A name that resolves to nothing: relationship target, secondary table,
/// a column in a join / remote_side / foreign_keys, a column type.
inline constexpr const char *UnresolvedName = "R3";
/// "Multiple classes found for path ..." in the registry.
inline constexpr const char *AmbiguousName = "R4";
/// A Python syntax error inside a string argument (join condition,
/// remote_side="...").
inline constexpr const char *StringSyntax = "R5";
/// "Table 'x' is already defined for this MetaData instance."
inline constexpr const char *DuplicateTable = "R6";
/// "Mapper ... could not assemble any primary key columns ..."
inline constexpr const char *NoPrimaryKey = "R7";
/// "Class ... does not have a __table__ or __tablename__ specified ..."
inline constexpr const char *NoTable = "R8";
/// "Can't determine the inherit condition between inherited table ..."
/// (joined-table inheritance without a ForeignKey to the base table, or
/// with several and no inherit_condition).
inline constexpr const char *NoInheritanceCondition = "R9";
/// "Attribute name 'metadata' is reserved for the MetaData instance when
/// using a declarative base class." (decl_base.py, class body).
inline constexpr const char *ReservedName = "R10";
/// "Class ... has multiple mapped bases: [...]" (decl_base.py, class
/// body): a model deriving from two models.
inline constexpr const char *MultipleMappedBases = "R11";
/// A single-table subclass's column SQLAlchemy will not add to the base's
/// table: "Column 'x' on class ... conflicts with existing column 'a.x'",
/// "Can't place primary key columns on an inherited class with no table."
inline constexpr const char *SingleTableColumn = "R12";
/// "WARNING: when configuring property 'x' on mapped class ..., column
/// 'x' conflicts with property '<RelationshipProperty ...>'" (mapper.py):
/// a column and a relationship under one key, one of them inherited.
inline constexpr const char *InheritedKeyConflict = "R13";

} // namespace refusal
} // namespace relcheck
