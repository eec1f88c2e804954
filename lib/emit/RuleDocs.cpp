//===- RuleDocs.cpp -------------------------------------------------------===//
#include "emit/RuleDocs.h"

#include <utility>
#include <vector>

namespace relcheck {
namespace {

struct EmbeddedDoc {
  std::string_view Path;
  std::string_view Text;
};

const EmbeddedDoc Docs[] = {
#include "RuleDocs.inc"
};

bool isAbsoluteUrl(std::string_view Target) {
  return Target.find("://") != std::string_view::npos ||
         Target.substr(0, 7) == "mailto:";
}

/// "docs/rules" + "../fixes.md#x" -> "docs/fixes.md#x".
std::string resolveRelative(std::string_view Dir, std::string_view Target) {
  std::vector<std::string> Parts;
  auto Push = [&Parts](std::string_view Path) {
    while (!Path.empty()) {
      size_t Slash = Path.find('/');
      std::string_view Part = Path.substr(0, Slash);
      if (Part == "..") {
        if (!Parts.empty())
          Parts.pop_back();
      } else if (!Part.empty() && Part != ".") {
        Parts.emplace_back(Part);
      }
      Path = Slash == std::string_view::npos ? "" : Path.substr(Slash + 1);
    }
  };
  Push(Dir);
  Push(Target);
  std::string Out;
  for (const std::string &P : Parts)
    Out += (Out.empty() ? "" : "/") + P;
  return Out;
}

/// The absolute URL of a link target written in the page at DocPath.
std::string absoluteTarget(std::string_view DocPath, std::string_view Target) {
  if (isAbsoluteUrl(Target))
    return std::string(Target);
  if (!Target.empty() && Target.front() == '#')
    return std::string(relcheckDocsUrl()) + std::string(DocPath) +
           std::string(Target);
  size_t Slash = DocPath.rfind('/');
  std::string_view Dir =
      Slash == std::string_view::npos ? "" : DocPath.substr(0, Slash);
  return std::string(relcheckDocsUrl()) + resolveRelative(Dir, Target);
}

/// Calls Link(text, absolute target) for every inline link "[text](target)"
/// of Markdown and Plain(run) for the text between them.
template <typename LinkFn, typename PlainFn>
void forEachLink(std::string_view DocPath, std::string_view Markdown,
                 LinkFn Link, PlainFn Plain) {
  size_t Pos = 0;
  while (true) {
    size_t Mid = Markdown.find("](", Pos);
    size_t Close =
        Mid == std::string_view::npos ? Mid : Markdown.find(')', Mid + 2);
    if (Close == std::string_view::npos) {
      Plain(Markdown.substr(Pos));
      return;
    }
    size_t Open = Markdown.rfind('[', Mid);
    if (Open == std::string_view::npos || Open < Pos) {
      // "](" without a "[" since the last link: plain text.
      Plain(Markdown.substr(Pos, Mid + 2 - Pos));
      Pos = Mid + 2;
      continue;
    }
    Plain(Markdown.substr(Pos, Open - Pos));
    Link(Markdown.substr(Open + 1, Mid - Open - 1),
         absoluteTarget(DocPath, Markdown.substr(Mid + 2, Close - Mid - 2)));
    Pos = Close + 1;
  }
}

} // namespace

std::string_view relcheckRepositoryUrl() { return RELCHECK_REPOSITORY_URL; }

std::string_view relcheckDocsUrl() { return RELCHECK_DOCS_URL; }

std::string ruleHelpUrl(const RuleInfo &Info) {
  if (Info.DocPath.empty())
    return "";
  return std::string(relcheckDocsUrl()) + std::string(Info.DocPath);
}

std::string_view embeddedRuleDoc(std::string_view DocPath) {
  for (const EmbeddedDoc &D : Docs)
    if (D.Path == DocPath)
      return D.Text;
  return "";
}

std::string ruleHelpMarkdown(std::string_view DocPath) {
  std::string Out;
  forEachLink(
      DocPath, embeddedRuleDoc(DocPath),
      [&](std::string_view Text, const std::string &Url) {
        Out += "[" + std::string(Text) + "](" + Url + ")";
      },
      [&](std::string_view Run) { Out += Run; });
  return Out;
}

std::string ruleHelpText(std::string_view DocPath) {
  std::string Linked;
  forEachLink(
      DocPath, embeddedRuleDoc(DocPath),
      [&](std::string_view Text, const std::string &Url) {
        Linked += std::string(Text) + " (" + Url + ")";
      },
      [&](std::string_view Run) { Linked += Run; });
  // Line by line: code fences go, their content stays (indented, as the
  // page's readers know it); emphasis and code marks go.
  std::string Out;
  size_t Pos = 0;
  while (Pos < Linked.size()) {
    size_t End = Linked.find('\n', Pos);
    if (End == std::string::npos)
      End = Linked.size();
    std::string_view Line(Linked.data() + Pos, End - Pos);
    Pos = End + 1;
    if (Line.substr(0, 3) == "```")
      continue;
    for (size_t I = 0; I < Line.size(); ++I) {
      if (Line[I] == '`' ||
          (Line[I] == '*' && I + 1 < Line.size() && Line[I + 1] == '*')) {
        if (Line[I] == '*')
          ++I;
        continue;
      }
      Out += Line[I];
    }
    Out += '\n';
  }
  return Out;
}

} // namespace relcheck
