//===- InternedString.h - a string stored once per process ------*- C++ -*-===//
//
// For file paths and content hashes, which a run repeats millions of times:
// facts name the same few hundred files in every source span (1.3 million
// spans at 10,000 models), and the fact cache lists the same headers and
// their hashes for every TU (400,000 pairs at 2,000 TUs). As a std::string
// each cost ~80 bytes and a heap allocation; interned it is one pointer,
// and equality is a pointer comparison. Ordering still compares the text,
// so everything sorted by path stays deterministic, whatever the order the
// strings were first seen in.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace relcheck {

class InternedString {
public:
  InternedString() = default; ///< The empty path.
  InternedString(std::string_view Path);
  InternedString(const std::string &Path)
      : InternedString(std::string_view(Path)) {}
  InternedString(const char *Path) : InternedString(std::string_view(Path)) {}

  const std::string &str() const { return *Text; }
  operator const std::string &() const { return *Text; }
  operator std::string_view() const { return *Text; }
  bool empty() const { return Text->empty(); }
  std::size_t size() const { return Text->size(); }
  // std::string's spelling, so that code written for either takes both.
  // NOLINTNEXTLINE(readability-identifier-naming)
  const char *c_str() const { return Text->c_str(); }

  friend bool operator==(InternedString A, InternedString B) {
    return A.Text == B.Text;
  }
  friend bool operator!=(InternedString A, InternedString B) {
    return A.Text != B.Text;
  }
  friend bool operator<(InternedString A, InternedString B) {
    return A.Text != B.Text && *A.Text < *B.Text;
  }
  friend bool operator==(InternedString A, const std::string &B) {
    return *A.Text == B;
  }
  friend bool operator==(const std::string &A, InternedString B) {
    return A == *B.Text;
  }
  friend bool operator!=(InternedString A, const std::string &B) {
    return *A.Text != B;
  }
  friend bool operator!=(const std::string &A, InternedString B) {
    return A != *B.Text;
  }
  friend bool operator==(InternedString A, const char *B) {
    return *A.Text == B;
  }
  friend bool operator==(const char *A, InternedString B) {
    return A == *B.Text;
  }
  friend bool operator!=(InternedString A, const char *B) {
    return *A.Text != B;
  }
  friend bool operator!=(const char *A, InternedString B) {
    return A != *B.Text;
  }
  friend std::ostream &operator<<(std::ostream &OS, InternedString P) {
    return OS << *P.Text;
  }
  friend std::string operator+(InternedString A, const std::string &B) {
    return *A.Text + B;
  }
  friend std::string operator+(const std::string &A, InternedString B) {
    return A + *B.Text;
  }
  friend std::string operator+(InternedString A, const char *B) {
    return *A.Text + B;
  }
  friend std::string operator+(const char *A, InternedString B) {
    return A + *B.Text;
  }

private:
  static const std::string EmptyText;
  const std::string *Text = &EmptyText;
};

} // namespace relcheck
