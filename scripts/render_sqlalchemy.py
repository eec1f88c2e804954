#!/usr/bin/python3
"""Renders relcheck's facts as one SQLAlchemy 1.4 declarative Python module.

Input: the JSON written by `relcheck --dump-facts=FILE` (a list of TuFacts;
see lib/facts/Facts.h and lib/facts/FactsJson.cpp). Output: a module that
SQLAlchemy can configure, built as the semantics notes (section 7.1) say:

  from sqlalchemy import *
  from sqlalchemy.orm import *
  Base = declarative_base()
  association = Table("association", Base.metadata, <ORM_TABLE args>)
  class User(Base):
      __module__ = "shop"            # C++ namespace shop::User
      __tablename__ = "user"
      id = Column(Integer, primary_key=True)
      addresses = relationship("Address", backref="user")

* Argument text is each annotation argument's source text (read from the
  file at the argument's byte range), C++ comments removed, re-joined with
  ", ". A relationship without a positional target gets the target deduced
  from the member type, as the registry name (or the module path when two
  models share the name).
* Classes come in C++ definition order (file path, then offset), bases
  before subclasses; SQLAlchemy configures mappers in this order, which
  matters for one-way links (S9).
* Two models with one name in different namespaces are both defined and
  registered; the module-level name is then removed so nothing but the
  registry resolves it. A model named like an SQLAlchemy export (Table,
  Integer, ...) gets the SQLAlchemy name restored after its definition.
* Models whose annotations do not parse (and their subclasses) are skipped
  with a comment, as are tool-level problems (listed in the module header).
* ORM_MODEL's __table_args__ / __mapper_args__ become those class
  attributes, after the columns (bare column names resolve); base=ApiBase
  makes `ApiBase = declarative_base()` and the class derive from it.

Usage: render_sqlalchemy.py [FACTS.json|-] [-o OUT.py]
Standard library only. Importable: render(facts) -> Rendering.
"""

import argparse
import json
import keyword
import os
import re
import sys
from typing import Any, Dict, List, Optional, Tuple

GLOBAL_MODULE = "__main__"
# ORM_MODEL keywords that are declarative class attributes, rendered as such.
CLASS_ATTRIBUTES = ("__table_args__", "__mapper_args__")
BASE_ALIAS = "_relcheck_Base"


# ---------------------------------------------------------------------------
# Reading facts. FactsJson writes the struct fields; accept the struct
# spelling ("Models") and camelCase ("models") alike.

def field(obj: Any, name: str, default: Any = None) -> Any:
    if not isinstance(obj, dict):
        return default
    for key in (name, name[0].lower() + name[1:], name.lower(),
                re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()):
        if key in obj:
            return obj[key]
    return default


def tu_list(data: Any) -> List[dict]:
    """The list of TuFacts, whatever wraps it."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if field(data, "Models") is not None or field(data, "MainFile") is not None:
            return [data]
        for name in ("TranslationUnits", "Tus", "Facts", "Units"):
            value = field(data, name)
            if isinstance(value, list):
                return value
    raise ValueError("facts JSON: expected a list of translation-unit facts")


def span(obj: dict, name: str) -> dict:
    return field(obj, name) or {}


def span_file(s: dict) -> str:
    return field(s, "File") or ""


def span_begin(s: dict) -> int:
    return int(field(s, "Begin", 0) or 0)


def span_valid(s: dict) -> bool:
    return bool(span_file(s)) and int(field(s, "Line", 0) or 0) != 0


def where(s: dict) -> str:
    if not span_valid(s):
        return "<unknown location>"
    return "%s:%s:%s" % (span_file(s), field(s, "Line"), field(s, "Column"))


# ---------------------------------------------------------------------------
# Argument text.

class SourceFiles:
    def __init__(self) -> None:
        self.cache: Dict[str, Optional[bytes]] = {}

    def slice(self, path: str, begin: int, end: int) -> Optional[str]:
        if path not in self.cache:
            try:
                with open(path, "rb") as handle:
                    self.cache[path] = handle.read()
            except OSError:
                self.cache[path] = None
        data = self.cache[path]
        if data is None or not 0 <= begin <= end <= len(data):
            return None
        return data[begin:end].decode("utf-8", errors="replace")


def clean_cpp_text(text: str) -> str:
    """Removes C++ comments and line splices; collapses white space outside
    string literals (so an argument spread over lines stays one line)."""
    out: List[str] = []
    i, n = 0, len(text)
    pending_space = False
    while i < n:
        c = text[i]
        if c == "\\" and text[i + 1:i + 2] == "\n":
            pending_space, i = True, i + 2
        elif c == "\\" and text[i + 1:i + 3] == "\r\n":
            pending_space, i = True, i + 3
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            pending_space = True
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            pending_space = True
        elif c.isspace():
            pending_space, i = True, i + 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            if pending_space and out:
                out.append(" ")
            pending_space = False
            out.append(text[i:j])
            i = j
        else:
            if pending_space and out:
                out.append(" ")
            pending_space = False
            out.append(c)
            i += 1
    return "".join(out)


def annotation_args(annotation: dict, sources: SourceFiles) -> List[str]:
    """The argument texts of one annotation, comments removed.

    Uses each argument's exact range in the file when the annotation is
    spelled directly in a file; otherwise (it comes from another macro) the
    whole stringized text as one piece."""
    args = field(annotation, "Args") or []
    exact = field(annotation, "ExactRanges", True)
    if exact and args:
        texts = []
        for arg in args:
            rng = span(arg, "Range")
            text = None
            if span_valid(rng):
                text = sources.slice(span_file(rng), span_begin(rng),
                                     int(field(rng, "End", 0) or 0))
            if text is None:
                break
            texts.append(clean_cpp_text(text))
        else:
            return texts
    text = clean_cpp_text(field(annotation, "Text") or "")
    return [text] if text else []


def has_positional_target(annotation: dict) -> bool:
    for arg in field(annotation, "Args") or []:
        kw = field(arg, "Keyword") or ""
        if kw in ("", "argument"):
            return True
    return False


def parse_failed(annotation: dict) -> bool:
    return bool(field(annotation, "ParseFailed", False))


def py_string(text: str) -> str:
    return json.dumps(text)


# ---------------------------------------------------------------------------
# Rendering.

class Model:
    def __init__(self, fact: dict) -> None:
        self.fact = fact
        self.key: str = field(fact, "Key") or field(fact, "QualifiedName") or ""
        self.name: str = field(fact, "Name") or ""
        self.qualified: str = field(fact, "QualifiedName") or self.name
        self.base_keys: List[str] = list(field(fact, "BaseKeys") or [])
        self.base_names: List[str] = list(field(fact, "BaseNames") or [])
        where_span = span(fact, "NameRange")
        if not span_valid(where_span):
            where_span = span(fact, "BodyRange")
        self.location = where_span
        self.order = (span_file(where_span), span_begin(where_span), self.qualified)

    @property
    def namespace(self) -> str:
        parts = self.qualified.split("::")[:-1]
        return "::".join(parts)

    @property
    def module(self) -> str:
        """The Python module path SQLAlchemy's registry knows the class by."""
        parts = [re.sub(r"\W", "_", p.strip("()").replace(" ", "_"))
                 for p in self.qualified.split("::")[:-1] if p]
        return ".".join(parts) if parts else GLOBAL_MODULE

    @property
    def alias(self) -> str:
        return "_relcheck_" + re.sub(r"\W", "_", self.qualified.replace("::", "__"))


class Rendering:
    def __init__(self) -> None:
        self.source = ""
        self.skipped: List[str] = []          # "shop::User: why"
        self.problems: List[str] = []         # issues and compile errors
        self.models: List[str] = []           # rendered, in order
        # "module.Class" -> attributes its body declares (the rest of its
        # relationships are generated by backrefs).
        self.declared: Dict[str, List[str]] = {}


def sqlalchemy_exports() -> set:
    """Names `from sqlalchemy(.orm) import *` binds, when SQLAlchemy is
    importable here; a class of that name must not hide them."""
    names = set()
    try:
        import sqlalchemy
        import sqlalchemy.orm
        for module in (sqlalchemy, sqlalchemy.orm):
            exported = getattr(module, "__all__", None)
            if exported is None:
                exported = [n for n in vars(module) if not n.startswith("_")]
            names.update(exported)
    except ImportError:
        names.update(("Column", "Table", "ForeignKey", "Integer", "String",
                      "relationship", "backref", "declarative_base",
                      "configure_mappers", "and_", "or_", "remote", "foreign"))
    names.add("Base")
    return names


def render(data: Any) -> Rendering:
    result = Rendering()
    sources = SourceFiles()
    tus = sorted(tu_list(data), key=lambda tu: field(tu, "MainFile") or "")

    models: Dict[str, Model] = {}
    tables: Dict[Tuple[str, str, int], dict] = {}
    for tu in tus:
        main = field(tu, "MainFile") or "<unknown TU>"
        for model_fact in field(tu, "Models") or []:
            model = Model(model_fact)
            models.setdefault(model.key, model)
        for table in field(tu, "Tables") or []:
            name_span = span(table, "NameRange")
            key = (field(table, "Name") or "", span_file(name_span),
                   span_begin(name_span))
            tables.setdefault(key, table)
        for issue in field(tu, "Issues") or []:
            result.problems.append("annotation issue: %s: %s" % (
                where(span(issue, "Range")), field(issue, "Message")))
        for error in field(tu, "CompileErrors") or []:
            result.problems.append("compile error in %s: %s: %s" % (
                main, where(span(error, "Range")), field(error, "Message")))
    result.problems = sorted(set(result.problems))

    by_name: Dict[str, List[Model]] = {}
    by_qualified: Dict[str, Model] = {}
    for model in models.values():
        by_name.setdefault(model.name, []).append(model)
        by_qualified.setdefault(model.qualified, model)
    exports = sqlalchemy_exports()

    def registry_name(model: Model) -> str:
        if len(by_name[model.name]) > 1:
            return model.module + "." + model.name
        return model.name

    def find_base(model: Model, index: int) -> Optional[Model]:
        key = model.base_keys[index] if index < len(model.base_keys) else ""
        if key in models:
            return models[key]
        name = model.base_names[index] if index < len(model.base_names) else ""
        return by_qualified.get(name)

    # Why each model cannot be rendered (its own annotations, then bases).
    broken: Dict[str, str] = {}
    for model in models.values():
        fact = model.fact
        annotations = [("ORM_MODEL", field(fact, "Annotation") or {})]
        annotations += [("ORM_COLUMN on '%s'" % field(c, "Attribute"),
                         field(c, "Annotation") or {})
                        for c in field(fact, "Columns") or []]
        annotations += [("ORM_RELATIONSHIP on '%s'" % field(r, "Attribute"),
                         field(r, "Annotation") or {})
                        for r in field(fact, "Relationships") or []]
        for what, annotation in annotations:
            if parse_failed(annotation):
                broken[model.key] = "%s at %s does not parse" % (
                    what, where(span(annotation, "MacroRange")))
                break
        if model.key not in broken and keyword.iskeyword(model.name):
            broken[model.key] = "class name '%s' is a Python keyword" % model.name
        if model.key not in broken:
            count = max(len(model.base_keys), len(model.base_names))
            for i in range(count):
                if find_base(model, i) is None:
                    broken[model.key] = "model base %s has no facts" % (
                        (model.base_names + model.base_keys)[i])
                    break

    order: List[Model] = []
    state: Dict[str, int] = {}

    def visit(model: Model) -> None:
        if state.get(model.key) == 2:
            return
        if state.get(model.key) == 1:
            broken.setdefault(model.key, "cyclic model bases")
            return
        state[model.key] = 1
        for i in range(max(len(model.base_keys), len(model.base_names))):
            base = find_base(model, i)
            if base is not None:
                visit(base)
                if base.key in broken:
                    broken.setdefault(model.key, "its base %s is skipped" %
                                      base.qualified)
        state[model.key] = 2
        order.append(model)

    for model in sorted(models.values(), key=lambda m: m.order):
        visit(model)

    # ORM_MODEL("t", base=ApiBase): the class derives from that declarative
    # base, one registry (and MetaData) per base.
    declarative_bases: Dict[str, str] = {}
    for model in order:
        for text, arg in model_arg_pairs(model.fact, sources):
            if field(arg, "Keyword") == "base":
                declarative_bases[model.key] = text.split("=", 1)[1].strip()
    extra_bases = sorted(set(declarative_bases.values()) - {"Base"})

    lines = [
        "# Generated by scripts/render_sqlalchemy.py from relcheck's facts.",
        "# SQLAlchemy 1.4 declarative rendering of the C++ models (see",
        "# docs/testing.md); configure with sqlalchemy.orm.configure_mappers().",
    ]
    for problem in result.problems:
        lines.append("# relcheck reported: " + problem.replace("\n", " "))
    lines += [
        "from sqlalchemy import *",
        "from sqlalchemy.orm import *",
        # Documented in docs/annotations.md, and not in sqlalchemy.orm's *.
        "from sqlalchemy.orm.collections import (attribute_mapped_collection,",
        "    column_mapped_collection, mapped_collection)",
        "import sqlalchemy as _relcheck_sa",
        "import sqlalchemy.orm as _relcheck_sa_orm",
        "",
        "Base = declarative_base()",
        "%s = Base" % BASE_ALIAS,
    ] + ["%s = declarative_base()" % name for name in extra_bases] + [
        "",
        "",
        "def _relcheck_unbind(name):",
        "    # A model name that hides an SQLAlchemy export, or that two models",
        "    # share: leave the module name to SQLAlchemy, the class to the",
        "    # registry.",
        "    for module in (_relcheck_sa_orm, _relcheck_sa):",
        "        if hasattr(module, name):",
        "            globals()[name] = getattr(module, name)",
        "            return",
        "    if name == 'Base':",
        "        globals()[name] = %s" % BASE_ALIAS,
        "        return",
        "    globals().pop(name, None)",
        "",
    ]

    for (name, _, _), table in sorted(tables.items(),
                                      key=lambda kv: (kv[0][1], kv[0][2], kv[0][0])):
        annotation = field(table, "Annotation") or {}
        if parse_failed(annotation):
            lines.append("# skipped ORM_TABLE %s: its arguments do not parse (%s)"
                         % (name, where(span(annotation, "MacroRange"))))
            result.skipped.append("table %s: arguments do not parse" % name)
            continue
        args = [py_string(name), "Base.metadata"] + annotation_args(annotation,
                                                                    sources)
        lines.append("%s = Table(%s)" % (name, ", ".join(args)))
    lines.append("")

    for model in order:
        if model.key in broken:
            lines.append("# skipped %s (%s): %s" % (model.qualified,
                                                  where(model.location),
                                                  broken[model.key]))
            result.skipped.append("%s: %s" % (model.qualified, broken[model.key]))
            lines.append("")
            continue
        fact = model.fact
        bases = []
        for i in range(max(len(model.base_keys), len(model.base_names))):
            bases.append(find_base(model, i).alias)
        lines.append("")
        lines.append("# %s, %s" % (model.qualified, where(model.location)))
        if not bases:
            # A subclass is mapped by its model base's registry; base= only
            # places a hierarchy's root.
            base = declarative_bases.get(model.key, "Base")
            bases = [BASE_ALIAS if base == "Base" else base]
        lines.append("class %s(%s):" % (model.name, ", ".join(bases)))
        lines.append("    __module__ = %s" % py_string(model.module))
        model_annotation = field(fact, "Annotation") or {}
        model_args = annotation_args(model_annotation, sources)
        arg_facts = field(model_annotation, "Args") or []
        if len(model_args) != len(arg_facts):
            # The whole text as one piece (not spelled directly in a file).
            arg_facts = [{"Keyword": ""}] if model_args else []
        positional = [a for a, arg in zip(model_args, arg_facts)
                      if not field(arg, "Keyword")]
        if positional:
            lines.append("    __tablename__ = %s" % positional[0])
        for extra in positional[1:]:
            lines.append("    # ORM_MODEL argument not rendered: %s" % extra)
        # ORM_MODEL("t", __table_args__=(...)): class attributes, assigned
        # after the columns so that bare column names in them resolve.
        class_attributes = []
        for text, arg in zip(model_args, arg_facts):
            name = field(arg, "Keyword")
            if name == "base":
                continue
            if name in CLASS_ATTRIBUTES:
                class_attributes.append("    %s = %s" % (
                    name, text.split("=", 1)[1].strip()))
            elif name:
                lines.append("    # ORM_MODEL argument not rendered: %s" % text)
        declared = []

        def assign(attribute: str, value: str) -> None:
            declared.append(attribute)
            if keyword.iskeyword(attribute) or not attribute.isidentifier():
                lines.append("    locals()[%s] = %s" % (py_string(attribute), value))
            else:
                lines.append("    %s = %s" % (attribute, value))

        for column in field(fact, "Columns") or []:
            args = annotation_args(field(column, "Annotation") or {}, sources)
            assign(field(column, "Attribute"), "Column(%s)" % ", ".join(args))
        lines.extend(class_attributes)
        for rel in field(fact, "Relationships") or []:
            annotation = field(rel, "Annotation") or {}
            args = annotation_args(annotation, sources)
            if not has_positional_target(annotation):
                target = deduce_target(field(rel, "MemberType") or {}, models,
                                       by_qualified, by_name)
                if target is not None:
                    args = [py_string(registry_name(target))] + args
                else:
                    element = field(field(rel, "MemberType") or {}, "ElementName")
                    if element:
                        args = [py_string(element)] + args
                    lines.append("    # target of '%s' not deduced from '%s'" % (
                        field(rel, "Attribute"),
                        field(field(rel, "MemberType") or {}, "Spelling")))
            assign(field(rel, "Attribute"), "relationship(%s)" % ", ".join(args))
        lines.append("")
        lines.append("")
        lines.append("%s = %s" % (model.alias, model.name))
        if len(by_name[model.name]) > 1 or model.name in exports:
            lines.append("_relcheck_unbind(%s)" % py_string(model.name))
        result.models.append(model.qualified)
        result.declared["%s.%s" % (model.module, model.name)] = declared
    lines.append("")
    result.source = "\n".join(lines)
    return result


def model_arg_pairs(fact: dict, sources: SourceFiles) -> List[Tuple[str, dict]]:
    """(argument text, argument fact) of a model's ORM_MODEL(...)."""
    annotation = field(fact, "Annotation") or {}
    texts = annotation_args(annotation, sources)
    facts = field(annotation, "Args") or []
    if len(texts) != len(facts):
        return []
    return list(zip(texts, facts))


def deduce_target(member_type: dict, models: Dict[str, Model],
                  by_qualified: Dict[str, Model],
                  by_name: Dict[str, List[Model]]) -> Optional[Model]:
    key = field(member_type, "ElementKey") or ""
    if key in models:
        return models[key]
    qualified = (field(member_type, "ElementQualifiedName") or "").lstrip(":")
    if qualified in by_qualified:
        return by_qualified[qualified]
    name = field(member_type, "ElementName") or ""
    if len(by_name.get(name, [])) == 1:
        return by_name[name][0]
    return None


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("facts", nargs="?", default="-",
                        help="relcheck --dump-facts JSON ('-' = stdin)")
    parser.add_argument("-o", "--output", default="-",
                        help="output .py file ('-' = stdout)")
    args = parser.parse_args(argv)
    try:
        if args.facts == "-":
            data = json.load(sys.stdin)
        else:
            with open(args.facts) as handle:
                data = json.load(handle)
        rendering = render(data)
    except (OSError, ValueError) as err:
        sys.stderr.write("render_sqlalchemy: error: %s\n" % err)
        return 2
    if args.output == "-":
        sys.stdout.write(rendering.source)
    else:
        with open(args.output, "w") as handle:
            handle.write(rendering.source)
    for skipped in rendering.skipped:
        sys.stderr.write("render_sqlalchemy: skipped %s\n" % skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
