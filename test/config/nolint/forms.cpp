// Every NOLINT spelling clang-tidy 19 accepts, and some it does not: the
// CLI must agree with clang-tidy + plugin on each line.
#include <relcheck/orm.hpp>
#include <vector>
struct A; struct B; struct C; struct D; struct E; struct F; struct G; struct H;
struct ORM_MODEL("u") U {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("A", backref="u") std::vector<A*> as; // NOLINT()
  ORM_RELATIONSHIP("B", backref="u") std::vector<B*> bs; // NOLINT (relcheck-x)
  ORM_RELATIONSHIP("C", backref="u") std::vector<C*> cs; // NOLINTfoo
  ORM_RELATIONSHIP("D", backref="u") std::vector<D*> ds; /* NOLINT_ */
  ORM_RELATIONSHIP("E", backref="u") std::vector<E*> es; // NOLINT(relcheck-legacy-backref
  ORM_RELATIONSHIP("F", backref="u") std::vector<F*> fs; // nolint
  // NOLINTNEXTLINE(*-legacy-*, -relcheck-legacy-backref)
  ORM_RELATIONSHIP("G", backref="u") std::vector<G*> gs;
  /* NOLINTNEXTLINE(relcheck-legacy-backref) */ ORM_RELATIONSHIP("H", backref="u") std::vector<H*> hs;
};
struct ORM_MODEL("a") A { ORM_COLUMN(Integer, primary_key=True) int id; ORM_COLUMN(Integer, ForeignKey("u.id")) int u_id; };
struct ORM_MODEL("b") B { ORM_COLUMN(Integer, primary_key=True) int id; ORM_COLUMN(Integer, ForeignKey("u.id")) int u_id; };
struct ORM_MODEL("c") C { ORM_COLUMN(Integer, primary_key=True) int id; ORM_COLUMN(Integer, ForeignKey("u.id")) int u_id; };
struct ORM_MODEL("d") D { ORM_COLUMN(Integer, primary_key=True) int id; ORM_COLUMN(Integer, ForeignKey("u.id")) int u_id; };
struct ORM_MODEL("e") E { ORM_COLUMN(Integer, primary_key=True) int id; ORM_COLUMN(Integer, ForeignKey("u.id")) int u_id; };
struct ORM_MODEL("f") F { ORM_COLUMN(Integer, primary_key=True) int id; ORM_COLUMN(Integer, ForeignKey("u.id")) int u_id; };
struct ORM_MODEL("g") G { ORM_COLUMN(Integer, primary_key=True) int id; ORM_COLUMN(Integer, ForeignKey("u.id")) int u_id; };
struct ORM_MODEL("h") H { ORM_COLUMN(Integer, primary_key=True) int id; ORM_COLUMN(Integer, ForeignKey("u.id")) int u_id; };
