//===- PyParserTest.cpp - Python expression parser and renderer -----------===//

#include "annotations/PyExpr.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace relcheck;

namespace {

/// Compact S-expression of a tree: names bare, numbers '#1', strings in
/// single quotes (raw value), operators and kinds as heads.
std::string dump(const PyExpr &E) {
  auto Kids = [&](size_t From = 0) {
    std::string S;
    for (size_t I = From; I < E.Children.size(); ++I)
      S += " " + dump(E.Children[I]);
    return S;
  };
  switch (E.K) {
  case PyExpr::Kind::Name:
  case PyExpr::Kind::Constant:
    return E.Text;
  case PyExpr::Kind::Number:
    return "#" + E.Text;
  case PyExpr::Kind::String:
    return "'" + E.Text + "'";
  case PyExpr::Kind::Attribute:
    return "(." + Kids() + " " + E.Text + ")";
  case PyExpr::Kind::Subscript:
    return "([]" + Kids() + ")";
  case PyExpr::Kind::Call:
    return "(call" + Kids() + ")";
  case PyExpr::Kind::Keyword:
    return "(" + E.Text + "=" + Kids() + ")";
  case PyExpr::Kind::List:
    return "(list" + Kids() + ")";
  case PyExpr::Kind::Tuple:
    return "(tuple" + Kids() + ")";
  case PyExpr::Kind::Dict:
    return "(dict" + Kids() + ")";
  case PyExpr::Kind::UnaryOp:
    return "(" + std::string(E.Text == "not" ? "" : "u") + E.Text + Kids() +
           ")";
  case PyExpr::Kind::Compare:
  case PyExpr::Kind::BoolOp:
  case PyExpr::Kind::BinOp:
    return "(" + E.Text + Kids() + ")";
  }
  return "?";
}

std::string errorText(const PyParseError &Err) {
  return "error: " + Err.Message + " @" + std::to_string(Err.Begin) + "-" +
         std::to_string(Err.End);
}

std::string expr(std::string_view Text, bool Comments = false) {
  PyParseError Err;
  PyParseOptions Options;
  Options.AllowCppComments = Comments;
  auto E = parsePyExpression(Text, Err, Options);
  return E ? dump(*E) : errorText(Err);
}

std::string args(std::string_view Text, bool Comments = false) {
  PyParseError Err;
  PyParseOptions Options;
  Options.AllowCppComments = Comments;
  auto A = parsePyArguments(Text, Err, Options);
  if (!A)
    return errorText(Err);
  std::string S;
  for (const PyExpr &E : *A)
    S += (S.empty() ? "" : " ") + dump(E);
  return S;
}

PyExpr parseOrDie(std::string_view Text) {
  PyParseError Err;
  auto E = parsePyExpression(Text, Err);
  EXPECT_TRUE(E.has_value()) << Text << ": " << errorText(Err);
  return E ? *E : PyExpr();
}

std::string render(std::string_view Text) {
  PyParseError Err;
  auto E = parsePyExpression(Text, Err);
  return E ? renderPy(*E) : errorText(Err);
}

/// Offsets of every node lie inside the text and inside their parent.
::testing::AssertionResult offsetsNest(const PyExpr &E, unsigned Lo,
                                       unsigned Hi) {
  if (E.Begin < Lo || E.Begin > E.End || E.End > Hi)
    return ::testing::AssertionFailure()
           << dump(E) << " at " << E.Begin << "-" << E.End << " outside " << Lo
           << "-" << Hi;
  for (const PyExpr &C : E.Children) {
    auto R = offsetsNest(C, E.Begin, E.End);
    if (!R)
      return R;
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult roundTrips(const PyExpr &E) {
  std::string Rendered = renderPy(E);
  PyParseError Err;
  auto Again = parsePyExpression(Rendered, Err);
  if (!Again)
    return ::testing::AssertionFailure()
           << dump(E) << " rendered as [" << Rendered
           << "] does not parse: " << errorText(Err);
  if (!sameStructure(E, *Again))
    return ::testing::AssertionFailure()
           << dump(E) << " rendered as [" << Rendered << "] parses as "
           << dump(*Again);
  return ::testing::AssertionSuccess();
}

} // namespace

//===----------------------------------------------------------------------===//
// Literals
//===----------------------------------------------------------------------===//

TEST(PyParserLiterals, Numbers) {
  EXPECT_EQ(expr("0"), "#0");
  EXPECT_EQ(expr("00"), "#00");
  EXPECT_EQ(expr("42"), "#42");
  EXPECT_EQ(expr("1_000_000"), "#1_000_000");
  EXPECT_EQ(expr("0xFF"), "#0xFF");
  EXPECT_EQ(expr("0x_ff_00"), "#0x_ff_00");
  EXPECT_EQ(expr("0o17"), "#0o17");
  EXPECT_EQ(expr("0b1010"), "#0b1010");
  EXPECT_EQ(expr("1.5"), "#1.5");
  EXPECT_EQ(expr(".5"), "#.5");
  EXPECT_EQ(expr("1."), "#1.");
  EXPECT_EQ(expr("1e10"), "#1e10");
  EXPECT_EQ(expr("1E-3"), "#1E-3");
  EXPECT_EQ(expr("1.5e+3j"), "#1.5e+3j");
  EXPECT_EQ(expr("3j"), "#3j");
  EXPECT_EQ(expr("0.0"), "#0.0");
  EXPECT_EQ(expr("1..real"), "(. #1. real)");
}

TEST(PyParserLiterals, NumberErrors) {
  EXPECT_EQ(expr("1abc"), "error: invalid decimal literal @0-4");
  EXPECT_EQ(expr("1_"), "error: invalid decimal literal @0-2");
  EXPECT_EQ(expr("1__0"), "error: invalid decimal literal @0-4");
  EXPECT_EQ(expr("0x"), "error: invalid hexadecimal literal @0-2");
  EXPECT_EQ(expr("0xg"), "error: invalid hexadecimal literal @0-3");
  EXPECT_EQ(expr("0b2"), "error: invalid binary literal @0-3");
  EXPECT_EQ(expr("0o8"), "error: invalid octal literal @0-3");
  EXPECT_EQ(expr("x + 012"),
            "error: leading zeros in decimal integer literals are not "
            "permitted; use an 0o prefix for octal integers @4-7");
}

TEST(PyParserLiterals, Constants) {
  EXPECT_EQ(expr("True"), "True");
  EXPECT_EQ(expr("False"), "False");
  EXPECT_EQ(expr("None"), "None");
  EXPECT_TRUE(parseOrDie("None").is(PyExpr::Kind::Constant));
  EXPECT_TRUE(parseOrDie("true").is(PyExpr::Kind::Name));
}

TEST(PyParserLiterals, Strings) {
  EXPECT_EQ(expr("'abc'"), "'abc'");
  EXPECT_EQ(expr("\"abc\""), "'abc'");
  EXPECT_EQ(expr("''"), "''");
  EXPECT_EQ(expr("'say \"hi\"'"), "'say \"hi\"'");
  EXPECT_EQ(expr("'''a'b\nc'''"), "'a'b\nc'");
  EXPECT_EQ(expr("\"\"\"x\"\"\""), "'x'");
  EXPECT_EQ(expr("'''a''' 'b'"), "'ab'");
  EXPECT_EQ(expr("'a' \"b\" 'c'"), "'abc'");
  EXPECT_EQ(expr("u'x'"), "'x'");
  EXPECT_EQ(expr("U\"x\""), "'x'");
  EXPECT_EQ(expr("r'\\d+'"), "'\\d+'");
  EXPECT_EQ(expr("R'\\n'"), "'\\n'");
  EXPECT_EQ(expr("r'\\''"), "'\\''");
  EXPECT_EQ(expr("'a' r'\\b'"), "'a\\b'");
}

TEST(PyParserLiterals, Escapes) {
  EXPECT_EQ(parseOrDie("'a\\nb'").Text, "a\nb");
  EXPECT_EQ(parseOrDie("'\\t\\\\\\'\\\"'").Text, "\t\\'\"");
  EXPECT_EQ(parseOrDie("'\\x41\\x62'").Text, "Ab");
  EXPECT_EQ(parseOrDie("'\\u00e9'").Text, "\xC3\xA9");
  EXPECT_EQ(parseOrDie("'\\u20AC'").Text, "\xE2\x82\xAC");
  EXPECT_EQ(parseOrDie("'\\U0001F600'").Text, "\xF0\x9F\x98\x80");
  EXPECT_EQ(parseOrDie("'\\101\\0'").Text, std::string("A\0", 2));
  EXPECT_EQ(parseOrDie("'\\a\\b\\f\\r\\v'").Text, "\a\b\f\r\v");
  // Unknown escapes stay as written, as in Python.
  EXPECT_EQ(parseOrDie("'\\d\\.\\8'").Text, "\\d\\.\\8");
  EXPECT_EQ(parseOrDie("'a\\\nb'").Text, "ab");
}

TEST(PyParserLiterals, StringErrors) {
  EXPECT_EQ(expr("'abc"), "error: unterminated string literal @0-1");
  EXPECT_EQ(expr("x == r\"abc"), "error: unterminated string literal @5-7");
  EXPECT_EQ(expr("'a\nb'"), "error: unterminated string literal @0-1");
  EXPECT_EQ(expr("'\\'"), "error: unterminated string literal @0-1");
  EXPECT_EQ(expr("x + '''abc''"),
            "error: unterminated triple-quoted string literal @4-7");
  EXPECT_EQ(expr("f'x{y}'"), "error: f-strings are not supported @0-7");
  EXPECT_EQ(expr("a(rf'x')"), "error: f-strings are not supported @2-7");
  EXPECT_EQ(expr("b'x'"), "error: bytes literals are not supported @0-4");
  EXPECT_EQ(expr("'a' Br'x'"), "error: bytes literals are not supported @4-9");
  EXPECT_EQ(expr("'\\x4'"), "error: truncated '\\xXX' escape @1-4");
  EXPECT_EQ(expr("'\\u12'"), "error: truncated '\\uXXXX' escape @1-5");
  EXPECT_EQ(expr("'\\U00110000'"),
            "error: illegal Unicode character in escape @1-11");
  EXPECT_EQ(expr("'\\N{DASH}'"),
            "error: named Unicode escapes ('\\N{...}') are not supported @1-3");
}

TEST(PyParserLiterals, VerbatimAndValueOffset) {
  PyExpr Plain = parseOrDie("  'abc'");
  EXPECT_TRUE(Plain.Verbatim);
  EXPECT_EQ(Plain.ValueOffset, 3u);
  EXPECT_EQ(Plain.Begin, 2u);
  EXPECT_EQ(Plain.End, 7u);

  PyExpr Raw = parseOrDie("r'a\\d'");
  EXPECT_TRUE(Raw.Verbatim);
  EXPECT_EQ(Raw.ValueOffset, 2u);

  PyExpr Triple = parseOrDie("u'''x'''");
  EXPECT_TRUE(Triple.Verbatim);
  EXPECT_EQ(Triple.ValueOffset, 4u);

  PyExpr Escaped = parseOrDie("'a\\nb'");
  EXPECT_FALSE(Escaped.Verbatim);
  EXPECT_EQ(Escaped.ValueOffset, 1u);

  PyExpr Concat = parseOrDie("'a' 'b'");
  EXPECT_FALSE(Concat.Verbatim);
  EXPECT_EQ(Concat.ValueOffset, 1u);
  EXPECT_EQ(Concat.Begin, 0u);
  EXPECT_EQ(Concat.End, 7u);

  PyParseError Err;
  auto Args = parsePyArguments(
      R"("Address", primaryjoin="User.id == Address.user_id")", Err);
  if (!Args)
    FAIL() << errorText(Err);
  const PyExpr &Join = (*Args)[1].Children[0];
  EXPECT_TRUE(Join.Verbatim);
  EXPECT_EQ(Join.ValueOffset, 24u);
}

//===----------------------------------------------------------------------===//
// Grammar
//===----------------------------------------------------------------------===//

TEST(PyParserGrammar, Primaries) {
  EXPECT_EQ(expr("a"), "a");
  EXPECT_EQ(expr("a.b.c"), "(. (. a b) c)");
  EXPECT_EQ(expr("f()"), "(call f)");
  EXPECT_EQ(expr("f(a, b=1,)"), "(call f a (b= #1))");
  EXPECT_EQ(expr("f(a)(b)"), "(call (call f a) b)");
  EXPECT_EQ(expr("a.b(c).d"), "(. (call (. a b) c) d)");
  EXPECT_EQ(expr("x[0]"), "([] x #0)");
  EXPECT_EQ(expr("x['k'][1]"), "([] ([] x 'k') #1)");
  EXPECT_EQ(expr("x[1, 2]"), "([] x (tuple #1 #2))");
  EXPECT_EQ(expr("'a'.join(x)"), "(call (. 'a' join) x)");
  EXPECT_EQ(expr("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(PyParserGrammar, Displays) {
  EXPECT_EQ(expr("[]"), "(list)");
  EXPECT_EQ(expr("[a, b,]"), "(list a b)");
  EXPECT_EQ(expr("()"), "(tuple)");
  EXPECT_EQ(expr("(a)"), "a");
  EXPECT_EQ(expr("((a))"), "a");
  EXPECT_EQ(expr("(a,)"), "(tuple a)");
  EXPECT_EQ(expr("(a, b)"), "(tuple a b)");
  EXPECT_EQ(expr("{}"), "(dict)");
  EXPECT_EQ(expr("{'a': 1, 'b': [2],}"), "(dict 'a' #1 'b' (list #2))");
  EXPECT_EQ(expr("a, b"), "(tuple a b)");
  EXPECT_EQ(expr("a,"), "(tuple a)");
  EXPECT_EQ(expr("[(a, b), (c,)]"), "(list (tuple a b) (tuple c))");
}

TEST(PyParserGrammar, Operators) {
  EXPECT_EQ(expr("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(expr("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(expr("a // b % c / d"), "(/ (% (// a b) c) d)");
  EXPECT_EQ(expr("a | b ^ c & d << e + f"), "(| a (^ b (& c (<< d (+ e f)))))");
  EXPECT_EQ(expr("a >> 1 << 2"), "(<< (>> a #1) #2)");
  EXPECT_EQ(expr("-a ** b"), "(u- (** a b))");
  EXPECT_EQ(expr("a ** b ** c"), "(** a (** b c))");
  EXPECT_EQ(expr("a ** -b"), "(** a (u- b))");
  EXPECT_EQ(expr("-a * ~b + +c"), "(+ (* (u- a) (u~ b)) (u+ c))");
  EXPECT_EQ(expr("--a"), "(u- (u- a))");
  EXPECT_EQ(expr("a @ b"), "(@ a b)");
  EXPECT_EQ(expr("(a + b) * c"), "(* (+ a b) c)");
}

TEST(PyParserGrammar, Comparisons) {
  EXPECT_EQ(expr("a == b"), "(== a b)");
  EXPECT_EQ(expr("a != b"), "(!= a b)");
  EXPECT_EQ(expr("a <= b + 1"), "(<= a (+ b #1))");
  EXPECT_EQ(expr("a in b"), "(in a b)");
  EXPECT_EQ(expr("a not in b"), "(not in a b)");
  EXPECT_EQ(expr("a is b"), "(is a b)");
  EXPECT_EQ(expr("a is not None"), "(is not a None)");
  EXPECT_EQ(expr("a < b <= c"), "(and (< a b) (<= b c))");
  EXPECT_EQ(expr("a < b > c != d"), "(and (< a b) (> b c) (!= c d))");
  EXPECT_EQ(expr("a | b == c & d"), "(== (| a b) (& c d))");
}

TEST(PyParserGrammar, BooleanOperators) {
  EXPECT_EQ(expr("a and b"), "(and a b)");
  EXPECT_EQ(expr("a or b or c"), "(or a b c)");
  EXPECT_EQ(expr("a and b or c and d"), "(or (and a b) (and c d))");
  EXPECT_EQ(expr("not a"), "(not a)");
  EXPECT_EQ(expr("not not a"), "(not (not a))");
  EXPECT_EQ(expr("not a == b"), "(not (== a b))");
  EXPECT_EQ(expr("not a and b"), "(and (not a) b)");
  EXPECT_EQ(expr("a and (b or c)"), "(and a (or b c))");
  EXPECT_EQ(expr("(a and b) and c"), "(and (and a b) c)");
}

TEST(PyParserGrammar, Unsupported) {
  EXPECT_EQ(expr("lambda: User.id == 1"),
            "error: lambda is not supported: write the condition as a string "
            "@0-6");
  EXPECT_EQ(expr("f(x=lambda: 1)"),
            "error: lambda is not supported: write the condition as a string "
            "@4-10");
  EXPECT_EQ(expr("a if b else c"),
            "error: conditional expressions ('x if c else y') are not "
            "supported @2-4");
  EXPECT_EQ(expr("[x for x in y]"),
            "error: comprehensions are not supported @3-6");
  EXPECT_EQ(expr("f(x for x in y)"),
            "error: comprehensions are not supported @4-7");
  EXPECT_EQ(expr("f(*a)"),
            "error: argument unpacking ('*args') is not supported @2-4");
  EXPECT_EQ(expr("f(x, **kw)"),
            "error: keyword argument unpacking ('**kwargs') is not supported "
            "@5-9");
  EXPECT_EQ(expr("a[1:2]"), "error: slices are not supported @3-4");
  EXPECT_EQ(expr("{a, b}"), "error: set literals are not supported @0-1");
  EXPECT_EQ(expr("{**a}"),
            "error: dict unpacking ('**') is not supported @1-3");
  EXPECT_EQ(expr("(x := 1)"),
            "error: assignment expressions (':=') are not supported @3-5");
  EXPECT_EQ(expr("User.id = Address.user_id"),
            "error: expression cannot contain assignment; did you mean '=='? "
            "@8-9");
  EXPECT_EQ(expr("f(a.b=1)"),
            "error: expression cannot contain assignment; did you mean '=='? "
            "@5-6");
  EXPECT_EQ(expr("yield x"), "error: expected an expression @0-5");
  EXPECT_EQ(expr("..."), "error: expected an expression @0-1");
}

//===----------------------------------------------------------------------===//
// Argument lists
//===----------------------------------------------------------------------===//

TEST(PyParserArguments, Basics) {
  EXPECT_EQ(args(""), "");
  EXPECT_EQ(args("  \n\t "), "");
  EXPECT_EQ(args("a"), "a");
  EXPECT_EQ(args("a, b,"), "a b");
  EXPECT_EQ(args("a, key=value"), "a (key= value)");
  EXPECT_EQ(args("k = 1 , j=(1, 2)"), "(k= #1) (j= (tuple #1 #2))");
  EXPECT_EQ(args("x == 1"), "(== x #1)");
}

TEST(PyParserArguments, PythonErrors) {
  EXPECT_EQ(args("a=1, b"),
            "error: positional argument follows keyword argument @5-6");
  EXPECT_EQ(args("a=1, f(x)"),
            "error: positional argument follows keyword argument @5-9");
  EXPECT_EQ(args("a=1, b=2, a=3"),
            "error: keyword argument repeated: 'a' @10-11");
  EXPECT_EQ(expr("f(a=1, a=2)"), "error: keyword argument repeated: 'a' @7-8");
  EXPECT_EQ(expr("f(a=1, b)"),
            "error: positional argument follows keyword argument @7-8");
  EXPECT_EQ(args(","), "error: expected an expression @0-1");
  EXPECT_EQ(args("a,,b"), "error: expected an expression @2-3");
  EXPECT_EQ(args("a b"), "error: expected ',' after argument @2-3");
  EXPECT_EQ(args("a, b)"), "error: unmatched ')' @4-5");
  EXPECT_EQ(args("f("), "error: '(' was never closed @1-2");
  EXPECT_EQ(args("x="), "error: expected an expression @2-2");
}

TEST(PyParserArguments, RelcheckVocabulary) {
  EXPECT_EQ(args("\"Address\", backref=backref(\"user\", lazy='joined')"),
            "'Address' (backref= (call backref 'user' (lazy= 'joined')))");
  EXPECT_EQ(args("\"Address\", back_populates=\"user\""),
            "'Address' (back_populates= 'user')");
  EXPECT_EQ(args("Integer, primary_key=True"), "Integer (primary_key= True)");
  EXPECT_EQ(args("String(50)"), "(call String #50)");
  EXPECT_EQ(args("Integer, ForeignKey(\"user.id\")"),
            "Integer (call ForeignKey 'user.id')");
  EXPECT_EQ(args("remote_side=[id]"), "(remote_side= (list id))");
  EXPECT_EQ(args("\"Node\", remote_side=\"Node.id\", uselist=False"),
            "'Node' (remote_side= 'Node.id') (uselist= False)");
  EXPECT_EQ(args("Column(\"left_id\", ForeignKey(\"left.id\"), "
                 "primary_key=True)"),
            "(call Column 'left_id' (call ForeignKey 'left.id') "
            "(primary_key= True))");
  EXPECT_EQ(args("association_table, Column(\"left_id\", "
                 "ForeignKey(\"left.id\"), primary_key=True), "
                 "Column(\"right_id\", ForeignKey(\"right.id\"), "
                 "primary_key=True)"),
            "association_table (call Column 'left_id' (call ForeignKey "
            "'left.id') (primary_key= True)) (call Column 'right_id' (call "
            "ForeignKey 'right.id') (primary_key= True))");
  EXPECT_EQ(args("\"Child\", secondary=association_table, "
                 "cascade=\"all, delete-orphan\", lazy=\"dynamic\", "
                 "order_by=\"Child.id.desc()\", foreign_keys=[a.b, c.d], "
                 "info={'x': 1}"),
            "'Child' (secondary= association_table) (cascade= 'all, "
            "delete-orphan') (lazy= 'dynamic') (order_by= 'Child.id.desc()') "
            "(foreign_keys= (list (. a b) (. c d))) (info= (dict 'x' #1))");
}

TEST(PyParserExpressions, JoinConditions) {
  EXPECT_EQ(expr("and_(User.id == Address.user_id, "
                 "Address.email.startswith('tony'))"),
            "(call and_ (== (. User id) (. Address user_id)) (call (. (. "
            "Address email) startswith) 'tony'))");
  EXPECT_EQ(expr("remote(foreign(Node.parent_id)) == Node.id"),
            "(== (call remote (call foreign (. Node parent_id))) (. Node id))");
  EXPECT_EQ(expr("or_(A.x.in_([1, 2]), A.y != None)"),
            "(call or_ (call (. (. A x) in_) (list #1 #2)) (!= (. A y) None))");
  EXPECT_EQ(expr("assoc.c.left_id == Left.id"),
            "(== (. (. assoc c) left_id) (. Left id))");
  EXPECT_EQ(expr("and_(A.id == B.a_id, B.deleted == False)"),
            "(call and_ (== (. A id) (. B a_id)) (== (. B deleted) False))");
}

//===----------------------------------------------------------------------===//
// Errors: messages and exact ranges
//===----------------------------------------------------------------------===//

TEST(PyParserErrors, Brackets) {
  EXPECT_EQ(expr("f(a"), "error: '(' was never closed @1-2");
  EXPECT_EQ(expr("f(a, "), "error: '(' was never closed @1-2");
  EXPECT_EQ(expr("f(g(a)"), "error: '(' was never closed @1-2");
  EXPECT_EQ(expr("[1, 2"), "error: '[' was never closed @0-1");
  EXPECT_EQ(expr("x[1"), "error: '[' was never closed @1-2");
  EXPECT_EQ(expr("{1: 2"), "error: '{' was never closed @0-1");
  EXPECT_EQ(expr("(a"), "error: '(' was never closed @0-1");
  EXPECT_EQ(expr("a)"), "error: unmatched ')' @1-2");
  EXPECT_EQ(expr("f(a))"), "error: unmatched ')' @4-5");
  EXPECT_EQ(expr("]"), "error: unmatched ']' @0-1");
  EXPECT_EQ(expr("(a]"), "error: closing ']' does not match '(' @2-3");
  EXPECT_EQ(expr("f(a}"), "error: closing '}' does not match '(' @3-4");
  EXPECT_EQ(expr("[a)"), "error: closing ')' does not match '[' @2-3");
}

TEST(PyParserErrors, Syntax) {
  EXPECT_EQ(expr(""), "error: expected an expression @0-0");
  EXPECT_EQ(expr("   "), "error: expected an expression @3-3");
  EXPECT_EQ(expr("a +"), "error: expected an expression @3-3");
  EXPECT_EQ(expr("a + * b"), "error: expected an expression @4-5");
  EXPECT_EQ(expr("a b"), "error: unexpected 'b' after the expression @2-3");
  EXPECT_EQ(expr("a 'x'"),
            "error: unexpected string literal after the expression @2-5");
  EXPECT_EQ(expr("a; b"), "error: unexpected ';' after the expression @1-2");
  EXPECT_EQ(expr("f(a b)"), "error: expected ',' or ')' after argument @4-5");
  EXPECT_EQ(expr("f(a,, b)"), "error: expected an expression @4-5");
  EXPECT_EQ(expr("[a b]"),
            "error: expected ',' or ']' after list element @3-4");
  EXPECT_EQ(expr("{a: b c}"),
            "error: expected ',' or '}' after dict entry @6-7");
  EXPECT_EQ(expr("{a: b, c}"), "error: expected ':' after dict key @8-9");
  EXPECT_EQ(expr("(a b)"), "error: expected ')' @3-4");
  EXPECT_EQ(expr("(a, b c)"),
            "error: expected ',' or ')' after tuple element @6-7");
  EXPECT_EQ(expr("x[a b]"), "error: expected ']' after the subscript @4-5");
  EXPECT_EQ(expr("a.if"), "error: expected an attribute name after '.' @2-4");
  EXPECT_EQ(expr("a.1"), "error: unexpected '.1' after the expression @1-3");
  EXPECT_EQ(expr("a. "), "error: expected an attribute name after '.' @3-3");
  EXPECT_EQ(expr("a not b"), "error: expected 'in' after 'not' @6-7");
  EXPECT_EQ(expr("a = = b"),
            "error: expression cannot contain assignment; did you mean '=='? "
            "@2-3");
  EXPECT_EQ(expr("for"), "error: expected an expression @0-3");
}

TEST(PyParserErrors, Characters) {
  EXPECT_EQ(expr("a # comment"), "error: unexpected character '#' @2-3");
  EXPECT_EQ(expr("a $ b"), "error: unexpected character '$' @2-3");
  EXPECT_EQ(expr("a ! b"), "error: unexpected character '!' @2-3");
  EXPECT_EQ(expr(std::string("a\0b", 3)),
            "error: unexpected character U+0000 @1-2");
  EXPECT_EQ(expr("\x01"), "error: unexpected character U+0001 @0-1");
  EXPECT_EQ(expr("a + \xFF"), "error: invalid UTF-8 byte 0xFF @4-5");
  EXPECT_EQ(expr("ab\xC3"), "error: invalid UTF-8 byte 0xC3 @2-3");
  EXPECT_EQ(expr("\xE2\x80\x9Cuser\xE2\x80\x9D"),
            "error: invalid character U+201C; did you mean '\"'? @0-3");
  EXPECT_EQ(expr("a\xC2\xA0== b"),
            "error: invalid non-printable character U+00A0 @1-3");
  EXPECT_EQ(expr("a \\ b"),
            "error: unexpected character after line continuation character "
            "@2-3");
  // Bytes inside strings are copied as they are.
  EXPECT_EQ(parseOrDie("'\xFF\x01'").Text, "\xFF\x01");
}

// A chained comparison repeats its middle operand (a < b < c is a < b and
// b < c); chains nested in the middle of chains doubled the tree at every
// level (the annotation fuzzer's 771-byte input took seconds). The tree is
// now linear in the text: such nesting is an error, ordinary chains parse.
TEST(PyParserErrors, ChainedComparisonsInChainsAreBounded) {
  std::string Chain = "x";
  for (int Level = 0; Level < 40; ++Level)
    Chain = "a < (" + std::move(Chain) + ") < b";
  PyParseError Err;
  EXPECT_FALSE(parsePyExpression(Chain, Err));
  EXPECT_EQ(Err.Message, "chained comparisons nested too deeply (each "
                         "repeats its middle operand); write them with 'and'");
  EXPECT_LE(Err.End, Chain.size());

  std::optional<PyExpr> Ordinary = parsePyExpression("0 < a.x <= b.y < 9", Err);
  if (!Ordinary)
    FAIL() << "did not parse";
  EXPECT_EQ(Ordinary->Children.size(), 3u);
  std::string Nested = "x";
  for (int Level = 0; Level < 4; ++Level)
    Nested = "a < (" + std::move(Nested) + ") < b";
  EXPECT_TRUE(parsePyExpression(Nested, Err)) << Err.Message;
}

TEST(PyParserErrors, NestingLimit) {
  std::string Parens(1 << 20, '(');
  PyParseError Err;
  EXPECT_FALSE(parsePyExpression(Parens, Err));
  EXPECT_EQ(Err.Message, "expression nested too deeply");
  EXPECT_LE(Err.Begin, Err.End);
  EXPECT_LE(Err.End, Parens.size());
  EXPECT_FALSE(parsePyArguments(Parens, Err));
  EXPECT_EQ(Err.Message, "expression nested too deeply");

  for (std::string Unit : {"-", "not ", "[", "{1:", "f(", "x[", "a.", "a+",
                           "a**", "a()", "a[0]", "a if "}) {
    std::string Deep;
    while (Deep.size() < (1u << 18))
      Deep += Unit;
    Deep += "a";
    PyParseError E;
    EXPECT_FALSE(parsePyExpression(Deep, E)) << Unit;
    EXPECT_LE(E.End, Deep.size());
  }

  std::string Fine = std::string(150, '(') + "a" + std::string(150, ')');
  EXPECT_EQ(expr(Fine), "a");
  std::string Wide;
  for (int I = 0; I < 100000; ++I)
    Wide += "a, ";
  PyParseError E;
  auto Many = parsePyArguments(Wide, E);
  if (!Many)
    FAIL() << "did not parse";
  EXPECT_EQ(Many->size(), 100000u);
}

//===----------------------------------------------------------------------===//
// Offsets
//===----------------------------------------------------------------------===//

TEST(PyParserOffsets, NodesCoverTheirBytes) {
  PyExpr Call = parseOrDie("f(a, b=1)");
  EXPECT_EQ(Call.Begin, 0u);
  EXPECT_EQ(Call.End, 9u);
  const PyExpr &Kw = Call.Children[2];
  EXPECT_EQ(Kw.Begin, 5u);
  EXPECT_EQ(Kw.End, 8u);
  EXPECT_EQ(Kw.Children[0].Begin, 7u);

  PyExpr Attr = parseOrDie(" a.b.c ");
  EXPECT_EQ(Attr.Begin, 1u);
  EXPECT_EQ(Attr.End, 6u);
  EXPECT_EQ(Attr.Children[0].End, 4u);

  PyExpr Sub = parseOrDie("x[0]");
  EXPECT_EQ(Sub.End, 4u);

  PyExpr Paren = parseOrDie("(a + b) * c");
  EXPECT_EQ(Paren.Begin, 0u);
  EXPECT_EQ(Paren.End, 11u);
  EXPECT_EQ(Paren.Children[0].Begin, 1u);
  EXPECT_EQ(Paren.Children[0].End, 6u);

  PyExpr Chain = parseOrDie("a < b < (c)");
  EXPECT_EQ(Chain.Begin, 0u);
  EXPECT_EQ(Chain.End, 11u);
  EXPECT_EQ(Chain.Children[0].End, 5u);
  EXPECT_EQ(Chain.Children[1].Begin, 4u);
  EXPECT_EQ(Chain.Children[1].End, 11u);

  PyExpr Tuple = parseOrDie("a, b,");
  EXPECT_EQ(Tuple.End, 5u);
  PyExpr ParenTuple = parseOrDie("(a, b)");
  EXPECT_EQ(ParenTuple.Begin, 0u);
  EXPECT_EQ(ParenTuple.End, 6u);

  PyExpr List = parseOrDie("[a, b,]");
  EXPECT_EQ(List.End, 7u);

  PyExpr Not = parseOrDie("not  x");
  EXPECT_EQ(Not.Begin, 0u);
  EXPECT_EQ(Not.End, 6u);

  PyParseError Err;
  auto Args = parsePyArguments("x , key = 'v' ", Err);
  if (!Args)
    FAIL() << "did not parse";
  EXPECT_EQ((*Args)[1].Begin, 4u);
  EXPECT_EQ((*Args)[1].End, 13u);
}

//===----------------------------------------------------------------------===//
// C++ comments in raw macro arguments
//===----------------------------------------------------------------------===//

TEST(PyParserComments, AllowCppComments) {
  EXPECT_EQ(args("\"Address\", // the target\n back_populates=\"user\"", true),
            "'Address' (back_populates= 'user')");
  EXPECT_EQ(args("a, /* b, */ c", true), "a c");
  EXPECT_EQ(args("a, \\\n c", true), "a c");
  EXPECT_EQ(args("/* only */ // comments", true), "");
  EXPECT_EQ(args("'/* not a comment */'", true), "'/* not a comment */'");
  EXPECT_EQ(expr("a // b", true), "a");
  EXPECT_EQ(expr("a // b"), "(// a b)");
  EXPECT_EQ(expr("a /* b */ == c", true), "(== a c)");
  EXPECT_EQ(args("a, /* b", true), "error: unterminated /* comment @3-5");
  EXPECT_EQ(args("a, /* b"), "error: expected an expression @3-4");
  EXPECT_EQ(args("a # c", true), "error: unexpected character '#' @2-3");
  // Offsets stay those of the original text.
  PyParseError Err;
  PyParseOptions Options;
  Options.AllowCppComments = true;
  auto A = parsePyArguments("/*x*/ k=1", Err, Options);
  if (!A)
    FAIL() << "did not parse";
  EXPECT_EQ((*A)[0].Begin, 6u);
}

//===----------------------------------------------------------------------===//
// Rendering
//===----------------------------------------------------------------------===//

TEST(PyParserRender, Canonical) {
  EXPECT_EQ(render("f( a ,b = 1 )"), "f(a, b=1)");
  EXPECT_EQ(render("[a,b,]"), "[a, b]");
  EXPECT_EQ(render("(a,)"), "(a,)");
  EXPECT_EQ(render("()"), "()");
  EXPECT_EQ(render("a,b"), "(a, b)");
  EXPECT_EQ(render("{'a':1}"), "{\"a\": 1}");
  EXPECT_EQ(render("a==b"), "a == b");
  EXPECT_EQ(render("a  not in  b"), "a not in b");
  EXPECT_EQ(render("and_(x,y)"), "and_(x, y)");
  EXPECT_EQ(render("'x'"), "\"x\"");
  EXPECT_EQ(render("'it\\'s'"), "\"it's\"");
  EXPECT_EQ(render("'say \"hi\"'"), "'say \"hi\"'");
  EXPECT_EQ(render("'a\"b\\'c'"), "\"a\\\"b'c\"");
  EXPECT_EQ(render("'\\n\\t\\\\\\x01'"), "\"\\n\\t\\\\\\x01\"");
  EXPECT_EQ(render("'a' 'b'"), "\"ab\"");
  EXPECT_EQ(render("r'\\d'"), "\"\\\\d\"");
  EXPECT_EQ(render("x.y(z)[0]"), "x.y(z)[0]");
  EXPECT_EQ(render("(1).real"), "(1).real");
  EXPECT_EQ(render("x[1,2]"), "x[1, 2]");
  EXPECT_EQ(render("x[(1,2)]"), "x[1, 2]");
  EXPECT_EQ(render("x[1,]"), "x[1,]");
  EXPECT_EQ(render("x[()]"), "x[()]");
}

TEST(PyParserRender, SubscriptChainAtTheDepthLimitRendersParseable) {
  // Found by fuzz_annotation_parser (CPU-hour run): x[a, ...] rendered as
  // x[(a, ...)], one level deeper per subscript than what was parsed, so
  // a chain the parser accepted rendered to text it refused as "nested too
  // deeply" (a fix-it written from it would not read back).
  std::string Deepest;
  for (std::string Text = "x";;) {
    std::string Next = "x[a, " + Text + "]";
    PyParseError Err;
    if (!parsePyExpression(Next, Err))
      break;
    Deepest = Text = Next;
  }
  ASSERT_FALSE(Deepest.empty());
  PyParseError Err;
  std::string Rendered = renderPy(parseOrDie(Deepest));
  EXPECT_TRUE(parsePyExpression(Rendered, Err)) << errorText(Err);
}

TEST(PyParserRender, ParenthesesOnlyWhenNeeded) {
  EXPECT_EQ(render("(a + b) * c"), "(a + b) * c");
  EXPECT_EQ(render("a + (b * c)"), "a + b * c");
  EXPECT_EQ(render("a + (b + c)"), "a + (b + c)");
  EXPECT_EQ(render("(a - b) - c"), "a - b - c");
  EXPECT_EQ(render("-(a + b)"), "-(a + b)");
  EXPECT_EQ(render("(-a) ** b"), "(-a) ** b");
  EXPECT_EQ(render("-(a ** b)"), "-a ** b");
  EXPECT_EQ(render("a ** (-b)"), "a ** -b");
  EXPECT_EQ(render("(a ** b) ** c"), "(a ** b) ** c");
  EXPECT_EQ(render("a ** (b ** c)"), "a ** b ** c");
  EXPECT_EQ(render("not (a and b)"), "not (a and b)");
  EXPECT_EQ(render("(not a) and b"), "not a and b");
  EXPECT_EQ(render("(a or b) and c"), "(a or b) and c");
  EXPECT_EQ(render("a or (b and c)"), "a or b and c");
  EXPECT_EQ(render("a and (b and c)"), "a and (b and c)");
  EXPECT_EQ(render("(a < b) < c"), "(a < b) < c");
  EXPECT_EQ(render("a < b < c"), "a < b and b < c");
  EXPECT_EQ(render("a == (not b)"), "a == (not b)");
  EXPECT_EQ(render("(a + b).c"), "(a + b).c");
  EXPECT_EQ(render("(-a)(b)"), "(-a)(b)");
  EXPECT_EQ(render("f(x=(a, b))"), "f(x=(a, b))");
}

TEST(PyParserRender, Arguments) {
  PyParseError Err;
  auto A =
      parsePyArguments("'Address' ,backref=backref('user',lazy='joined')", Err);
  if (!A)
    FAIL() << "did not parse";
  EXPECT_EQ(renderPyArguments(*A),
            "\"Address\", backref=backref(\"user\", lazy=\"joined\")");
  EXPECT_EQ(renderPyArguments({}), "");
}

TEST(PyParserRender, RoundTrip) {
  const char *Inputs[] = {
      "a",
      "a.b.c",
      "f()",
      "f(a, b=c)",
      "x[0][1]",
      "[1, 2.5, 'x', None]",
      "()",
      "(a,)",
      "(a, (b,), ())",
      "{}",
      "{'a': [1, {'b': 2}]}",
      "a + b * c - d / e // f % g",
      "a | b & c ^ d << e >> f",
      "-a ** -b ** ~c",
      "(-a) ** b",
      "a < b < c <= d",
      "a not in b and c is not None or not d",
      "not not a",
      "(a or b) and (c or d)",
      "a and (b and c)",
      "(a or b) or c",
      "(a < b) == c",
      "(a == b) is c",
      "and_(User.id == Address.user_id, Address.email.startswith('tony'))",
      "remote(foreign(Node.parent_id)) == Node.id",
      "or_(A.x.in_([1, 2]), A.y != None)",
      R"('\x00\x7f\n\r\t"\'')",
      "'\\u00e9\\U0001F600'",
      R"(r'\d' '"' "'")",
      "1..real",
      "(1.5).real",
      "(0x10).bit_length()",
      "3j",
      "1e-3 * 2",
      "a @ b",
      "f(x=(1, 2))[0]",
      "x[(1, 2)]",
      "x[1, 2]",
      "x[1,]",
      "x[()]",
      "x[a, y[b, c]]",
      "(a, b) == (c, d)",
      "[(a, b), c]",
      "a - (b - c)",
      "(a - b) - c",
      "-(-a)",
      "+(~a)",
      "a ** (b ** c)",
      "(a ** b) ** c",
      "not (a == b)",
      "(not a) == b",
  };
  for (const char *Input : Inputs) {
    PyExpr E = parseOrDie(Input);
    EXPECT_TRUE(roundTrips(E)) << Input;
  }
}

TEST(PyParserRender, DottedName) {
  EXPECT_EQ(dottedName(parseOrDie("a")), "a");
  EXPECT_EQ(dottedName(parseOrDie("Address.user_id")), "Address.user_id");
  EXPECT_EQ(dottedName(parseOrDie("assoc.c.left_id")), "assoc.c.left_id");
  EXPECT_EQ(dottedName(parseOrDie("f().x")), "");
  EXPECT_EQ(dottedName(parseOrDie("'a'.x")), "");
  EXPECT_EQ(dottedName(parseOrDie("a[0].b")), "");
  EXPECT_EQ(dottedName(parseOrDie("1")), "");
  EXPECT_EQ(dottedName(PyExpr()), "");
}

TEST(PyParserRender, HandBuiltTreesDoNotCrash) {
  PyExpr Call;
  Call.K = PyExpr::Kind::Call; // no callee
  EXPECT_EQ(renderPy(Call), "_()");
  PyExpr Bin;
  Bin.K = PyExpr::Kind::BinOp;
  Bin.Text = "+";
  EXPECT_EQ(renderPy(Bin), "_ + _");
  PyExpr Dict;
  Dict.K = PyExpr::Kind::Dict;
  Dict.Children.resize(1);
  Dict.Children[0].Text = "k";
  EXPECT_EQ(renderPy(Dict), "{k: _}");
}

//===----------------------------------------------------------------------===//
// Robustness
//===----------------------------------------------------------------------===//

TEST(PyParserRobustness, RandomAndMutatedInputs) {
  const std::vector<std::string> Seeds = {
      R"("Address", backref=backref("user", lazy='joined'))",
      "and_(User.id == Address.user_id, Address.email.startswith('tony'))",
      "remote(foreign(Node.parent_id)) == Node.id",
      R"(Column("left_id", ForeignKey("left.id"), primary_key=True))",
      "remote_side=[id], uselist=False, info={'a': (1, 2,)}",
      "a < b <= c and not d or -e ** f // g[0].h",
      "r'\\d' u\"\\x41\" '''x\ny''' \"\\u00e9\"",
      "f(a, /* c */ b) // d\n, e \\\n",
      "0x_1F + 1.5e-3j - .5 | ~1_000",
      "a not in b is not c in d != e",
  };
  const std::vector<std::string> Fragments = {
      "(",
      ")",
      "[",
      "]",
      "{",
      "}",
      ",",
      ":",
      ".",
      "=",
      "==",
      "'",
      "\"",
      "'''",
      "\\",
      "\n",
      " ",
      "/*",
      "*/",
      "//",
      "#",
      "*",
      "**",
      "not",
      "in",
      "is",
      "and",
      "or",
      "lambda",
      "if",
      "for",
      "r",
      "b",
      "f",
      "u",
      "0x",
      "1",
      "_",
      "e",
      "j",
      "\\x",
      "\\u",
      std::string(1, '\0'),
      "\xFF",
      "\xC3\xA9",
      "\xE2\x80\x9C",
      "-",
      "~",
      "@",
      ";",
      "a",
      "x=",
  };
  std::mt19937 Rng(20240613);
  auto Pick = [&](size_t N) { return size_t(Rng() % N); };
  unsigned Parsed = 0;
  for (int Iter = 0; Iter < 4000; ++Iter) {
    std::string S = Seeds[Pick(Seeds.size())];
    int Mutations = 1 + Pick(5);
    for (int M = 0; M < Mutations; ++M) {
      size_t Pos = S.empty() ? 0 : Pick(S.size() + 1);
      switch (Pick(5)) {
      case 0:
        S.insert(Pos, Fragments[Pick(Fragments.size())]);
        break;
      case 1:
        if (!S.empty())
          S.erase(Pos, 1 + Pick(4));
        break;
      case 2:
        if (Pos < S.size())
          S[Pos] = char(Rng());
        break;
      case 3:
        if (!S.empty())
          S.insert(Pos, S.substr(Pick(S.size()), 1 + Pick(8)));
        break;
      default:
        if (Iter % 7 == 0) {
          S.clear();
          for (int I = 0, N = Pick(40); I < N; ++I)
            S += char(Rng());
        }
        break;
      }
    }
    for (bool Comments : {false, true}) {
      PyParseOptions Options;
      Options.AllowCppComments = Comments;
      PyParseError Err;
      if (auto E = parsePyExpression(S, Err, Options)) {
        ++Parsed;
        ASSERT_TRUE(offsetsNest(*E, 0, S.size())) << S;
        ASSERT_TRUE(roundTrips(*E)) << S;
      } else {
        ASSERT_FALSE(Err.Message.empty()) << S;
        ASSERT_LE(Err.Begin, Err.End) << S;
        ASSERT_LE(Err.End, S.size()) << S;
      }
      PyParseError ArgErr;
      if (auto A = parsePyArguments(S, ArgErr, Options)) {
        for (const PyExpr &E : *A)
          ASSERT_TRUE(offsetsNest(E, 0, S.size())) << S;
      } else {
        ASSERT_FALSE(ArgErr.Message.empty()) << S;
        ASSERT_LE(ArgErr.Begin, ArgErr.End) << S;
        ASSERT_LE(ArgErr.End, S.size()) << S;
      }
    }
  }
  // The mutations must leave enough valid inputs for the round trip to mean
  // something.
  EXPECT_GT(Parsed, 200u);
}
