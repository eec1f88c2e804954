//===- ProgressLine.cpp ---------------------------------------------------===//
#include "ProgressLine.h"

#include "emit/Plural.h"

#include "llvm/Support/raw_ostream.h"

namespace relcheck {

void ProgressLine::tuDone(unsigned NewModels, bool WasCached) {
  if (!Enabled)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  ++Done;
  Models += NewModels;
  Cached += WasCached;
  print(Done == Total);
}

void ProgressLine::print(bool Force) {
  auto Now = std::chrono::steady_clock::now();
  if (!Force && Printed && Now - Last < std::chrono::milliseconds(100))
    return;
  Last = Now;
  Printed = true;
  // Findings exist only once every TU is merged: the line counts models.
  llvm::errs() << "\r" << text(Done, Total, Models, Cached) << "\x1b[K";
  llvm::errs().flush();
}

std::string ProgressLine::text(unsigned Done, unsigned Total, unsigned Models,
                               unsigned Cached) {
  return "relcheck: [" + std::to_string(Done) + "/" + std::to_string(Total) +
         "] TUs, " + countOf(Models, "model declaration") + ", " +
         std::to_string(Cached) + " from cache";
}

void ProgressLine::finish() {
  if (!Enabled)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  if (Printed)
    llvm::errs() << "\r\x1b[K";
  llvm::errs().flush();
  Printed = false;
  Enabled = false;
}

} // namespace relcheck
