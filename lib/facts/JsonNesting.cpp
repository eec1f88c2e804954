//===- JsonNesting.cpp ----------------------------------------------------===//
#include "facts/JsonNesting.h"

namespace relcheck {

size_t jsonNestedTooDeep(std::string_view Text, unsigned Limit) {
  unsigned Depth = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
    } else if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > Limit)
        return I;
    } else if ((C == ']' || C == '}') && Depth > 0) {
      --Depth;
    }
  }
  return std::string_view::npos;
}

} // namespace relcheck
