//===- CompileFlags.cpp ---------------------------------------------------===//
//
// Both the remover and the unknown-flag filter read the command through the
// driver's own option table, as clangd's ArgStripper and CommandMangler do:
// only the table knows that "-I foo" is one flag with its value, that
// "--include-directory=foo" is the same flag, and which flags do not exist.
//
//===----------------------------------------------------------------------===//
#include "CompileFlags.h"

#include "clang/Driver/Driver.h"
#include "clang/Driver/Options.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"

#include <algorithm>

namespace relcheck {
namespace {

namespace options = clang::driver::options;

/// One argument as the driver parses it: Args[Begin, End), the flag and the
/// values it takes.
struct ParsedArg {
  size_t Begin = 0, End = 0;
  unsigned OptionId = 0; ///< Unaliased.
  std::string Spelling;
};

llvm::opt::Visibility visibilityFor(const std::vector<const char *> &Argv) {
  bool IsCl = clang::driver::IsClangCL(clang::driver::getDriverMode(
      Argv.empty() ? "" : Argv[0], llvm::ArrayRef(Argv).drop_front()));
  return llvm::opt::Visibility(IsCl ? options::CLOption : options::ClangOption);
}

/// The arguments after argv[0] (FirstIndex = 1), or all of Args.
std::vector<ParsedArg> parseArguments(const std::vector<std::string> &Args,
                                      size_t FirstIndex) {
  std::vector<const char *> Argv;
  for (const std::string &A : Args)
    Argv.push_back(A.c_str());
  if (Argv.size() <= FirstIndex)
    return {};
  unsigned MissingIndex = 0, MissingCount = 0; // A flag cut short: kept.
  llvm::opt::InputArgList List = clang::driver::getDriverOptTable().ParseArgs(
      llvm::ArrayRef(Argv).drop_front(FirstIndex), MissingIndex, MissingCount,
      visibilityFor(Argv));
  std::vector<ParsedArg> Parsed;
  for (const llvm::opt::Arg *A : List) {
    ParsedArg P;
    P.Begin = A->getIndex() + FirstIndex;
    P.OptionId = A->getOption().getUnaliasedOption().getID();
    P.Spelling = A->getSpelling().str();
    if (!Parsed.empty())
      Parsed.back().End = P.Begin;
    Parsed.push_back(std::move(P));
  }
  if (!Parsed.empty())
    Parsed.back().End = Args.size();
  return Parsed;
}

/// Inputs and "--" (with the inputs after it) are the TU itself.
bool isProtected(const ParsedArg &A) {
  return A.OptionId == options::OPT_INPUT ||
         A.OptionId == options::OPT__DASH_DASH;
}

/// Erases the arguments Doomed selects, keeping the order of the rest.
template <typename Fn>
void eraseArguments(std::vector<std::string> &Args,
                    const std::vector<ParsedArg> &Parsed, Fn &&Doomed) {
  std::vector<bool> Erase(Args.size(), false);
  for (const ParsedArg &A : Parsed)
    if (!isProtected(A) && Doomed(A, Args))
      std::fill(Erase.begin() + A.Begin, Erase.begin() + A.End, true);
  size_t Out = 0;
  for (size_t I = 0; I < Args.size(); ++I) {
    if (Erase[I])
      continue;
    if (Out != I) // A self-move would empty the string.
      Args[Out] = std::move(Args[I]);
    ++Out;
  }
  Args.resize(Out);
}

} // namespace

ArgumentRemover::ArgumentRemover(std::vector<std::string> Texts) {
  for (std::string &Text : Texts) {
    Pattern P;
    if (llvm::StringRef(Text).ends_with("*")) {
      P.Prefix = true;
      Text.pop_back();
    } else {
      // "-I" alone is a flag missing its value: parse it with one, and it
      // is a known flag when what it spells is exactly the pattern.
      std::vector<ParsedArg> Parsed = parseArguments({Text, "value"}, 0);
      if (!Parsed.empty() && Parsed.front().Spelling == Text &&
          Parsed.front().OptionId != options::OPT_UNKNOWN &&
          !isProtected(Parsed.front()))
        P.OptionId = Parsed.front().OptionId;
    }
    P.Text = std::move(Text);
    Patterns.push_back(std::move(P));
  }
}

void ArgumentRemover::apply(std::vector<std::string> &Args) const {
  if (Patterns.empty())
    return;
  eraseArguments(Args, parseArguments(Args, 1),
                 [&](const ParsedArg &A, const std::vector<std::string> &All) {
                   const std::string &First = All[A.Begin];
                   for (const Pattern &P : Patterns) {
                     if (P.Prefix ? llvm::StringRef(First).starts_with(P.Text)
                         : P.OptionId ? A.OptionId == P.OptionId
                                      : First == P.Text)
                       return true;
                   }
                   return false;
                 });
}

void dropUnknownArguments(std::vector<std::string> &Args,
                          std::set<std::string> &Dropped) {
  eraseArguments(Args, parseArguments(Args, 1),
                 [&](const ParsedArg &A, const std::vector<std::string> &All) {
                   if (A.OptionId != options::OPT_UNKNOWN)
                     return false;
                   Dropped.insert(All[A.Begin]);
                   return true;
                 });
}

void addArguments(std::vector<std::string> &Args,
                  const std::vector<std::string> &Add) {
  auto DashDash = std::find(Args.begin(), Args.end(), "--");
  Args.insert(DashDash, Add.begin(), Add.end());
}

} // namespace relcheck
