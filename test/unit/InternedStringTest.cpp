#include "facts/InternedString.h"
#include "facts/SourceSpan.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace relcheck;

namespace {

TEST(InternedString, EqualTextsShareOneCopy) {
  std::string Built = std::string("/src/") + "user.hpp";
  InternedString A("/src/user.hpp");
  InternedString B(Built);
  EXPECT_EQ(&A.str(), &B.str());
  EXPECT_TRUE(A == B);
  EXPECT_FALSE(A != B);
  EXPECT_TRUE(A == std::string("/src/user.hpp"));
  EXPECT_TRUE(A == "/src/user.hpp");
  EXPECT_TRUE(A != "/src/address.hpp");
  EXPECT_EQ(A + ":3", "/src/user.hpp:3");
}

TEST(InternedString, DefaultIsTheEmptyString) {
  InternedString Empty;
  EXPECT_TRUE(Empty.empty());
  EXPECT_EQ(Empty, InternedString(""));
  EXPECT_EQ(Empty.str(), "");
}

// Determinism: the order must not depend on which string was seen first.
TEST(InternedString, OrdersByTextNotByAddress) {
  InternedString Z("/zz/last-interned-first.hpp");
  InternedString A("/aa/first-interned-last.hpp");
  EXPECT_TRUE(A < Z);
  EXPECT_FALSE(Z < A);
  EXPECT_FALSE(A < A);
  std::set<InternedString> Sorted{Z, A};
  EXPECT_EQ(Sorted.begin()->str(), "/aa/first-interned-last.hpp");

  SourceSpan InA, InZ;
  InA.File = A;
  InZ.File = Z;
  EXPECT_TRUE(InA < InZ);
}

TEST(InternedString, ThreadsInterningTheSameTextsAgree) {
  constexpr int Threads = 4, Texts = 500;
  std::vector<std::vector<const std::string *>> Seen(Threads);
  std::vector<std::thread> Workers;
  for (int T = 0; T < Threads; ++T)
    Workers.emplace_back([T, &Seen] {
      for (int I = 0; I < Texts; ++I)
        Seen[T].push_back(
            &InternedString("/threads/" + std::to_string(I) + ".hpp").str());
    });
  for (std::thread &W : Workers)
    W.join();
  for (int T = 1; T < Threads; ++T)
    EXPECT_EQ(Seen[T], Seen[0]);
  for (int I = 0; I < Texts; ++I)
    EXPECT_EQ(*Seen[0][I], "/threads/" + std::to_string(I) + ".hpp");
}

} // namespace
