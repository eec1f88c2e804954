//===- StandardHeaders.cpp ------------------------------------------------===//
#include "facts/StandardHeaders.h"

#include <algorithm>
#include <utility>

namespace relcheck {
namespace {

/// Template name -> header, for the class templates fixes write (the ones
/// MemberTypeClassifier knows as scalar or collection holders).
const std::vector<std::pair<std::string_view, std::string>> &templateHeaders() {
  static const std::vector<std::pair<std::string_view, std::string>> Table = {
      {"vector", "<vector>"},
      {"list", "<list>"},
      {"deque", "<deque>"},
      {"set", "<set>"},
      {"multiset", "<set>"},
      {"unordered_set", "<unordered_set>"},
      {"unordered_multiset", "<unordered_set>"},
      {"map", "<map>"},
      {"multimap", "<map>"},
      {"unordered_map", "<unordered_map>"},
      {"shared_ptr", "<memory>"},
      {"unique_ptr", "<memory>"},
      {"weak_ptr", "<memory>"},
      {"optional", "<optional>"},
      {"string", "<string>"}, // The key of a mapped collection.
  };
  return Table;
}

bool consumeFront(std::string_view &S, std::string_view Prefix) {
  if (S.substr(0, Prefix.size()) != Prefix)
    return false;
  S.remove_prefix(Prefix.size());
  return true;
}

} // namespace

const std::vector<std::string> &fixableStandardHeaders() {
  static const std::vector<std::string> Headers = [] {
    std::vector<std::string> Out;
    for (const auto &Entry : templateHeaders())
      if (std::find(Out.begin(), Out.end(), Entry.second) == Out.end())
        Out.push_back(Entry.second);
    return Out;
  }();
  return Headers;
}

std::string standardHeaderFor(std::string_view Name) {
  consumeFront(Name, "::");
  if (!consumeFront(Name, "std::") && Name.find(':') != std::string_view::npos)
    return "";
  for (const auto &[Template, Header] : templateHeaders())
    if (Name == Template)
      return Header;
  return "";
}

} // namespace relcheck
