//===- CliRequest.h - the command line as a driver request ------*- C++ -*-===//
#pragma once

#include "CliOptions.h"

#include "driver/Driver.h"

namespace relcheck {

/// What the command line asks of the driver: inputs, configuration
/// overrides, speed options, merge. The report and `relcheck graph` alike.
DriverRequest driverRequestFor(const CliOptions &Options);

} // namespace relcheck
