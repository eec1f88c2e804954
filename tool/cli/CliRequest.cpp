//===- CliRequest.cpp -----------------------------------------------------===//
#include "CliRequest.h"

#include "SpeedCommands.h"

namespace relcheck {

DriverRequest driverRequestFor(const CliOptions &Options) {
  DriverRequest Request;
  Request.Inputs.Sources = Options.Sources;
  Request.Inputs.BuildPath = Options.BuildPath;
  Request.Inputs.FixedDatabase = Options.FixedDatabase.get();
  Request.Inputs.ExtraArgs = Options.ExtraArgs;
  Request.Inputs.ExtraArgsBefore = Options.ExtraArgsBefore;
  Request.Inputs.RemoveArgs = Options.RemoveArgs;
  Request.Merge = Options.Merge;
  if (Options.Merge)
    Request.ShardFiles = Options.Sources;
  Request.Overrides = configOverrides(Options);
  Request.ConfigFile = Options.ConfigFile;
  // --dump-config <file>: that file's configuration.
  if (Options.DumpConfig && !Options.Sources.empty()) {
    Request.RunConfigPath = Options.Sources.front();
    Request.RunConfigIsDirectory = false;
  }
  Request.Analysis = speedOptionsFor(Options);
  Request.Analysis.SnapshotSources = Options.wantsFixes();
  Request.ReportUnusedSuppressions = Options.ReportUnusedSuppressions;
  Request.ExactFixesOnly = Options.FixExactOnly;
  return Request;
}

} // namespace relcheck
