//===- StandardHeaders.h - headers of the templates fixes write -*- C++ -*-===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace relcheck {

/// The standard headers a fix's member type can need, spelled "<vector>".
const std::vector<std::string> &fixableStandardHeaders();

/// The standard header that declares the class template \p Name
/// ("std::vector", "::std::vector" or "vector"), or "" when none of
/// fixableStandardHeaders() does.
std::string standardHeaderFor(std::string_view Name);

} // namespace relcheck
