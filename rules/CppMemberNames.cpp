//===- CppMemberNames.cpp -------------------------------------------------===//
#include "rules/CppMemberNames.h"

#include <algorithm>
#include <iterator>

namespace relcheck {
namespace {

// C++20's keywords and alternative tokens ([lex.key], [lex.digraph]):
// a C++17 project may still be compiled as C++20 later.
constexpr std::string_view Keywords[] = {
    "alignas",
    "alignof",
    "and",
    "and_eq",
    "asm",
    "auto",
    "bitand",
    "bitor",
    "bool",
    "break",
    "case",
    "catch",
    "char",
    "char8_t",
    "char16_t",
    "char32_t",
    "class",
    "compl",
    "concept",
    "const",
    "consteval",
    "constexpr",
    "constinit",
    "const_cast",
    "continue",
    "co_await",
    "co_return",
    "co_yield",
    "decltype",
    "default",
    "delete",
    "do",
    "double",
    "dynamic_cast",
    "else",
    "enum",
    "explicit",
    "export",
    "extern",
    "false",
    "float",
    "for",
    "friend",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "mutable",
    "namespace",
    "new",
    "noexcept",
    "not",
    "not_eq",
    "nullptr",
    "operator",
    "or",
    "or_eq",
    "private",
    "protected",
    "public",
    "register",
    "reinterpret_cast",
    "requires",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "static_assert",
    "static_cast",
    "struct",
    "switch",
    "template",
    "this",
    "thread_local",
    "throw",
    "true",
    "try",
    "typedef",
    "typeid",
    "typename",
    "union",
    "unsigned",
    "using",
    "virtual",
    "void",
    "volatile",
    "wchar_t",
    "while",
    "xor",
    "xor_eq",
    // Not keywords, but macros every C++ program may see: a member named so
    // would not compile.
    "errno",
    "NULL",
    "EOF",
    "assert",
    "offsetof",
};

bool isIdentStart(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_';
}

bool isIdentChar(char C) { return isIdentStart(C) || (C >= '0' && C <= '9'); }

} // namespace

bool isValidCppMemberName(std::string_view Name) {
  if (Name.empty() || !isIdentStart(Name.front()) ||
      !std::all_of(Name.begin(), Name.end(), isIdentChar))
    return false;
  if (Name.find("__") != std::string_view::npos ||
      (Name.size() > 1 && Name[0] == '_' && Name[1] >= 'A' && Name[1] <= 'Z'))
    return false;
  return std::find(std::begin(Keywords), std::end(Keywords), Name) ==
         std::end(Keywords);
}

std::string
cppMemberNameFor(std::string_view Key,
                 const std::function<bool(const std::string &)> &IsTaken) {
  std::string Name;
  for (char C : Key) {
    char Out = isIdentChar(C) ? C : '_';
    if (Out == '_' && !Name.empty() && Name.back() == '_')
      continue; // No "__": reserved.
    Name += Out;
  }
  if (Name.empty() || !isIdentStart(Name.front()))
    Name.insert(Name.begin(), '_');
  if (Name.size() > 1 && Name[0] == '_' && Name[1] >= 'A' && Name[1] <= 'Z')
    Name.insert(Name.begin(), 'm'); // "_X" is reserved; "m_X" is not.
  while (!isValidCppMemberName(Name) || IsTaken(Name))
    Name += Name.back() == '_' ? "1" : "_";
  return Name;
}

std::string cppMemberNameIn(const ModelFact *Into, const std::string &Key) {
  auto Taken = [&](const std::string &Name) {
    if (!Into || Name == Key)
      return false;
    auto CppName = [](const auto &Fact) -> const std::string & {
      return Fact.MemberName.empty() ? Fact.Attribute : Fact.MemberName;
    };
    for (const ColumnFact &C : Into->Columns)
      if (CppName(C) == Name)
        return true;
    for (const RelationshipFact &R : Into->Relationships)
      if (CppName(R) == Name)
        return true;
    for (const PlainMemberFact &P : Into->PlainMembers)
      if (P.Name == Name)
        return true;
    return false;
  };
  return cppMemberNameFor(Key, Taken);
}

} // namespace relcheck
