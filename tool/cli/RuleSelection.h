//===- RuleSelection.h - forwarding header ----------------------*- C++ -*-===//
// Rule selection moved to lib/config (the configuration's Rules key uses it
// too); kept so code including "RuleSelection.h" from tool/cli still builds.
#pragma once

#include "config/RuleSelection.h"
