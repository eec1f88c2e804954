//===- CppMemberNames.h - C++ member names for mapped attributes -*- C++
//-*-===//
//
// A SQLAlchemy attribute key is any string (backref("namespace"),
// backref("my user")); a C++ member name is an identifier that is not a
// keyword. A fix that declares a relationship whose key is no valid member
// name writes ORM_KEY("<key>") with a member name derived from it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/Facts.h"

#include <functional>
#include <string>
#include <string_view>

namespace relcheck {

/// True when Name can be a data member's name: an identifier (ASCII), not
/// a C++ keyword or alternative token, not reserved (`__x`, `_X`).
bool isValidCppMemberName(std::string_view Name);

/// Key itself when it is a valid member name that IsTaken does not reject;
/// else a valid one derived from it ("namespace" -> "namespace_",
/// "my user" -> "my_user", "1st" -> "_1st"), with '_' appended until
/// IsTaken rejects it no more.
std::string
cppMemberNameFor(std::string_view Key,
                 const std::function<bool(const std::string &)> &IsTaken);

/// The member name a declaration of the attribute Key inserted into Into
/// gets: cppMemberNameFor(Key) avoiding the C++ names of Into's members
/// (mapped or plain). Into may be null.
std::string cppMemberNameIn(const ModelFact *Into, const std::string &Key);

} // namespace relcheck
