//===- ByteExactJson.cpp --------------------------------------------------===//
#include "ByteExactJson.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace relcheck {
namespace {

/// U+0001 then a word: valid UTF-8, and never at the start of a name.
constexpr std::string_view Marker = "\x01relcheck-bytes:";

bool needsEscape(std::string_view S) {
  return S.substr(0, Marker.size()) == Marker || !isValidUtf8(S);
}

std::string escape(std::string_view S) {
  static constexpr char Hex[] = "0123456789abcdef";
  std::string Out(Marker);
  for (unsigned char C : S) {
    Out += Hex[C >> 4];
    Out += Hex[C & 15];
  }
  return Out;
}

int hexDigit(char C) {
  if (C >= '0' && C <= '9')
    return C - '0';
  if (C >= 'a' && C <= 'f')
    return C - 'a' + 10;
  return -1;
}

std::string unescape(std::string_view S) {
  if (S.substr(0, Marker.size()) != Marker)
    return std::string(S);
  S.remove_prefix(Marker.size());
  if (S.size() % 2)
    throw std::invalid_argument("odd byte escape");
  std::string Out;
  for (size_t I = 0; I < S.size(); I += 2) {
    int Hi = hexDigit(S[I]), Lo = hexDigit(S[I + 1]);
    if (Hi < 0 || Lo < 0)
      throw std::invalid_argument("bad byte escape");
    Out += static_cast<char>(Hi * 16 + Lo);
  }
  return Out;
}

/// Applies \p Fix to every string and key, without recursion (a document
/// read from disk may nest deeply).
template <typename NeedsFn, typename FixFn>
void rewriteStrings(nlohmann::json &Root, NeedsFn Needs, FixFn Fix) {
  std::vector<nlohmann::json *> Stack = {&Root};
  while (!Stack.empty()) {
    nlohmann::json &J = *Stack.back();
    Stack.pop_back();
    if (J.is_string()) {
      std::string &S = J.get_ref<std::string &>();
      if (Needs(S))
        S = Fix(S);
    } else if (J.is_array()) {
      for (nlohmann::json &E : J)
        Stack.push_back(&E);
    } else if (J.is_object()) {
      bool KeysOk = true;
      for (auto It = J.begin(); It != J.end(); ++It)
        KeysOk = KeysOk && !Needs(It.key());
      if (!KeysOk) {
        nlohmann::json Fixed = nlohmann::json::object();
        for (auto It = J.begin(); It != J.end(); ++It)
          Fixed[Needs(It.key()) ? Fix(It.key()) : It.key()] =
              std::move(It.value());
        J = std::move(Fixed);
      }
      for (auto &Item : J.items())
        Stack.push_back(&Item.value());
    }
  }
}

} // namespace

bool isValidUtf8(std::string_view Text) {
  const auto *P = reinterpret_cast<const unsigned char *>(Text.data());
  const auto *End = P + Text.size();
  auto Cont = [&](const unsigned char *Q, unsigned char Lo, unsigned char Hi) {
    return Q < End && *Q >= Lo && *Q <= Hi;
  };
  while (P < End) {
    unsigned char C = *P;
    if (C < 0x80) {
      ++P;
      continue;
    }
    unsigned char Lo = 0x80, Hi = 0xBF;
    int Length;
    if (C >= 0xC2 && C <= 0xDF)
      Length = 2;
    else if (C >= 0xE0 && C <= 0xEF) {
      Length = 3;
      Lo = C == 0xE0 ? 0xA0 : 0x80;
      Hi = C == 0xED ? 0x9F : 0xBF;
    } else if (C >= 0xF0 && C <= 0xF4) {
      Length = 4;
      Lo = C == 0xF0 ? 0x90 : 0x80;
      Hi = C == 0xF4 ? 0x8F : 0xBF;
    } else
      return false;
    if (!Cont(P + 1, Lo, Hi))
      return false;
    for (int I = 2; I < Length; ++I)
      if (!Cont(P + I, 0x80, 0xBF))
        return false;
    P += Length;
  }
  return true;
}

void escapeInvalidUtf8(nlohmann::json &Document) {
  rewriteStrings(Document, needsEscape,
                 [](const std::string &S) { return escape(S); });
}

void unescapeInvalidUtf8(nlohmann::json &Document) {
  rewriteStrings(
      Document,
      [](std::string_view S) { return S.substr(0, Marker.size()) == Marker; },
      [](const std::string &S) { return unescape(S); });
}

} // namespace relcheck
