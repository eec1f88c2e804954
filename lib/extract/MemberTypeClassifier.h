//===- MemberTypeClassifier.h - how a member type holds its target -*- C++
//-*-===//
//
// A relationship member's C++ type names its target class and says whether
// it holds one object (T*, smart pointers, optional) or many (containers),
// which is what the graph needs for target deduction and uselist checks.
// Recognition is structural (element_type, value_type + begin(),
// mapped_type), so any standard library and look-alike containers work.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "extract/SourceSpanMapper.h"
#include "facts/Facts.h"

namespace clang {
class FieldDecl;
} // namespace clang

namespace relcheck {

/// Shape, element class and exact spelling of the field's declared type.
MemberTypeFact classifyMemberType(const clang::FieldDecl &Field,
                                  SourceSpanMapper &Mapper);

} // namespace relcheck
