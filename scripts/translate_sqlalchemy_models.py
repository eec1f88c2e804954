#!/usr/bin/python3
"""Translates SQLAlchemy declarative model modules into relcheck C++.

Input: a project directory holding Python model modules at their package
paths (lemur/roles/models.py, ...) and a project description (a JSON object,
one entry of test/realworld/projects.json):

  {"modules": ["lemur/models.py", ...],        # in this order
   "declarative_bases": ["db.Model", "BASE"],  # what a mapped class derives from
   "auto_tablename": false,                    # Flask-SQLAlchemy's snake_case names
   "external_mixins": {"models.TimestampMixin":
                       {"created_at": "Column(DateTime)"}},  # from libraries
   "type_aliases": {"key_type": "Integer"},    # project column types
   "column_helpers": {"primary_key": "Column(Integer, primary_key=True)"}}

Output (in --output): one header per module (lemur/roles/models.hpp) with
an include guard, `<relcheck/orm.hpp>` and the standard headers its members
use, the headers of the corpus modules it imports names from, forward
declarations of the classes its relationships name; one translation unit per
header (lemur/roles/models.cpp, including it); compile_commands.json; and
translation.json, the summary: per module what was translated and every
construct that was not, with the reason.

Translated faithfully: classes with `__tablename__` (ORM_MODEL), subclasses
of models (single-table: ORM_MODEL(); joined: ORM_MODEL("table")), mixin and
abstract classes (their Column attributes copied into each model deriving
from them, as declarative does), Column(...) (name, type, ForeignKey(...),
primary_key, nullable, unique, index, autoincrement, key), Table(...) (as
ORM_TABLE), relationship()/relation() with every keyword whose value is a
literal or an expression SQLAlchemy evaluates against the registry,
backref(...). Reported and left out: anything else (column defaults and
server defaults, types relcheck does not know (replaced, reported), hybrid
and column properties, association proxies, declared_attr, __table_args__,
__mapper_args__, attribute names C++ cannot declare, relationships to
classes outside the corpus, ...).

Bare join expressions (primaryjoin=id == Other.user_id) stay bare when every
name in them is a column of the class body or a class defined earlier in the
same module; otherwise they become the equivalent string, qualified with the
class name (reported). Bare class names as targets become strings.

Usage: translate_sqlalchemy_models.py --project-json P.json --source DIR
       --output DIR [--include RELCHECK_INCLUDE] [--cxx clang++-19]
Deterministic; Python 3.11 standard library only. Importable: translate().
"""

import argparse
import ast
import json
import os
import re
import sys
from typing import Dict, List, Optional, Set, Tuple

CXX_KEYWORDS = set("""alignas alignof and and_eq asm auto bitand bitor bool
break case catch char char8_t char16_t char32_t class compl concept const
consteval constexpr constinit const_cast continue co_await co_return co_yield
decltype default delete do double dynamic_cast else enum explicit export
extern false float for friend goto if inline int long mutable namespace new
noexcept not not_eq nullptr operator or or_eq private protected public
register reinterpret_cast requires return short signed sizeof static
static_assert static_cast struct switch template this thread_local throw
true try typedef typeid typename union unsigned using virtual void volatile
wchar_t while xor xor_eq""".split())

# relcheck's column types (lib/graph/Vocabulary.cpp columnTypeNames).
KNOWN_TYPES = set("""ARRAY BIGINT BINARY BLOB BOOLEAN BigInteger Boolean CHAR
CLOB DATE DATETIME DECIMAL Date DateTime Enum FLOAT Float INT INTEGER Integer
Interval JSON LargeBinary NCHAR NUMERIC NVARCHAR Numeric PickleType REAL
SMALLINT SmallInteger String TEXT TIME TIMESTAMP Text Time TupleType
TypeDecorator Unicode UnicodeText VARBINARY VARCHAR NullType MatchType""".split())

CPP_TYPE = {"Integer": "int", "INTEGER": "int", "INT": "int",
            "SmallInteger": "int", "SMALLINT": "int",
            "BigInteger": "long long", "BIGINT": "long long",
            "Boolean": "bool", "BOOLEAN": "bool",
            "Float": "double", "FLOAT": "double", "REAL": "double",
            "Numeric": "double", "NUMERIC": "double", "DECIMAL": "double"}

RELATIONSHIP_FUNCS = {"relationship", "relation"}
# Names the rendered module (`from sqlalchemy import *`, `from
# sqlalchemy.orm import *`) binds, usable in a bare expression.
SQLA_FUNCS = {"and_", "or_", "not_", "remote", "foreign", "desc", "asc",
              "func", "text", "literal_column", "null", "true", "false",
              "cast", "select", "backref", "attribute_mapped_collection",
              "column_mapped_collection", "mapped_collection"}
SQLA_PREFIXES = {"db", "sa", "orm", "sqlalchemy", "expression", "schema",
                 "sql", "types"}
COLUMN_KEYWORDS = {"primary_key", "nullable", "unique", "index",
                   "autoincrement", "key", "name"}
FK_KEYWORDS = {"ondelete", "onupdate", "name", "use_alter", "deferrable",
               "initially"}
COLLECTION_CLASSES = {"set": "std::set", "list": "std::vector"}


def dotted(node: ast.AST) -> str:
    """'db.Model' for an attribute chain of names, '' otherwise."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return inner + "." + node.attr if inner else ""
    return ""


def last_name(node: ast.AST) -> str:
    text = dotted(node)
    return text.rsplit(".", 1)[-1] if text else ""


def call_name(node: ast.AST) -> str:
    return last_name(node.func) if isinstance(node, ast.Call) else ""


def cpp_string(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32:
            out.append("\\x%02x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class Untranslatable(Exception):
    pass


class Printer:
    """Prints a Python expression as relcheck argument text: double-quoted
    strings, SQLAlchemy prefixes (db., sa., orm.) dropped, names renamed."""

    def __init__(self, rename: Optional[Dict[str, str]] = None) -> None:
        self.rename = rename or {}

    def __call__(self, node: ast.AST) -> str:
        return self.expr(node)

    def expr(self, node: ast.AST) -> str:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return cpp_string(node.value)
            if node.value is None or isinstance(node.value, (bool, int, float)):
                return repr(node.value)
            raise Untranslatable("constant %r" % (node.value,))
        if isinstance(node, ast.Name):
            return self.rename.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = dotted(node.value)
            if base in SQLA_PREFIXES:
                return node.attr
            return "%s.%s" % (self.expr(node.value), node.attr)
        if isinstance(node, ast.Call):
            args = [self.expr(a) for a in node.args]
            for kw in node.keywords:
                if kw.arg is None:
                    raise Untranslatable("**kwargs")
                args.append("%s=%s" % (kw.arg, self.expr(kw.value)))
            return "%s(%s)" % (self.expr(node.func), ", ".join(args))
        if isinstance(node, ast.List):
            return "[%s]" % ", ".join(self.expr(e) for e in node.elts)
        if isinstance(node, ast.Tuple):
            inner = ", ".join(self.expr(e) for e in node.elts)
            return "(%s,)" % inner if len(node.elts) == 1 else "(%s)" % inner
        if isinstance(node, ast.Dict):
            if any(k is None for k in node.keys):
                raise Untranslatable("** in a dict")
            return "{%s}" % ", ".join("%s: %s" % (self.expr(k), self.expr(v))
                                      for k, v in zip(node.keys, node.values))
        if isinstance(node, ast.Compare):
            ops = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=",
                   ast.Gt: ">", ast.GtE: ">="}
            parts = [self.wrap(node.left)]
            for op, right in zip(node.ops, node.comparators):
                if type(op) not in ops:
                    raise Untranslatable("operator %s" % type(op).__name__)
                parts += [ops[type(op)], self.wrap(right)]
            return " ".join(parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            # "...%(x)s..." % {"x": "Name"}: Python formats it when the class
            # body runs; the string is what SQLAlchemy sees.
            try:
                left, right = ast.literal_eval(node.left), ast.literal_eval(node.right)
            except ValueError:
                raise Untranslatable("% formatting of non-literals")
            if not isinstance(left, str):
                raise Untranslatable("operator Mod")
            return cpp_string(left % right)
        if isinstance(node, ast.BinOp):
            ops = {ast.BitAnd: "&", ast.BitOr: "|", ast.Add: "+", ast.Sub: "-",
                   ast.Mult: "*"}
            if type(node.op) not in ops:
                raise Untranslatable("operator %s" % type(node.op).__name__)
            return "%s %s %s" % (self.wrap(node.left), ops[type(node.op)],
                                 self.wrap(node.right))
        if isinstance(node, ast.UnaryOp):
            ops = {ast.Invert: "~", ast.USub: "-", ast.Not: "not "}
            if type(node.op) not in ops:
                raise Untranslatable("operator %s" % type(node.op).__name__)
            return ops[type(node.op)] + self.wrap(node.operand)
        raise Untranslatable("%s expression" % type(node).__name__)

    def wrap(self, node: ast.AST) -> str:
        text = self.expr(node)
        if isinstance(node, (ast.Compare, ast.BinOp, ast.BoolOp)):
            return "(%s)" % text
        return text


def names_in(node: ast.AST) -> Set[str]:
    """The free names of an expression (attribute chains by their root),
    SQLAlchemy prefixes excepted."""
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
    return found - SQLA_PREFIXES


class Column:
    def __init__(self, attr: str, text: str, cpp: str, fk_tables: List[str],
                 primary: bool, origin: str) -> None:
        self.attr, self.text, self.cpp = attr, text, cpp
        self.fk_tables, self.primary, self.origin = fk_tables, primary, origin


class Relationship:
    def __init__(self, attr: str, node: ast.Call, owner: "PyClass") -> None:
        self.attr, self.node, self.owner = attr, node, owner
        self.text = ""
        self.target = ""
        self.member = ""


class PyClass:
    def __init__(self, name: str, module: "PyModule", node: ast.ClassDef) -> None:
        self.name, self.module, self.node = name, module, node
        self.tablename: Optional[str] = None
        self.tablename_node: Optional[ast.AST] = None
        self.bases: List[str] = [dotted(b) or ast.unparse(b) for b in node.bases]
        self.columns: List[Column] = []
        self.relationships: List[Relationship] = []
        self.body_names: Set[str] = set()
        self.model_base: Optional["PyClass"] = None
        self.mixins: List[object] = []     # PyClass or external name
        self.is_model = False
        self.declarative = False           # derives from a declarative base
        self.abstract = False
        self.plain_members: List[str] = []


class PyModule:
    def __init__(self, path: str, tree: ast.Module) -> None:
        self.path = path                   # lemur/roles/models.py
        self.dotted = path[:-3].replace("/", ".")
        if self.dotted.endswith(".__init__"):
            self.dotted = self.dotted[:-len(".__init__")]
        self.tree = tree
        self.header = path[:-3] + ".hpp"
        self.tu = path[:-3] + ".cpp"
        self.classes: List[PyClass] = []
        self.tables: List[Tuple[str, str, ast.Call]] = []  # (var, name, call)
        self.imports: Dict[str, str] = {}  # local name -> "module.name"
        self.skipped: List[str] = []
        self.translated: List[str] = []


class Translator:
    def __init__(self, project: dict, source: str) -> None:
        self.project = project
        self.source = source
        self.modules: List[PyModule] = []
        self.classes: Dict[str, PyClass] = {}
        self.tables: Dict[str, Tuple[PyModule, str]] = {}   # var -> (module, name)
        self.table_names: Dict[str, str] = {}                # var -> table name
        self.bases = set(project.get("declarative_bases", []))
        self.external = project.get("external_mixins", {})
        self.type_aliases = project.get("type_aliases", {})
        self.column_helpers = project.get("column_helpers", {})
        self.counts: Dict[str, int] = {}

    # -- reading -----------------------------------------------------------

    def load(self) -> None:
        for path in self.project["modules"]:
            with open(os.path.join(self.source, path), encoding="utf-8") as handle:
                tree = ast.parse(handle.read(), filename=path)
            module = PyModule(path, tree)
            self.modules.append(module)
            for stmt in tree.body:
                if isinstance(stmt, ast.ImportFrom) and stmt.module:
                    for alias in stmt.names:
                        module.imports[alias.asname or alias.name] = (
                            stmt.module + "." + alias.name)
                elif isinstance(stmt, ast.ClassDef):
                    if stmt.name in self.classes:
                        module.skipped.append(
                            "class %s (line %d): a class of that name is already "
                            "translated from %s; relcheck's registry would find "
                            "two" % (stmt.name, stmt.lineno,
                                     self.classes[stmt.name].module.path))
                        continue
                    cls = PyClass(stmt.name, module, stmt)
                    module.classes.append(cls)
                    self.classes[stmt.name] = cls
                elif (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                      and isinstance(stmt.targets[0], ast.Name)
                      and call_name(stmt.value) == "Table"):
                    call = stmt.value
                    if not call.args or not (isinstance(call.args[0], ast.Constant)
                                             and isinstance(call.args[0].value, str)):
                        module.skipped.append("table %s (line %d): name is not a "
                                              "string" % (stmt.targets[0].id,
                                                          stmt.lineno))
                        continue
                    var = stmt.targets[0].id
                    name = call.args[0].value
                    module.tables.append((var, name, call))
                    self.tables[var] = (module, name)
                    self.table_names[var] = name

    def note(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    # -- classes -----------------------------------------------------------

    def classify(self) -> None:
        """Models, mixins, bases; in module order, so bases come first."""
        for module in self.modules:
            for cls in module.classes:
                for stmt in cls.node.body:
                    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
                            and isinstance(stmt.targets[0], ast.Name):
                        name = stmt.targets[0].id
                        if name == "__tablename__":
                            cls.tablename_node = stmt.value
                            if isinstance(stmt.value, ast.Constant) and \
                                    isinstance(stmt.value.value, str):
                                cls.tablename = stmt.value.value
                        elif name == "__abstract__" and isinstance(
                                stmt.value, ast.Constant) and stmt.value.value:
                            cls.abstract = True
                for base in cls.bases:
                    short = base.rsplit(".", 1)[-1]
                    if base in self.bases:
                        cls.declarative = True
                    elif short in self.classes and self.classes[short] is not cls \
                            and self.classes[short] in self.ordered_before(cls):
                        parent = self.classes[short]
                        if parent.is_model:
                            if cls.model_base is None:
                                cls.model_base = parent
                            else:
                                module.skipped.append(
                                    "class %s: second model base %s ignored "
                                    "(multiple mapped bases)" % (cls.name, short))
                        else:
                            cls.mixins.append(parent)
                            if parent.declarative:
                                cls.declarative = True
                    elif base in self.external:
                        cls.mixins.append(base)
                    elif base != "object":
                        module.skipped.append(
                            "class %s: base %s is not in the corpus; ignored"
                            % (cls.name, base))
                if cls.tablename_node is not None and cls.tablename is None:
                    module.skipped.append(
                        "class %s: __tablename__ is computed (%s); not a model"
                        % (cls.name, ast.unparse(cls.tablename_node)))
                    continue
                if cls.abstract:
                    continue
                if cls.model_base is not None:
                    cls.is_model = True
                elif cls.tablename is not None and cls.declarative:
                    cls.is_model = True
                elif cls.tablename is not None:
                    module.skipped.append(
                        "class %s: has __tablename__ but derives from no "
                        "declarative base; not a model" % cls.name)
                elif cls.declarative and self.project.get("auto_tablename") \
                        and self.defines_primary_key(cls):
                    cls.tablename = re.sub(r"(?<!^)(?=[A-Z])", "_",
                                           cls.name).lower()
                    cls.is_model = True
                    self.note("table name generated as Flask-SQLAlchemy does")

    def ordered_before(self, cls: PyClass) -> List[PyClass]:
        out = []
        for module in self.modules:
            for other in module.classes:
                if other is cls:
                    return out
                out.append(other)
        return out

    def defines_primary_key(self, cls: PyClass) -> bool:
        for stmt in cls.node.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                call = stmt.value
                if call_name(call) in self.column_helpers:
                    if "primary_key=True" in self.column_helpers[call_name(call)]:
                        return True
                if call_name(call) == "Column":
                    for kw in call.keywords:
                        if kw.arg == "primary_key" and isinstance(
                                kw.value, ast.Constant) and kw.value.value:
                            return True
        return False

    # -- columns -----------------------------------------------------------

    def column_type(self, node: ast.AST, where: str, module: PyModule) -> Tuple[str, str]:
        """(relcheck type text, C++ member type)."""
        name = call_name(node) if isinstance(node, ast.Call) else last_name(node)
        if name in self.type_aliases:
            self.note("column type %s written as %s (project alias)"
                      % (name, self.type_aliases[name]))
            name = self.type_aliases[name]
            return name, CPP_TYPE.get(name, "std::string")
        if name in KNOWN_TYPES:
            text = name
            if isinstance(node, ast.Call):
                literal = all(isinstance(a, ast.Constant) for a in node.args) and \
                    all(isinstance(k.value, ast.Constant) and k.arg
                        for k in node.keywords)
                if literal and (node.args or node.keywords):
                    text = Printer()(ast.Call(func=ast.Name(id=name), args=node.args,
                                              keywords=node.keywords))
                elif not literal:
                    name = text = "String"
                    self.note("column type %s with arguments that are not "
                              "literals written as String" % call_name(node))
            return text, CPP_TYPE.get(name, "std::string")
        self.note("column type %s (unknown to relcheck) written as String"
                  % (name or ast.unparse(node)))
        return "String", "std::string"

    def column(self, attr: str, call: ast.Call, cls: PyClass,
               origin: str) -> Optional[Column]:
        module = cls.module
        args = list(call.args)
        parts: List[str] = []
        fk_tables: List[str] = []
        if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            parts.append(cpp_string(args.pop(0).value))
        cpp = "std::string"
        typed = False
        for arg in args:
            if isinstance(arg, ast.Call) and call_name(arg) == "ForeignKey":
                fk = self.foreign_key(arg, cls)
                if fk is None:
                    return None
                parts.append(fk[0])
                fk_tables.append(fk[1])
            elif not typed and not (isinstance(arg, ast.Call) and call_name(arg) in
                                    ("Sequence", "CheckConstraint", "Identity",
                                     "Computed", "FetchedValue")):
                text, cpp = self.column_type(arg, "%s.%s" % (cls.name, attr), module)
                parts.append(text)
                typed = True
            else:
                self.note("Column argument %s dropped" % (call_name(arg) or "?"))
        if not typed:
            # The type comes from the ForeignKey's column in SQLAlchemy.
            parts.insert(1 if parts and parts[0].startswith('"') else 0, "Integer")
            cpp = "int"
            self.note("Column without a type: Integer written (SQLAlchemy "
                      "copies the referenced column's type)")
        primary = False
        for kw in call.keywords:
            if kw.arg in COLUMN_KEYWORDS and isinstance(kw.value, ast.Constant):
                parts.append("%s=%s" % (kw.arg, Printer()(kw.value)))
                if kw.arg == "primary_key" and kw.value.value:
                    primary = True
            else:
                self.note("Column keyword %s= dropped (no effect on "
                          "relationships)" % kw.arg)
        return Column(attr, "ORM_COLUMN(%s)" % ", ".join(parts), cpp, fk_tables,
                      primary, origin)

    def foreign_key(self, call: ast.Call, cls: PyClass) -> Optional[Tuple[str, str]]:
        if not call.args:
            return None
        target = call.args[0]
        if isinstance(target, ast.Constant) and isinstance(target.value, str):
            text = target.value
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                and target.value.id in self.classes and \
                self.classes[target.value.id].tablename:
            text = "%s.%s" % (self.classes[target.value.id].tablename, target.attr)
            self.note("ForeignKey(Class.column) written as ForeignKey(\"table.column\")")
        elif isinstance(target, ast.Name) and cls.tablename and \
                target.id in cls.body_names | {c.attr for c in cls.columns}:
            text = "%s.%s" % (cls.tablename, target.id)
            self.note("ForeignKey(column) written as ForeignKey(\"table.column\")")
        else:
            cls.module.skipped.append("%s: ForeignKey(%s) not translatable" % (
                cls.name, ast.unparse(target)))
            return None
        parts = [cpp_string(text)]
        for kw in call.keywords:
            if kw.arg in FK_KEYWORDS and isinstance(kw.value, ast.Constant):
                parts.append("%s=%s" % (kw.arg, Printer()(kw.value)))
            else:
                self.note("ForeignKey keyword %s= dropped" % kw.arg)
        return "ForeignKey(%s)" % ", ".join(parts), text.split(".")[0]

    def collect(self, cls: PyClass) -> None:
        """Columns and relationships of the class body, in order."""
        module = cls.module
        for stmt in cls.node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                decorators = {last_name(d) or call_name(d) for d in stmt.decorator_list}
                if decorators & {"declared_attr", "hybrid_property", "validates",
                                 "column_property"}:
                    what = sorted(decorators & {"declared_attr", "hybrid_property"})
                    if what:
                        self.note("@%s attribute not translated" % what[0])
                continue
            if isinstance(stmt, ast.AnnAssign):
                if stmt.value is not None:
                    self.note("annotated class attribute not translated")
                continue
            if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                    and isinstance(stmt.targets[0], ast.Name)):
                continue
            attr = stmt.targets[0].id
            value = stmt.value
            if attr.startswith("__") and attr.endswith("__"):
                if attr not in ("__tablename__", "__abstract__"):
                    self.note("%s not translated" % attr)
                continue
            kind = call_name(value)
            if kind in self.column_helpers:
                helper = ast.parse(self.column_helpers[kind], mode="eval").body
                self.note("column helper %s() written as %s" % (
                    kind, self.column_helpers[kind]))
                value, kind = helper, "Column"
            if kind == "Column":
                if not self.declarable(attr, cls, "column"):
                    continue
                column = self.column(attr, value, cls, cls.name)
                if column is not None:
                    cls.columns.append(column)
                    cls.body_names.add(attr)
            elif kind in RELATIONSHIP_FUNCS:
                if not self.declarable(attr, cls, "relationship"):
                    continue
                cls.relationships.append(Relationship(attr, value, cls))
                cls.body_names.add(attr)
            elif kind in ("column_property", "synonym", "association_proxy",
                          "composite", "deferred", "query_expression",
                          "generic_relationship", "dynamic_loader"):
                self.note("%s() attribute not translated" % kind)
            elif kind:
                self.note("class attribute assigned from %s() not translated"
                          % kind)

    def declarable(self, attr: str, cls: PyClass, what: str) -> bool:
        if attr in CXX_KEYWORDS:
            cls.module.skipped.append(
                "%s.%s: %s named with a C++ keyword cannot be declared "
                "(issue 11, item 2)" % (cls.name, attr, what))
            return False
        return True

    def inherited_columns(self, cls: PyClass) -> List[Column]:
        """Columns copied from mixins (declarative copies mixin columns
        into each mapped class), in MRO order, first definition wins."""
        out: List[Column] = []
        seen = set(cls.body_names)

        def visit(mixin: object) -> None:
            if isinstance(mixin, PyClass):
                if not mixin.columns and not mixin.relationships:
                    self.collect(mixin)
                for column in mixin.columns:
                    if column.attr not in seen:
                        seen.add(column.attr)
                        out.append(Column(column.attr, column.text, column.cpp,
                                          column.fk_tables, column.primary,
                                          mixin.name))
                for rel in mixin.relationships:
                    cls.module.skipped.append(
                        "%s.%s: relationship on mixin %s not copied (declarative "
                        "needs declared_attr for that)" % (cls.name, rel.attr,
                                                           mixin.name))
                for sub in mixin.mixins:
                    visit(sub)
            else:
                for attr, text in sorted(self.external[mixin].items()):
                    if attr in seen:
                        continue
                    seen.add(attr)
                    call = ast.parse(text, mode="eval").body
                    column = self.column(attr, call, cls, mixin)
                    if column is not None:
                        out.append(column)

        for mixin in cls.mixins:
            visit(mixin)
        return out

    # -- relationships -----------------------------------------------------

    def class_table(self, cls: PyClass) -> Optional[str]:
        while cls is not None and cls.tablename is None:
            cls = cls.model_base
        return cls.tablename if cls else None

    def all_columns(self, cls: PyClass) -> List[Column]:
        out = []
        while cls is not None:
            out += cls.columns
            cls = cls.model_base
        return out

    def relationship(self, rel: Relationship, earlier: Set[str]) -> bool:
        cls, call = rel.owner, rel.node
        module = cls.module
        where = "%s.%s (line %d)" % (cls.name, rel.attr, call.lineno)
        local = {c.attr for c in self.all_columns(cls)} | cls.body_names
        rename = dict(self.table_names)
        parts: List[str] = []
        args = list(call.args)
        if not args:
            for kw in call.keywords:
                if kw.arg == "argument":
                    args = [kw.value]
        if not args:
            module.skipped.append("%s: relationship without a target" % where)
            return False
        target_node = args[0]
        if isinstance(target_node, ast.Constant) and isinstance(target_node.value, str):
            target = target_node.value.rsplit(".", 1)[-1]
        elif dotted(target_node):
            target = last_name(target_node)
            self.note("bare target class written as a string")
        else:
            module.skipped.append("%s: target %s not translatable" % (
                where, ast.unparse(target_node)))
            return False
        if target not in self.classes or not self.classes[target].is_model:
            module.skipped.append("%s: target %s is not a model of the corpus"
                                  % (where, target))
            return False
        rel.target = target
        parts.append(cpp_string(target))
        secondary = None
        if len(args) > 1:
            secondary = args[1]
        keywords = [kw for kw in call.keywords if kw.arg != "argument"]
        uselist = None
        collection = "std::vector"
        has_remote_side = False
        foreign_local = None
        for kw in keywords:
            if kw.arg is None:
                module.skipped.append("%s: **kwargs" % where)
                return False
            if kw.arg == "secondary":
                secondary = kw.value
                continue
            try:
                text = self.keyword(kw, cls, rel, local, earlier, rename)
            except Untranslatable as err:
                module.skipped.append("%s: %s= not translatable (%s); "
                                      "relationship left out" % (where, kw.arg, err))
                return False
            if text is None:
                continue
            parts.append(text)
            if kw.arg == "uselist" and isinstance(kw.value, ast.Constant):
                uselist = bool(kw.value.value)
            elif kw.arg == "remote_side":
                has_remote_side = True
            elif kw.arg == "collection_class":
                name = dotted(kw.value) or call_name(kw.value)
                if name in COLLECTION_CLASSES:
                    collection = COLLECTION_CLASSES[name]
                elif name.endswith("mapped_collection"):
                    collection = "std::map"
            elif kw.arg == "foreign_keys":
                foreign_local = self.foreign_keys_local(kw.value, cls)
        if secondary is not None:
            if isinstance(secondary, ast.Name) and secondary.id in self.table_names:
                parts.insert(1, "secondary=%s" % self.table_names[secondary.id])
            elif isinstance(secondary, ast.Constant) and isinstance(secondary.value, str):
                parts.insert(1, "secondary=%s" % cpp_string(secondary.value))
            else:
                module.skipped.append("%s: secondary=%s not translatable" % (
                    where, ast.unparse(secondary)))
                return False
        # The member's shape: SQLAlchemy's direction, as far as the
        # declaration shows it.
        if uselist is None:
            uselist = True
            if secondary is None:
                target_cls = self.classes[target]
                target_table = self.class_table(target_cls)
                if foreign_local is not None:
                    uselist = not foreign_local
                elif target_cls is cls or target_table == self.class_table(cls):
                    uselist = not has_remote_side
                else:
                    mine = any(target_table in c.fk_tables
                               for c in self.all_columns(cls))
                    uselist = not mine
        element = target + "*"
        if not uselist:
            rel.member = "%s* %s" % (target, rel.attr)
        elif collection == "std::map":
            rel.member = "std::map<std::string, %s> %s" % (element, rel.attr)
        else:
            rel.member = "%s<%s> %s" % (collection, element, rel.attr)
        rel.text = "ORM_RELATIONSHIP(%s)" % ", ".join(parts)
        return True

    def foreign_keys_local(self, node: ast.AST, cls: PyClass) -> Optional[bool]:
        """True when every foreign_keys column belongs to the class."""
        elements = node.elts if isinstance(node, (ast.List, ast.Tuple)) else [node]
        verdicts = []
        for element in elements:
            if isinstance(element, ast.Name):
                verdicts.append(element.id in cls.body_names or any(
                    c.attr == element.id for c in self.all_columns(cls)))
            elif isinstance(element, ast.Attribute) and dotted(element.value):
                verdicts.append(last_name(element.value) == cls.name)
            elif isinstance(element, ast.Constant) and isinstance(element.value, str):
                names = re.findall(r"(\w+)\.\w+", element.value)
                verdicts.append(bool(names) and all(n == cls.name for n in names))
            else:
                return None
        return all(verdicts) if verdicts else None

    def keyword(self, kw: ast.keyword, cls: PyClass, rel: Relationship,
                local: Set[str], earlier: Set[str],
                rename: Dict[str, str]) -> Optional[str]:
        value = kw.value
        printer = Printer(rename)
        if kw.arg == "backref":
            if isinstance(value, ast.Constant):
                return "backref=%s" % printer(value)
            if call_name(value) == "backref":
                inner = []
                for arg in value.args:
                    inner.append(printer(arg))
                for sub in value.keywords:
                    text = self.keyword(sub, cls, rel, local, earlier, rename)
                    if text is not None:
                        inner.append(text)
                return "backref=backref(%s)" % ", ".join(inner)
            raise Untranslatable("backref value %s" % ast.unparse(value))
        if kw.arg in ("primaryjoin", "secondaryjoin", "order_by", "remote_side",
                      "foreign_keys", "_local_remote_pairs"):
            if isinstance(value, ast.Constant):
                return "%s=%s" % (kw.arg, printer(value))
            free = names_in(value) - SQLA_FUNCS
            bare_ok = all(n in local or n in earlier or n in self.table_names
                          for n in free)
            if bare_ok:
                return "%s=%s" % (kw.arg, printer(value))
            # The equivalent string: SQLAlchemy evaluates it in the registry,
            # where the class body's names are Class.name.
            qualified = Printer({n: "%s.%s" % (cls.name, n) for n in local})
            qualified.rename.update(rename)
            self.note("bare %s naming classes of other modules written as "
                      "a string" % kw.arg)
            return "%s=%s" % (kw.arg, cpp_string(qualified(value)))
        if kw.arg in ("collection_class",):
            name = dotted(value) or call_name(value)
            if name in COLLECTION_CLASSES or (
                    call_name(value) in SQLA_FUNCS and all(
                        isinstance(a, ast.Constant) for a in value.args)):
                return "%s=%s" % (kw.arg, printer(value))
            self.note("collection_class=%s dropped" % (name or "?"))
            return None
        if kw.arg in ("query_class", "comparator_factory"):
            self.note("%s= dropped" % kw.arg)
            return None
        literal = all(isinstance(n, (ast.Constant, ast.List, ast.Tuple, ast.Dict,
                                     ast.Load, ast.UnaryOp, ast.USub))
                      for n in ast.walk(value))
        if not literal:
            raise Untranslatable("value %s" % ast.unparse(value))
        return "%s=%s" % (kw.arg, printer(value))

    # -- output ------------------------------------------------------------

    def translate(self) -> Dict[str, str]:
        self.load()
        self.classify()
        for module in self.modules:
            for cls in module.classes:
                if cls.is_model:
                    self.collect(cls)
        files: Dict[str, str] = {}
        summary_modules = []
        for module in self.modules:
            files[module.header], files[module.tu] = self.emit(module)
            summary_modules.append({
                "module": module.path, "header": module.header,
                "models": [c.name for c in module.classes if c.is_model],
                "tables": [t[1] for t in module.tables],
                "not_translated": module.skipped})
        source_rels = source_backrefs = 0
        for module in self.modules:
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Call) and call_name(node) in RELATIONSHIP_FUNCS:
                    source_rels += 1
                    source_backrefs += any(kw.arg == "backref" for kw in node.keywords)
        backrefs = sorted("%s.%s" % (c.name, r.attr) for c in self.classes.values()
                          if c.is_model for r in c.relationships
                          if r.text and "backref=" in r.text)
        summary = {"modules": summary_modules,
                   "source_relationships": source_rels,
                   "source_backrefs": source_backrefs,
                   "backrefs": backrefs,
                   "relationships": sum(len([r for r in c.relationships if r.text])
                                        for c in self.classes.values() if c.is_model),
                   "omitted_constructs": dict(sorted(self.counts.items()))}
        files["translation.json"] = json.dumps(summary, indent=2, sort_keys=True) + "\n"
        return files

    def emit(self, module: PyModule) -> Tuple[str, str]:
        guard = "RELCHECK_CORPUS_" + re.sub(r"\W", "_", module.header).upper()
        body: List[str] = []
        std: Set[str] = set()
        includes: Set[str] = set()
        declared_here: Set[str] = set()
        forward: List[str] = []
        earlier: Set[str] = set()
        for var, name, call in module.tables:
            parts = []
            for arg in call.args[1:]:
                if call_name(arg) == "Column":
                    column = self.column("", arg, PyClass("table " + name, module,
                                                          ast.ClassDef(name="", bases=[],
                                                                       body=[],
                                                                       decorator_list=[])),
                                         name)
                    if column is None:
                        break
                    parts.append(column.text[len("ORM_COLUMN"):].replace(
                        "(", "Column(", 1))
                elif call_name(arg) in ("PrimaryKeyConstraint", "UniqueConstraint",
                                        "Index", "ForeignKeyConstraint"):
                    self.note("Table %s() argument dropped" % call_name(arg))
            else:
                body.append("ORM_TABLE(%s, %s);" % (name, ", ".join(parts)))
                body.append("")
                earlier.add(var)
                module.translated.append("table " + name)
                continue
            module.skipped.append("table %s: a column is not translatable" % name)
        for cls in module.classes:
            if not cls.is_model:
                continue
            if cls.model_base is not None and cls.model_base.module is not module:
                includes.add(cls.model_base.module.header)
            inherited = {c.attr for c in self.all_columns(cls.model_base)}
            columns = [c for c in self.inherited_columns(cls)
                       if c.attr not in inherited] + cls.columns
            cls.columns = columns
            rels = []
            for rel in cls.relationships:
                if self.relationship(rel, earlier | {cls.name}):
                    rels.append(rel)
            cls.relationships = rels
            earlier.add(cls.name)
            head = "struct ORM_MODEL(%s) %s" % (
                cpp_string(cls.tablename) if cls.tablename else "", cls.name)
            if cls.model_base is not None:
                head += " : %s" % cls.model_base.name
            body.append(head + " {")
            for column in columns:
                cpp = column.cpp
                if cpp == "std::string":
                    std.add("string")
                body.append("  %s %s %s;" % (column.text, cpp, column.attr))
            for rel in rels:
                for name in ("vector", "set", "map"):
                    if rel.member.startswith("std::%s<" % name):
                        std.add(name)
                if rel.member.startswith("std::map<"):
                    std.add("string")
                if rel.target not in declared_here and rel.target not in forward \
                        and rel.target != cls.name:
                    forward.append(rel.target)
                body.append("  %s" % rel.text)
                body.append("  %s;" % rel.member)
            body.append("};")
            body.append("")
            declared_here.add(cls.name)
            module.translated.append("model " + cls.name)
        # Corpus modules whose names this module imports and uses.
        used = set()
        for cls in module.classes:
            for rel in cls.relationships:
                used.update(re.findall(r"\w+", rel.text))
        for local, origin in sorted(module.imports.items()):
            for other in self.modules:
                if other is module or not origin.startswith(other.dotted + "."):
                    continue
                if local in used and local in self.table_names:
                    includes.add(other.header)
        lines = ["// Generated by scripts/translate_sqlalchemy_models.py from %s."
                 % module.path, "// Do not edit: regenerate.",
                 "#ifndef " + guard, "#define " + guard, "",
                 "#include <relcheck/orm.hpp>", ""]
        if std:
            lines += ["#include <%s>" % h for h in sorted(std)] + [""]
        if includes:
            lines += ['#include "%s"' % h for h in sorted(includes)] + [""]
        if forward:
            lines += ["struct %s;" % f for f in sorted(forward)] + [""]
        lines += body
        lines += ["#endif  // " + guard, ""]
        tu = ["// Generated by scripts/translate_sqlalchemy_models.py.",
              '#include "%s"' % module.header, ""]
        return "\n".join(lines), "\n".join(tu)


def translate(project: dict, source: str) -> Tuple[Dict[str, str], dict]:
    translator = Translator(project, source)
    files = translator.translate()
    return files, json.loads(files["translation.json"])


def write_tree(files: Dict[str, str], output: str, include: str,
               cxx: str = "clang++-19") -> List[str]:
    """Writes the files and compile_commands.json; returns the TUs."""
    tus = []
    for rel, text in sorted(files.items()):
        path = os.path.join(output, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        if rel.endswith(".cpp"):
            tus.append(path)
    entries = [{"directory": output, "file": tu,
                "arguments": [cxx, "-std=c++17", "-I", output, "-I", include,
                              "-c", tu, "-o", os.devnull]} for tu in tus]
    with open(os.path.join(output, "compile_commands.json"), "w") as handle:
        json.dump(entries, handle, indent=2)
        handle.write("\n")
    return tus


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project-json", required=True,
                        help="a project description, or projects.json with "
                             "--project NAME")
    parser.add_argument("--project", default="")
    parser.add_argument("--source", required=True,
                        help="directory holding the model modules")
    parser.add_argument("--output", required=True)
    parser.add_argument("--include", default=os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        "lib", "include"))
    parser.add_argument("--cxx", default="clang++-19")
    args = parser.parse_args(argv)
    with open(args.project_json) as handle:
        project = json.load(handle)
    if args.project:
        project = project["projects"][args.project]
    files, summary = translate(project, args.source)
    write_tree(files, os.path.realpath(args.output), os.path.realpath(args.include),
               args.cxx)
    for module in summary["modules"]:
        for what in module["not_translated"]:
            sys.stderr.write("%s: not translated: %s\n" % (module["module"], what))
    for what, count in summary["omitted_constructs"].items():
        sys.stderr.write("omitted %dx: %s\n" % (count, what))
    return 0


if __name__ == "__main__":
    sys.exit(main())
