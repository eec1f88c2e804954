// The annotation vocabulary as the briefing and docs/annotations.md show it.
// test/examples compiles this with g++ and clang++ under -std=c++11..c++20
// with -Wall -Wextra -pedantic -Werror: <relcheck/orm.hpp> must stay
// warning-free for its users on both compilers (attributes under Clang,
// nothing under g++).
#include <relcheck/orm.hpp>

#include <memory>
#include <string>
#include <vector>

struct Address;

struct ORM_MODEL("user") User {                       // __tablename__ = "user"
  ORM_COLUMN(Integer, primary_key=True) int id;        // column name = member name
  ORM_COLUMN(String(50)) std::string name;
  ORM_RELATIONSHIP("Address", backref=backref("user", lazy="joined"))
  std::vector<Address*> addresses;
};

struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String) std::string email;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};

ORM_TABLE(association_table,                           // a plain Table for secondary=
          Column("left_id", ForeignKey("left.id"), primary_key=True),
          Column("right_id", ForeignKey("right.id"), primary_key=True));

// The rest of the grammar: single quotes, bare names, lists, filtered joins,
// a keyword-only relationship whose member type names the target, a
// single-table subclass (ORM_MODEL() without arguments) and a namespace.
namespace inventory {

struct Right;

struct ORM_MODEL('left') Left {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey('left.id')) int parent_id;
  ORM_COLUMN(String(20)) std::string kind;
  ORM_RELATIONSHIP('Right', secondary=association_table,
                   back_populates='lefts', order_by='Right.id')
  std::vector<Right*> rights;
  ORM_RELATIONSHIP(back_populates="children", remote_side=[id]) Left* parent;
  ORM_RELATIONSHIP("Left", back_populates="parent",
                   primaryjoin="and_(Left.id == remote(foreign(Left.parent_id)), "
                               "Left.kind.in_(['a', 'b']))",
                   cascade="all, delete-orphan", uselist=True)
  std::vector<std::shared_ptr<Left>> children;
};

struct ORM_MODEL() SpecialLeft : Left {
  ORM_COLUMN(Integer) int extra;
};

struct ORM_MODEL("right") Right {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("inventory.Left", secondary="association_table",
                   back_populates="rights", viewonly=False)
  std::vector<Left*> lefts;
};

} // namespace inventory

int main() {
  User U;
  U.id = 1;
  inventory::SpecialLeft L;
  L.id = 2;
  L.extra = 3;
  return U.id + L.id + L.extra == 6 ? 0 : 1;
}
