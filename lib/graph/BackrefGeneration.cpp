//===- BackrefGeneration.cpp ----------------------------------------------===//
#include "graph/BackrefGeneration.h"

#include "graph/JoinExpr.h"
#include "graph/Vocabulary.h"

#include <algorithm>
#include <set>

namespace relcheck {

using K = PyExpr::Kind;

static bool mapsName(const Model &M, std::string_view Name) {
  if (M.PropertyNames.count(Name))
    return true;
  // Whether a remapped column still maps under its name is not modeled.
  for (const Column &C : M.Columns)
    if (C.Attribute == Name && M.ColumnsRemappedBy.empty() &&
        !M.PropertyValueNames.count(C.Attribute))
      return true;
  for (const Relationship *R : M.Relationships)
    if (R->Attribute == Name)
      return true;
  return false;
}

const Model *findBackrefCollision(const Model &Target, std::string_view Name) {
  if (mapsName(Target, Name))
    return &Target;
  // Every base up to the root, nearest first.
  std::vector<const Model *> Queue(Target.Bases.begin(), Target.Bases.end());
  std::set<const Model *> Seen{&Target};
  for (size_t I = 0; I < Queue.size(); ++I) {
    const Model *M = Queue[I];
    if (!Seen.insert(M).second)
      continue;
    if (mapsName(*M, Name))
      return M;
    Queue.insert(Queue.end(), M->Bases.begin(), M->Bases.end());
  }
  // Every subclass, at any depth (self_and_descendants); not siblings.
  std::vector<const Model *> Stack(Target.Subclasses.rbegin(),
                                   Target.Subclasses.rend());
  while (!Stack.empty()) {
    const Model *M = Stack.back();
    Stack.pop_back();
    if (!Seen.insert(M).second)
      continue;
    if (mapsName(*M, Name))
      return M;
    Stack.insert(Stack.end(), M->Subclasses.rbegin(), M->Subclasses.rend());
  }
  return nullptr;
}

static bool hasCallTo(const PyExpr &E, std::string_view Callee) {
  if (E.is(K::Call) && calleeName(E) == Callee)
    return true;
  for (const PyExpr &C : E.Children)
    if (hasCallTo(C, Callee))
      return true;
  return false;
}

bool hasRemoteMarks(const PyExpr &E) { return hasCallTo(E, "remote"); }
bool hasForeignMarks(const PyExpr &E) { return hasCallTo(E, "foreign"); }

std::string pyStringLiteral(std::string_view Content) {
  std::string S(Content);
  if (S.find('"') == std::string::npos)
    return "\"" + S + "\"";
  if (S.find('\'') == std::string::npos)
    return "'" + S + "'";
  std::string Out = "\"";
  for (char C : S) {
    if (C == '"' || C == '\\')
      Out += '\\';
    Out += C;
  }
  return Out + "\"";
}

namespace {

class ExplicitArgsWriter {
public:
  ExplicitArgsWriter(const ExplicitArgsInput &In, Relationship &G)
      : In(In), R(*In.Declaring), G(G), Moved(G.Owner != In.Declaring->Owner) {}

  void write() {
    auto &Out = G.ExplicitArgs;
    Out.clear();
    Out.emplace_back("", pyStringLiteral(In.TargetSpelling));
    // §6.1: secondary = A's table reference (a global name or a string).
    if (!R.Secondary.empty())
      if (const ArgFact *S = R.arg("secondary"))
        Out.emplace_back("secondary", In.Loc->text(*S));
    Out.emplace_back("back_populates", pyStringLiteral(R.Attribute));

    if (!R.Secondary.empty()) {
      // M2M: swapped; a join A left to inference is omitted (§6.1).
      if (const ArgFact *K = option("primaryjoin"))
        add("primaryjoin", *K);
      else if (const ArgFact *A = R.arg("secondaryjoin"))
        add("primaryjoin", *A);
      if (const ArgFact *K = option("secondaryjoin"))
        add("secondaryjoin", *K);
      else if (const ArgFact *A = R.arg("primaryjoin"))
        add("secondaryjoin", *A);
    } else {
      if (const ArgFact *K = option("primaryjoin")) {
        add("primaryjoin", *K);
      } else if (const ArgFact *A = R.arg("primaryjoin")) {
        if (In.MirroredJoin)
          Out.emplace_back("primaryjoin", mirroredText(*A, *In.MirroredJoin));
        else
          add("primaryjoin", *A);
      }
    }
    for (const char *Kw : {"foreign_keys", "viewonly", "post_update",
                           "passive_updates", "sync_backref"}) {
      if (const ArgFact *K = option(Kw))
        add(Kw, *K);
      else if (const ArgFact *A = R.arg(Kw))
        add(Kw, *A);
    }
    // Every other key of K, verbatim, in written order.
    static const std::set<std::string> Handled = {
        "primaryjoin", "secondaryjoin",   "foreign_keys", "viewonly",
        "post_update", "passive_updates", "sync_backref", "back_populates",
        "secondary",   "argument",        "backref"};
    for (const ArgFact *O : In.Options)
      if (!Handled.count(O->Keyword))
        add(O->Keyword, *O);
  }

  /// Why a bare name could not be moved into a string; "" if none.
  const std::string &unqualifiable() const { return Unqualifiable; }

private:
  const ArgFact *option(std::string_view Kw) const {
    for (const ArgFact *O : In.Options)
      if (O->Keyword == Kw)
        return O;
    return nullptr;
  }

  void add(const std::string &Kw, const ArgFact &A) {
    G.ExplicitArgs.emplace_back(Kw, valueText(A));
  }

  /// Makes E mean in a string, evaluated by the class registry, what it
  /// meant in P's class body: bare names of the body become P.name, and
  /// Class.__table__.c.x (AttributeError in a string) becomes table.c.x.
  /// True if anything changed.
  bool qualify(PyExpr &E, bool CalleePosition = false) const {
    bool Changed = false;
    if (E.is(K::Attribute) && In.ScopeResolver) {
      std::string Dotted = dottedName(E);
      if (Dotted.find(".__table__.") != std::string::npos)
        if (std::optional<ColumnRef> Ref = In.ScopeResolver(Dotted)) {
          unsigned Begin = E.Begin;
          unsigned End = E.End;
          E = tableColumnPyExpr(Ref->Table, Ref->Column);
          E.Begin = Begin;
          E.End = End;
          return true;
        }
    }
    if (E.is(K::Name) && !CalleePosition && In.ScopeResolver &&
        In.ScopeResolver(E.Text)) {
      noteUnmodeled(E.Text);
      PyExpr Owner;
      Owner.K = K::Name;
      Owner.Text = In.TargetSpelling;
      PyExpr Attr;
      Attr.K = K::Attribute;
      Attr.Text = E.Text;
      Attr.Begin = E.Begin;
      Attr.End = E.End;
      Attr.Children.push_back(std::move(Owner));
      E = std::move(Attr);
      return true;
    }
    for (size_t I = 0; I < E.Children.size(); ++I) {
      // The callee of a call (and_, remote, foreign) is not a column; nor
      // is the object of an attribute that is itself a qualified chain.
      bool Callee = E.is(K::Call) && I == 0;
      Changed |= qualify(E.Children[I], Callee);
    }
    return Changed;
  }

  /// A string evaluates P.name among the mapped attributes, where
  /// __mapper_args__ may have renamed or dropped the body's column.
  void noteUnmodeled(const std::string &Name) const {
    if (!R.Owner || !Unqualifiable.empty())
      return;
    AttributeLookup L = R.Owner->lookup(Name);
    if (L.K == AttributeLookup::Kind::Unmodeled && L.DeclaredOn)
      Unqualifiable = "'" + Name + "' of the class body of '" +
                      R.Owner->QualifiedName +
                      "' would be named in a string, where what it maps is " +
                      L.decidedBy();
  }

  /// §6.1 step 3: bare names were evaluated in P's class body; moved into
  /// T's class they must become strings such as "P.id".
  std::string valueText(const ArgFact &A) const {
    if (!Moved && !A.Value.is(K::String)) {
      // Kept bare here, but the fix writes them as strings all the same
      // (qualifyArgs): the same caveat applies.
      PyExpr Probe = A.Value;
      qualify(Probe);
    }
    if (!Moved || A.Value.is(K::String))
      return In.Loc->text(A);
    PyExpr Q = A.Value;
    if (!qualify(Q))
      return In.Loc->text(A);
    if ((Q.is(K::List) || Q.is(K::Tuple)) && Q.Children.size() == 1)
      return pyStringLiteral(renderPy(Q.Children[0]));
    return pyStringLiteral(renderPy(Q));
  }

  std::string mirroredText(const ArgFact &Original,
                           const PyExpr &Mirrored) const {
    PyExpr M = Mirrored;
    bool WasString = Original.Value.is(K::String);
    if (Moved && !WasString)
      qualify(M);
    if (WasString || Moved)
      return pyStringLiteral(renderPy(M));
    return renderPy(M);
  }

  const ExplicitArgsInput &In;
  const Relationship &R;
  Relationship &G;
  bool Moved;
  mutable std::string Unqualifiable; ///< Set by qualify (const).
};

} // namespace

void buildExplicitArgs(const ExplicitArgsInput &In, Relationship &Out) {
  ExplicitArgsWriter Writer(In, Out);
  Writer.write();
  const Relationship &R = *In.Declaring;
  if (!R.NotModeled.empty() || !Out.NotModeled.empty()) {
    Out.ExplicitArgsCaveat =
        R.NotModeled.empty() ? Out.NotModeled : R.NotModeled;
  } else if (Out.Dir == Direction::Unknown) {
    Out.ExplicitArgsCaveat = "SQLAlchemy cannot determine the join condition "
                             "of the generated side '" +
                             Out.displayName() + "'";
  } else if ((Out.Dir == Direction::OneToMany ||
              Out.Dir == Direction::ManyToOne) &&
             Out.Dir == R.Dir) {
    Out.ExplicitArgsCaveat =
        std::string("both '") + R.displayName() + "' and the generated '" +
        Out.displayName() + "' are " + directionName(Out.Dir) +
        ": SQLAlchemy refuses the pair (E5); the many-to-one side needs "
        "remote_side, which is not a refactoring";
  } else if (!Writer.unqualifiable().empty()) {
    Out.ExplicitArgsCaveat = Writer.unqualifiable();
  }
}

} // namespace relcheck
