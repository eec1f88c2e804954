//===- GraphBuilderSupport.cpp --------------------------------------------===//
//
// Helpers more than one build step uses (GraphBuilderSupport.h).
//
//===----------------------------------------------------------------------===//
#include "graph/GraphBuilder.h"

#include "graph/BackrefGeneration.h"
#include "graph/GraphBuilderSupport.h"
#include "graph/JoinInference.h"
#include "graph/MapperArguments.h"
#include "graph/NameResolution.h"
#include "graph/RefusalCases.h"
#include "graph/TableArguments.h"
#include "graph/Vocabulary.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <tuple>

namespace relcheck {

using K = PyExpr::Kind;

bool spanLess(const SourceSpan &A, const SourceSpan &B) { return A < B; }

std::vector<std::string> tableNames(const ModelGraph &G) {
  std::vector<std::string> Names;
  for (const auto &T : G.tables())
    Names.push_back(T->Name);
  return Names;
}

/// What the class body raises for ForeignKey(Name) when Name is no column
/// assigned so far: Python's builtins are still visible there (a column
/// named id or type is common), anything else is a NameError.
std::string pythonNameFailure(const std::string &Name) {
  static const std::set<std::string> Functions = {
      "abs",     "all",     "any",     "ascii",      "bin",        "callable",
      "chr",     "compile", "delattr", "dir",        "divmod",     "eval",
      "exec",    "format",  "getattr", "globals",    "hasattr",    "hash",
      "hex",     "id",      "input",   "isinstance", "issubclass", "iter",
      "len",     "locals",  "max",     "min",        "next",       "oct",
      "open",    "ord",     "pow",     "print",      "repr",       "round",
      "setattr", "sorted",  "sum",     "vars"};
  static const std::set<std::string> Classes = {
      "bool",         "bytearray", "bytes",    "classmethod", "complex",
      "dict",         "enumerate", "filter",   "float",       "frozenset",
      "int",          "list",      "map",      "memoryview",  "object",
      "property",     "range",     "reversed", "set",         "slice",
      "staticmethod", "str",       "super",    "tuple",       "type",
      "zip"};
  std::string Got;
  if (Functions.count(Name))
    Got = "<built-in function " + Name + ">";
  else if (Classes.count(Name))
    Got = "<class '" + Name + "'>";
  else
    return "Python: NameError: name '" + Name + "' is not defined";
  return "SQLAlchemy: ArgumentError: String column name or Column object for "
         "DDL foreign key constraint expected, got " +
         Got + ".";
}

/// Parses a string argument's content (join conditions, remote_side="...").
std::optional<PyExpr> parseStringContent(const PyExpr &Str) {
  PyParseError Err;
  return parsePyExpression(Str.Text, Err);
}

} // namespace relcheck
