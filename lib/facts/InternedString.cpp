//===- InternedString.cpp ------------------------------------------------===//
#include "facts/InternedString.h"

#include <mutex>
#include <unordered_set>

namespace relcheck {

const std::string InternedString::EmptyText;

namespace {

/// Never shrinks: a run names a bounded set of files and hashes, and every user
/// keeps a pointer into it. Nodes of an unordered_set do not move on rehash.
struct StringPool {
  std::mutex Lock;
  std::unordered_set<std::string> Strings;
};

StringPool &pool() {
  static StringPool *Pool = new StringPool(); // never destroyed: outlives
                                              // every static user
  return *Pool;
}

} // namespace

InternedString::InternedString(std::string_view Path) {
  if (Path.empty())
    return;
  // Consecutive spans almost always name the same file: skip the lock.
  thread_local const std::string *Last = nullptr;
  if (Last && *Last == Path) {
    Text = Last;
    return;
  }
  StringPool &P = pool();
  std::lock_guard<std::mutex> Guard(P.Lock);
  Text = &*P.Strings.emplace(Path).first;
  Last = Text;
}

} // namespace relcheck
