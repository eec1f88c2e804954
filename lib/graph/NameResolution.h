//===- NameResolution.h - SQLAlchemy's registry lookups ---------*- C++ -*-===//
//
// How declarative's class registry resolves the names written in
// annotations: a class by its bare name or its full module path (C++
// namespaces are modules, so shop::Address is "shop.Address"), and column
// references in joins, remote_side and foreign_keys ("Address.user_id",
// "assoc.c.left_id", or a bare name of the declaring class body).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "graph/JoinAnalysis.h"
#include "graph/ModelGraph.h"

#include <string>
#include <string_view>
#include <vector>

namespace relcheck {

/// "a.b.c" as {"a", "b", "c"}; empty parts are kept ("a..b" has three).
std::vector<std::string> dottedParts(std::string_view Dotted);
/// The first N of Parts joined by dots.
std::string joinedParts(const std::vector<std::string> &Parts, size_t N);

/// "shop.Address" for shop::Address (the registry's module path).
std::string registryPath(const Model &M);
/// Models whose class name or module path (dotted or "::") is Name, in
/// model order.
std::vector<const Model *>
findModelsByName(const std::vector<std::unique_ptr<Model>> &Models,
                 std::string_view Name);
/// How a rewrite spells M in a target string: the bare class name when
/// it is unique in the registry, else the module path.
std::string registrySpelling(const std::vector<std::unique_ptr<Model>> &Models,
                             const Model &M);
/// The same through the graph's name index.
std::string registrySpelling(const ModelGraph &Graph, const Model &M);
/// Every name the registry knows (class names and module paths), sorted:
/// did-you-mean candidates.
std::vector<std::string>
registryNames(const std::vector<std::unique_ptr<Model>> &Models);

/// SQLAlchemy's renderings: "mapped class User->user" and
/// "<class '__main__.User'>" (namespaces are modules: "<class 'shop.A'>").
std::string mapperDisplay(const Model &M);
std::string classRepr(const Model &M);

/// The mapper's tables, local table first, then the tables of its bases
/// (joined-table inheritance); single-table subclasses share one.
std::vector<const Table *> mapperTables(const Model &M);

/// A resolver for column references written in a relationship whose bare
/// names are evaluated in Scope's class body (§0: bare names evaluate at
/// once, in the class body that contains them).
ColumnResolver makeColumnResolver(const ModelGraph &Graph, const Model *Scope);

/// When Dotted is Class.attribute and __mapper_args__ decides what that
/// attribute maps (AttributeLookup::Kind::Unmodeled): why relcheck cannot
/// judge it, for Relationship::NotModeled. "" otherwise.
std::string unmodeledAttributeNote(const ModelGraph &Graph, const Model *Scope,
                                   const std::string &Dotted);

} // namespace relcheck
