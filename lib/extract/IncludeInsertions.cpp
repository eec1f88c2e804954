//===- IncludeInsertions.cpp ----------------------------------------------===//
#include "extract/IncludeInsertions.h"

#include "facts/StandardHeaders.h"

#include "clang/Format/Format.h"
#include "clang/Tooling/Inclusions/HeaderIncludes.h"
#include "llvm/Support/Error.h"

namespace relcheck {

std::vector<IncludeInsertionFact> includeInsertions(const std::string &Path,
                                                    llvm::StringRef Code) {
  clang::tooling::IncludeStyle Style =
      clang::format::getLLVMStyle().IncludeStyle;
  llvm::Expected<clang::format::FormatStyle> Format =
      clang::format::getStyle("file", Path, "LLVM", Code);
  if (Format)
    Style = Format->IncludeStyle;
  else
    llvm::consumeError(Format.takeError()); // A bad .clang-format: LLVM's.
  clang::tooling::HeaderIncludes Includes(Path, Code, Style);
  std::vector<IncludeInsertionFact> Out;
  for (const std::string &Header : fixableStandardHeaders()) {
    std::optional<clang::tooling::Replacement> Edit = Includes.insert(
        llvm::StringRef(Header).drop_front().drop_back(),
        /*IsAngled=*/true, clang::tooling::IncludeDirective::Include);
    if (!Edit)
      continue;
    IncludeInsertionFact Fact;
    Fact.File = Path;
    Fact.Header = Header;
    Fact.Offset = Edit->getOffset();
    Fact.Text = Edit->getReplacementText().str();
    Out.push_back(std::move(Fact));
  }
  return Out;
}

} // namespace relcheck
