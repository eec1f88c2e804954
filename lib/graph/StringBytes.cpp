//===- StringBytes.cpp - strings Python could not hold --------------------===//
//
// An annotation's strings are names (classes, tables, relationships) and
// SQL expressions. Python source is UTF-8 and a name with a NUL byte means
// nothing to SQLAlchemy; letting such bytes flow on made --fix write them
// into C++ code (issue 12, defects 4 and 10). Each string literal holding
// either is reported once, as an invalid annotation.
//
//===----------------------------------------------------------------------===//
#include "Vocabulary.h"

#include "ArgumentLocator.h"

#include "facts/ByteExactJson.h"

#include <vector>

namespace relcheck {

void checkStringBytes(const ArgumentLocator &Loc, const IssueContext &Ctx,
                      std::vector<GraphIssue> &Out) {
  for (const ArgFact &Arg : Loc.annotation().Args) {
    std::vector<const PyExpr *> Stack = {&Arg.Value};
    while (!Stack.empty()) {
      const PyExpr &E = *Stack.back();
      Stack.pop_back();
      for (const PyExpr &C : E.Children)
        Stack.push_back(&C);
      if (!E.is(PyExpr::Kind::String))
        continue;
      const char *Problem =
          !isValidUtf8(E.Text)
              ? "bytes that are not UTF-8 (Python source is UTF-8)"
          : E.Text.find('\0') != std::string::npos ? "a NUL byte"
                                                   : nullptr;
      if (!Problem)
        continue;
      GraphIssue I;
      SourceSpan Range = Loc.node(Arg, E);
      I.Range = Range.isValid() ? Range : Loc.annotation().MacroRange;
      I.Message = std::string("this string holds ") + Problem +
                  ": no name or SQL expression can hold it";
      I.ModelName = Ctx.ModelName;
      I.Attribute = Ctx.Attribute;
      Out.push_back(std::move(I));
    }
  }
}

} // namespace relcheck
