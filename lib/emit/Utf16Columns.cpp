//===- Utf16Columns.cpp ---------------------------------------------------===//
#include "emit/Utf16Columns.h"

#include "llvm/Support/ConvertUTF.h"

namespace relcheck {

unsigned utf8CharLength(std::string_view Text) {
  if (Text.empty())
    return 0;
  const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Text.data());
  unsigned Length = llvm::getNumBytesForUTF8(*Begin);
  if (Length > 1 && (Length > Text.size() ||
                     !llvm::isLegalUTF8Sequence(Begin, Begin + Length)))
    return 1;
  return Length;
}

} // namespace relcheck
