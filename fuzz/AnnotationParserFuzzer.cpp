//===- AnnotationParserFuzzer.cpp - libFuzzer: the Python argument parser -===//
//
// Macro arguments are attacker-controlled text (any header in a project):
// parsing must never crash, hang or read out of bounds, and what parses
// must render and parse back to the same structure.
//
//===----------------------------------------------------------------------===//
#include "annotations/PyExpr.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  relcheck::PyParseError Err;
  if (auto Args = relcheck::parsePyArguments(Text, Err)) {
    std::string Rendered = relcheck::renderPyArguments(*Args);
    relcheck::PyParseError Again;
    auto Reparsed = relcheck::parsePyArguments(Rendered, Again);
    if (!Reparsed || Reparsed->size() != Args->size())
      std::abort(); // render() must give parseable text.
  }
  relcheck::PyParseError ExprErr;
  (void)relcheck::parsePyExpression(Text, ExprErr);
  return 0;
}
