// relcheck annotation macros: declare ORM models in C++ with SQLAlchemy's
// declarative vocabulary. See docs/annotations.md for the full vocabulary.
//
//   struct ORM_MODEL("user") User {
//     ORM_COLUMN(Integer, primary_key=True) int id;
//     ORM_RELATIONSHIP("Address", back_populates="user")
//     std::vector<Address*> addresses;
//   };
//
// The macro arguments are Python call syntax and are never evaluated by the
// C++ compiler: under Clang they are stringized into an `annotate` attribute
// that relcheck reads; under other compilers the macros expand to nothing.
// Requires C++11 or later. Dependency-free; warning-free under
// -Wall -Wextra -pedantic.
#ifndef RELCHECK_ORM_HPP
#define RELCHECK_ORM_HPP

#define RELCHECK_ORM_VERSION 1

#if defined(__clang__) && !defined(RELCHECK_NO_ANNOTATIONS)

/// `struct ORM_MODEL("table") Name { ... };` -- `__tablename__ = "table"`.
#define ORM_MODEL(...) __attribute__((annotate("relcheck.model", #__VA_ARGS__)))

// Member annotations use the C++11 attribute syntax: a GNU attribute
// starts the member's declaration specifiers, so the member's declaration
// would begin inside this header's macro, and clangd's code actions that
// insert next to a member (add a constructor, special members) refuse a
// class whose members begin in another file ("Class body in wrong file").
// A leading [[...]] attribute is not part of the declaration's range.

/// `ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;` -- a Column();
/// the member name is the attribute (and default column) name.
#define ORM_COLUMN(...) [[clang::annotate("relcheck.column", #__VA_ARGS__)]]

/// `ORM_RELATIONSHIP("Address", back_populates="user") std::vector<Address*>
/// addresses;` -- exactly relationship()'s arguments.
#define ORM_RELATIONSHIP(...)                                                  \
  [[clang::annotate("relcheck.relationship", #__VA_ARGS__)]]

/// `ORM_TABLE(name, Column(...), ...);` -- a plain Table, e.g. for secondary=.
#define ORM_TABLE(Name, ...)                                                   \
  struct __attribute__((annotate("relcheck.table", #Name,                      \
                                 #__VA_ARGS__))) relcheck_table_##Name {}

#define ORM_KEY(...) [[clang::annotate("relcheck.key", #__VA_ARGS__)]]

#else

#define ORM_MODEL(...)
#define ORM_COLUMN(...)
#define ORM_RELATIONSHIP(...)
#define ORM_TABLE(Name, ...) static_assert(true, "relcheck table " #Name)
#define ORM_KEY(...)

#endif

#endif // RELCHECK_ORM_HPP
