//===- FactsJson.h - facts to and from JSON ---------------------*- C++ -*-===//
//
// The JSON form of TuFacts: `relcheck --dump-facts`, fact caches and shard
// files. Keys are the C++ member names in camelBack ("nameRange",
// "lastMemberEnd"); enums are their enumerator names ("Call", "Scalar").
// A document is
//
//   {"schemaVersion": 1, "translationUnits": [ {TuFacts}, ... ]}
//
// and every TuFacts object carries its own "schemaVersion" too.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/Facts.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace relcheck {

// nlohmann ADL conversions. The from_json functions throw an exception
// derived from std::runtime_error on malformed input, its message naming
// the offending key path ("models[0].nameRange: missing key 'file'");
// factsFromJson catches it.
void to_json(nlohmann::json &J, const SourceSpan &S);
void from_json(const nlohmann::json &J, SourceSpan &S);
void to_json(nlohmann::json &J, PyExpr::Kind K);
void from_json(const nlohmann::json &J, PyExpr::Kind &K);
void to_json(nlohmann::json &J, const PyExpr &E);
void from_json(const nlohmann::json &J, PyExpr &E);
void to_json(nlohmann::json &J, const ArgFact &A);
void from_json(const nlohmann::json &J, ArgFact &A);
void to_json(nlohmann::json &J, const AnnotationFact &A);
void from_json(const nlohmann::json &J, AnnotationFact &A);
void to_json(nlohmann::json &J, MemberShape S);
void from_json(const nlohmann::json &J, MemberShape &S);
void to_json(nlohmann::json &J, const MemberTypeFact &M);
void from_json(const nlohmann::json &J, MemberTypeFact &M);
void to_json(nlohmann::json &J, const ColumnFact &C);
void from_json(const nlohmann::json &J, ColumnFact &C);
void to_json(nlohmann::json &J, const RelationshipFact &R);
void from_json(const nlohmann::json &J, RelationshipFact &R);
void to_json(nlohmann::json &J, const PlainMemberFact &P);
void from_json(const nlohmann::json &J, PlainMemberFact &P);
void to_json(nlohmann::json &J, const ModelFact &M);
void from_json(const nlohmann::json &J, ModelFact &M);
void to_json(nlohmann::json &J, const TableFact &T);
void from_json(const nlohmann::json &J, TableFact &T);
void to_json(nlohmann::json &J, const AnnotationIssue &I);
void from_json(const nlohmann::json &J, AnnotationIssue &I);
void to_json(nlohmann::json &J, const CompileError &E);
void from_json(const nlohmann::json &J, CompileError &E);
void to_json(nlohmann::json &J, const TuFacts &T);
void from_json(const nlohmann::json &J, TuFacts &T);

/// The JSON document for these TUs (Indent < 0: one line). Never throws;
/// invalid UTF-8 in source text is replaced by U+FFFD.
std::string factsToJson(const std::vector<TuFacts> &Units, int Indent = 2);

/// Reads a document written by factsToJson. Returns false with a message
/// in Error (and Units untouched) on malformed JSON, a wrong shape or a
/// schema version other than FactsSchemaVersion. Never throws.
bool factsFromJson(std::string_view Text, std::vector<TuFacts> &Units,
                   std::string &Error);

} // namespace relcheck
