// Unmatched NOLINTBEGIN/NOLINTEND: errors at the 'N' of each unmatched word,
// reported once a warning in the file consults the blocks (clang-tidy's
// rule). An END whose check list differs from the open BEGIN's closes
// nothing; a block left open suppresses nothing.
#include <relcheck/orm.hpp>
#include <vector>
struct A; struct B; struct C;
struct ORM_MODEL("u") U { ORM_COLUMN(Integer, primary_key=True) int id;
  // NOLINTBEGIN(relcheck-legacy-backref)
  ORM_RELATIONSHIP("A", backref="u") std::vector<A*> as;
  // NOLINTBEGIN(relcheck-*)
  ORM_RELATIONSHIP("B", backref="u") std::vector<B*> bs;
  // NOLINTEND(relcheck-*)
  ORM_RELATIONSHIP("C", backref="u") std::vector<C*> cs; // NOLINT(relcheck-legacy-backref)
  int x;
  int y;
  ORM_COLUMN(Integer) int z;
  int w;
  // NOLINTEND(relcheck-legacy-backref ,  relcheck-x)
};
struct ORM_MODEL("a") A { ORM_COLUMN(Integer, primary_key=True) int id; ORM_COLUMN(Integer, ForeignKey("u.id")) int u_id; };
struct ORM_MODEL("b") B { ORM_COLUMN(Integer, primary_key=True) int id; ORM_COLUMN(Integer, ForeignKey("u.id")) int u_id; };
// NOLINTEND
struct ORM_MODEL("c") C { ORM_COLUMN(Integer, primary_key=True) int id; ORM_COLUMN(Integer, ForeignKey("u.id")) int u_id; };
