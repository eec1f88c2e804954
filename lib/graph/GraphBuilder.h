//===- GraphBuilder.h - builds the model graph from facts -------*- C++ -*-===//
//
// ModelGraph::build's steps, in SQLAlchemy's order: merge the facts of all
// TUs (deterministically), check the vocabulary, create models, tables and
// inheritance, resolve relationship targets, configure every relationship
// in configuration order (joins and direction, then the backref it
// generates, §1.1), link back_populates partners and compute the effective
// sync (§5.4).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "graph/ArgumentLocator.h"
#include "graph/JoinAnalysis.h"
#include "graph/ModelGraph.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace relcheck {

struct BackrefSpelling;
struct ArgView;

class GraphBuilder {
public:
  /// The argument given for a keyword, or null.
  using OptionLookup = std::function<const ArgFact *(std::string_view)>;

  explicit GraphBuilder(ModelGraph &Graph) : G(Graph) {}
  /// Takes the facts: the models it keeps are moved into the graph.
  void build(std::vector<TuFacts> Facts);

private:
  /// Per-relationship configuration inputs.
  struct RelState {
    /// Bare names in the arguments are evaluated in this class body (the
    /// declaring class, also for the side a backref generates).
    const Model *Scope = nullptr;
    const Table *SecondaryTable = nullptr;
    /// A name in secondary= or a string argument that SQLAlchemy fails to
    /// evaluate: it stops configuring the relationship there, and so do we.
    bool ArgumentUnresolved = false;
    std::optional<PyExpr> RemoteSide;
    std::optional<PyExpr> ForeignKeys;
    std::vector<const ArgFact *> BackrefOptions;
  };

  /// A ForeignKey to check once every table exists.
  struct PendingForeignKey {
    Table *OnTable = nullptr;
    std::string ColumnName;
    std::string Spec; ///< "user.id" or a dotted expression.
    bool IsString = true;
    SourceSpan Range;
    std::string ModelName;
    std::string Attribute;
    Column *Col = nullptr;    ///< Model column (its Table copy).
    std::string ColAttribute; ///< To find the table copy.
    /// The class body a bare name (ForeignKey(key)) is evaluated in, and
    /// how many of its columns precede the declaring one: Python sees only
    /// the names the body has assigned so far. Null for ORM_TABLE columns.
    const Model *Scope = nullptr;
    size_t ColumnsBefore = 0;
    /// Index into OnTable->ForeignKeyConstraints when the ForeignKey is an
    /// element of a ForeignKeyConstraint; -1 for a ForeignKey(...).
    int Constraint = -1;
  };

  void merge(std::vector<TuFacts> &Facts);
  // merge's steps, each from every TU's facts into Out.
  void mergeModels(std::vector<TuFacts> &Facts, TuFacts &Out);
  void mergeDeclarations(std::vector<TuFacts> &Facts, TuFacts &Out);
  void mergeTables(std::vector<TuFacts> &Facts, TuFacts &Out);
  void mergeIssues(std::vector<TuFacts> &Facts, TuFacts &Out);
  void createModels();
  /// A model deriving from two models: SQLAlchemy maps a class over one
  /// mapped base (decl_base.py 903-908).
  void reportMultipleModelBases();
  void createTables();
  /// Claims on table names (ORM_TABLE and mapped models), in definition
  /// order: the first one wins, a second is an issue. Fills ByName.
  std::vector<std::unique_ptr<Table>>
  claimTableNames(std::map<std::string, Table *> &ByName);
  /// An ORM_TABLE's Column(...)s and ForeignKeyConstraint(...)s.
  void addOrmTableColumns(Table &T);
  void placeModelColumns(const std::map<std::string, Table *> &ByName);
  /// A single-table subclass's columns go to its base's table, unless
  /// SQLAlchemy refuses them there: a name the table already has, a
  /// primary key (decl_base.py 937-951).
  void placeSingleTableColumns(Model &M);
  /// ForeignKey(...)s of M's columns and its __table_args__ constraints, as
  /// pending foreign keys of its table.
  void addColumnForeignKeys(Model &M);
  /// __table_args__'s PrimaryKeyConstraint: the columns it names become the
  /// primary key (before the table copies its columns).
  void applyPrimaryKeyConstraints(Model &M);
  /// __table_args__'s ForeignKeyConstraints of M, as pending foreign keys
  /// of M's own table.
  void addForeignKeyConstraints(Model &M);
  /// The column of M's class body a constraint names: a column name string
  /// or a bare attribute name; an issue when it names none.
  Column *constrainedColumn(Model &M, const ArgFact &Arg, const PyExpr &E,
                            const char *Constraint);
  void resolveForeignKeys();
  /// ForeignKey(key) with a bare name: a column assigned earlier in the
  /// same class body, as Python evaluates it there (§0).
  std::optional<ColumnRef> resolveBareForeignKey(const PendingForeignKey &P);
  /// What SQLAlchemy checks when it creates a mapper: a primary key, a
  /// table, a foreign key to the base for joined-table inheritance.
  void checkMappers();
  /// __mapper_args__'s properties, column_prefix, include_/exclude_
  /// properties: Model::PropertyNames and ColumnsRemappedBy, also of the
  /// models a relationship in properties generates a backref onto.
  void recordRemappedAttributes(Model &M);
  void recordHiddenBackrefs(const PyExpr &E, const Model &M);
  /// __mapper_args__: polymorphic_on resolves to a column, inherit_condition
  /// names columns; fills the Model's fields.
  void interpretMapperArgs(Model &M);
  /// Joined-table inheritance without inherit_condition: SQLAlchemy infers
  /// the join from the foreign keys, which must be exactly one path.
  void checkInheritCondition(const Model &M);
  void createRelationships();
  void interpretRelationship(Relationship &R);
  void resolveTarget(Relationship &R);
  /// A target the registry of R's class cannot see: it is mapped by
  /// another declarative base.
  void reportOtherRegistry(const Relationship &R, const Model &Target,
                           const std::string &Name, const SourceSpan &Range);
  /// ORM_MODEL's base=: each model's registry (inherited by subclasses).
  void assignRegistries();
  void configure();
  void configureJoins(Relationship &R, RelState &S, const PyExpr *PrimaryJoin,
                      const PyExpr *SecondaryJoin, const PyExpr *RemoteSide,
                      const PyExpr *ForeignKeys);
  void generateBackref(Relationship &R);
  /// E10, E11, E12, E14: options SQLAlchemy refuses given the final
  /// direction and uselist; W2, W5: option values relationship() warns
  /// about (GraphOptionChecks.cpp). Option(kw): the argument this side is
  /// configured with (for a generated side, its backref(...) options: they
  /// are not copied, §1.2); CopiedPassiveUpdates: the declaring side's
  /// passive_updates a generated side inherits, the one option SQLAlchemy
  /// copies of those checked here.
  void checkOptionValues(const Relationship &R, const OptionLookup &Option,
                         const ArgFact *CopiedPassiveUpdates = nullptr);
  /// A column reference in a join, remote_side or foreign_keys that names
  /// nothing: SQLAlchemy fails on it at configure time.
  void reportUnresolvedName(const Relationship &R, const RelState &S,
                            const std::string &Dotted);
  /// A join, remote_side, foreign_keys or order_by value as SQLAlchemy
  /// evaluates it:
  /// a string's parsed text (null when it does not parse), checked against
  /// what the class registry shows; any other value as written.
  std::optional<PyExpr> evaluateArgument(const Relationship &R, RelState &S,
                                         const PyExpr &Value);
  /// order_by as a string: the class attributes and table columns it names
  /// must exist (GraphOrderBy.cpp).
  void checkOrderBy(const Relationship &R, RelState &S, const PyExpr &Value);
  /// Reports and returns true when Content, a string argument's parsed
  /// text, reads a class's __table__ (see the definition).
  bool refuseTableOfClassInString(const Relationship &R, RelState &S,
                                  const PyExpr &Content);
  /// Why Dotted names no column, in SQLAlchemy's words where it has them.
  std::string unresolvedNameDetail(const RelState &S,
                                   const std::string &Dotted) const;
  /// Where Declaring's arguments write Dotted; Fallback when nowhere.
  SourceSpan writtenNameRange(const Relationship &Declaring,
                              const std::string &Dotted,
                              const SourceSpan &Fallback) const;
  void pair();
  void checkMemberShapes();
  void checkReservedNames();
  /// A subclass mapper maps its bases' properties under their keys: a
  /// column and a relationship under one key, one of them inherited, is
  /// refused (mapper.py 1927).
  void checkInheritedKeyConflicts();
  void finish();

  Column makeColumn(const std::vector<ArgView> &Args, const std::string &Member,
                    const ArgumentLocator &Loc, SourceSpan Range);
  void addIssue(const SourceSpan &Range, IssueSeverity Sev, std::string Message,
                const std::string &ModelName, const std::string &Attribute,
                std::string CaseId = "");

  ModelGraph &G;
  std::map<std::string, Model *> ByKey;
  /// The last model of each qualified name (a base or member type named
  /// by qualified name resolves to it).
  std::map<std::string, Model *> ByQualifiedName;
  std::map<const Relationship *, RelState> States;
  std::vector<PendingForeignKey> PendingFks;
  std::vector<std::unique_ptr<Relationship>> Rels;
  unsigned NextOrder = 0;
  std::set<std::pair<const Relationship *, std::string>> ReportedNames;
};

} // namespace relcheck
