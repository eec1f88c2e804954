//===- FindingKey.cpp -----------------------------------------------------===//
#include "findings/FindingKey.h"

#include <cstdint>
#include <map>
#include <utility>

namespace relcheck {
namespace {

bool isSpace(char C) {
  return C == ' ' || C == '\t' || C == '\n' || C == '\r' || C == '\f' ||
         C == '\v';
}

/// A place where an annotation is written: its range and its text.
struct AnnotationSite {
  const SourceSpan *Range;
  const AnnotationFact *Annotation;
};

bool contains(const SourceSpan &Outer, const SourceSpan &Inner) {
  return Outer.isValid() && Outer.File == Inner.File &&
         Outer.Begin <= Inner.Begin && Inner.End <= Outer.End;
}

class AnnotationIndex {
public:
  explicit AnnotationIndex(const std::vector<TuFacts> &Facts) {
    for (const TuFacts &Tu : Facts) {
      for (const ModelFact &M : Tu.Models) {
        ByModel.try_emplace(M.QualifiedName, &M.Annotation);
        add({&M.Annotation.MacroRange, &M.Annotation});
        for (const ColumnFact &C : M.Columns) {
          ByAttribute.try_emplace({M.QualifiedName, C.Attribute},
                                  &C.Annotation);
          add({&C.DeclRange, &C.Annotation});
        }
        for (const RelationshipFact &R : M.Relationships) {
          ByAttribute.try_emplace({M.QualifiedName, R.Attribute},
                                  &R.Annotation);
          add({&R.DeclRange, &R.Annotation});
        }
      }
      for (const TableFact &T : Tu.Tables)
        add({&T.Annotation.MacroRange, &T.Annotation});
    }
  }

  const AnnotationFact *find(const Finding &F) const {
    if (!F.Model.empty()) {
      if (F.Attribute.empty()) {
        auto It = ByModel.find(F.Model);
        if (It != ByModel.end())
          return It->second;
      } else {
        auto It = ByAttribute.find({F.Model, F.Attribute});
        if (It != ByAttribute.end())
          return It->second;
      }
    }
    // The innermost site containing the location: a relationship's
    // declaration inside a model's body, not the model.
    auto InFile = Sites.find(F.Range.File);
    if (InFile == Sites.end())
      return nullptr;
    const AnnotationSite *Best = nullptr;
    for (const AnnotationSite &S : InFile->second)
      if (contains(*S.Range, F.Range) &&
          (!Best || S.Range->End - S.Range->Begin <
                        Best->Range->End - Best->Range->Begin))
        Best = &S;
    return Best ? Best->Annotation : nullptr;
  }

private:
  void add(const AnnotationSite &S) { Sites[S.Range->File].push_back(S); }

  std::map<std::string, const AnnotationFact *> ByModel;
  std::map<std::pair<std::string, std::string>, const AnnotationFact *>
      ByAttribute;
  /// Per file (contains() needs the same file), in fact order: a finding
  /// must not scan every annotation of the project.
  std::map<std::string, std::vector<AnnotationSite>> Sites;
};

// FNV-1a by hand, not llvm::xxh3_64bits: the fingerprints it makes are
// persisted (--write-baseline files, SARIF partialFingerprints that GitHub
// code scanning tracks alerts by, GitLab Code Quality), and another hash
// would turn every recorded finding into a new one.
void hashBytes(uint64_t &Hash, std::string_view Bytes) {
  for (unsigned char C : Bytes) {
    Hash ^= C;
    Hash *= 0x100000001b3ULL;
  }
  // A separator that cannot occur in the parts keeps ("ab","c") and
  // ("a","bc") apart.
  Hash ^= 0xff;
  Hash *= 0x100000001b3ULL;
}

} // namespace

std::string normalizeAnnotationText(std::string_view Text) {
  std::string Out;
  size_t I = 0, N = Text.size();
  while (I < N) {
    char C = Text[I];
    if (C == '"' || C == '\'') {
      // A string literal: copy it, collapsing inner white space runs.
      Out += C;
      ++I;
      bool InSpace = false;
      while (I < N && Text[I] != C) {
        char D = Text[I];
        if (D == '\\' && I + 1 < N) {
          Out += D;
          Out += Text[I + 1];
          I += 2;
          InSpace = false;
          continue;
        }
        if (isSpace(D)) {
          if (!InSpace)
            Out += ' ';
          InSpace = true;
        } else {
          Out += D;
          InSpace = false;
        }
        ++I;
      }
      if (I < N)
        Out += Text[I++];
      continue;
    }
    if (C == '/' && I + 1 < N && Text[I + 1] == '/') {
      while (I < N && Text[I] != '\n')
        ++I;
      continue;
    }
    if (C == '/' && I + 1 < N && Text[I + 1] == '*') {
      size_t End = Text.find("*/", I + 2);
      I = End == std::string_view::npos ? N : End + 2;
      continue;
    }
    if (!isSpace(C))
      Out += C;
    ++I;
  }
  return Out;
}

void attachAnnotationKeys(std::vector<Finding> &Findings,
                          const std::vector<TuFacts> &Facts) {
  AnnotationIndex Index(Facts);
  // Normalized once per annotation, however many findings it has.
  std::map<const AnnotationFact *, std::shared_ptr<const std::string>> Keys;
  for (Finding &F : Findings) {
    if (const AnnotationFact *A = Index.find(F)) {
      std::shared_ptr<const std::string> &Key = Keys[A];
      if (!Key)
        Key = std::make_shared<const std::string>(
            normalizeAnnotationText(A->Text));
      F.AnnotationKey = Key;
    } else {
      F.AnnotationKey =
          std::make_shared<const std::string>("message:" + F.Message);
    }
  }
}

std::string findingFingerprint(const Finding &F) {
  uint64_t Hash = 0xcbf29ce484222325ULL;
  hashBytes(Hash, FingerprintKey);
  hashBytes(Hash, F.RuleId);
  hashBytes(Hash, F.Model);
  hashBytes(Hash, F.Attribute);
  hashBytes(Hash, F.AnnotationKey ? *F.AnnotationKey : std::string());
  static const char Digits[] = "0123456789abcdef";
  std::string Hex(16, '0');
  for (int I = 15; I >= 0; --I, Hash >>= 4)
    Hex[I] = Digits[Hash & 0xf];
  return Hex;
}

} // namespace relcheck
