//===- RelcheckTidyModule.cpp - the clang-tidy plugin entry point ---------===//
//
// `clang-tidy-19 --load=relcheck-tidy.so -checks='-*,relcheck-*'` registers
// one check per relcheck rule (every rule in allRules(), under its id). See
// docs/editor.md.
//
//===----------------------------------------------------------------------===//
#include "HostVersion.h"
#include "RuleCheck.h"
#include "TuAnalysisCache.h"

#include "rules/Registry.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

namespace relcheck::tidy {
namespace {

class RelcheckTidyModule : public clang::tidy::ClangTidyModule {
public:
  void
  addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    std::string Mismatch = hostVersionMismatch();
    if (!Mismatch.empty()) {
      // Register nothing: touching the factories of another clang-tidy
      // version is undefined behaviour. clang-tidy may ask more than once.
      static bool Reported = false;
      if (!Reported)
        llvm::errs() << Mismatch << "\n";
      Reported = true;
      return;
    }
    // One cache per factory set: shared by the checks of each TU, not a
    // process-wide global.
    auto Cache = std::make_shared<TuAnalysisCache>();
    for (const Rule *R : allRules())
      Factories.registerCheckFactory(
          R->info().Id, [R, Cache](llvm::StringRef Name,
                                   clang::tidy::ClangTidyContext *Context) {
            return std::make_unique<RuleCheck>(Name, Context, *R, Cache);
          });
  }
};

} // namespace
} // namespace relcheck::tidy

namespace clang::tidy {

// Registration happens when the host dlopen()s the module.
static ClangTidyModuleRegistry::Add<relcheck::tidy::RelcheckTidyModule>
    RelcheckModule("relcheck-module",
                   "relcheck: SQLAlchemy-style ORM relationship checks.");

// Lets a static build force-link the module (clang-tidy's anchor idiom).
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int RelcheckModuleAnchorSource = 0;

} // namespace clang::tidy
