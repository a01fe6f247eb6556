"""The query-string grammar of PostgREST (§1.2): select, filters, and/or trees, order, limit/offset,
columns. A parse error is a 400 PGRST100 whose message names the parameter and the column."""

from __future__ import annotations

from .errors import pgrst
from .query_ast import Condition, Field, JsonStep, LogicTree, OrderTerm, SelectItem

__all__ = ["Condition", "Field", "JsonStep", "LogicTree", "OrderTerm", "SelectItem"]

OPERATORS = {"eq", "gt", "gte", "lt", "lte", "neq", "like", "ilike", "match", "imatch", "in", "is",
             "isdistinct", "fts", "plfts", "phfts", "wfts", "cs", "cd", "ov", "sl", "sr", "nxr", "nxl", "adj"}
QUANTIFIABLE = {"eq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch"}
FTS = {"fts", "plfts", "phfts", "wfts"}
IS_VALUES = {"null", "not_null", "true", "false", "unknown"}
AGGREGATES = {"sum", "avg", "count", "max", "min"}
OPERATOR_HINT = "operator (eq, gt, ...)"


class ParseError(Exception):
    def __init__(self, column: int, details: str):
        super().__init__(details)
        self.column, self.details = column, details


def parse_error(what: str, text: str, err: ParseError):
    return pgrst("PGRST100", f'"failed to parse {what} ({text})" (line 1, column {err.column})', err.details)


class Cursor:
    def __init__(self, text: str):
        self.text, self.pos = text, 0

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos:self.pos + n]

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def take(self, literal: str) -> bool:
        if self.text.startswith(literal, self.pos):
            self.pos += len(literal)
            return True
        return False

    def fail(self, expecting: str):
        found = f'unexpected "{self.text[self.pos]}"' if not self.at_end() else "unexpected end of input"
        raise ParseError(self.pos + 1, f"{found} expecting {expecting}")

    def expect(self, literal: str, expecting: str | None = None) -> None:
        if not self.take(literal):
            self.fail(expecting or f'"{literal}"')

    def skip_spaces(self) -> None:
        while not self.at_end() and self.text[self.pos] in " \t":
            self.pos += 1


def _ident_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_$ "


def parse_quoted(c: Cursor) -> str:
    c.expect('"')
    out = []
    while True:
        if c.at_end():
            c.fail('"\\"" or any character')
        ch = c.text[c.pos]
        if ch == "\\" and c.pos + 1 < len(c.text):
            out.append(c.text[c.pos + 1])
            c.pos += 2
        elif ch == '"':
            c.pos += 1
            return "".join(out)
        else:
            out.append(ch)
            c.pos += 1


def parse_fieldname(c: Cursor) -> str:
    if c.peek() == '"':
        return parse_quoted(c)
    start = c.pos
    while not c.at_end():
        ch = c.text[c.pos]
        if _ident_char(ch) or (ch == "-" and c.peek(2) != "->"):
            c.pos += 1
        else:
            break
    name = c.text[start:c.pos].strip()
    if not name:
        c.pos = start
        c.fail("field name (* or [a..z0..9_$])")
    return name


def parse_json_path(c: Cursor) -> list[JsonStep]:
    steps = []
    while c.peek(2) == "->":
        arrow = "->>" if c.take("->>") else ("->" if c.take("->") else "")
        if c.peek() == '"':
            steps.append(JsonStep(arrow, parse_quoted(c), False))
            continue
        start = c.pos
        if c.take("-") and (c.at_end() or not c.text[c.pos].isdigit()):
            c.fail("digit")  # PostgREST reads a leading "-" as a negative index: digits must follow
        while not c.at_end() and c.text[c.pos].isdigit():
            c.pos += 1
        digits = c.text[start:c.pos]
        rest = c.text[c.pos:]
        if digits.lstrip("-").isdigit() and (not rest or rest.startswith(("->", "::", ".", ","))):
            steps.append(JsonStep(arrow, digits, True))
            continue
        c.pos = start
        while not c.at_end() and c.text[c.pos] not in "(-:.,>)":
            c.pos += 1
        while c.peek() == "-" and c.peek(2) != "->":
            c.pos += 1
            while not c.at_end() and c.text[c.pos] not in "(-:.,>)":
                c.pos += 1
        key = c.text[start:c.pos]
        if not key:
            c.fail('"-", digit or any non reserved character different from: .,>()')
        steps.append(JsonStep(arrow, key, False))
    return steps


def parse_field(c: Cursor) -> Field:
    c.skip_spaces()
    name = parse_fieldname(c)
    path = parse_json_path(c)
    c.skip_spaces()
    return Field(name, path)


# -- select ----------------------------------------------------------------------------

def parse_select(text: str) -> list[SelectItem]:
    c = Cursor(text)
    try:
        if text == "":
            return []
        return _select_list(c)  # what follows a complete list is ignored (PostgREST parses no end of input)
    except ParseError as e:
        raise parse_error("select parameter", text, e) from None


def _select_list(c: Cursor) -> list[SelectItem]:
    items = [_select_item(c)]
    while c.take(","):
        items.append(_select_item(c))
    return items


def _select_item(c: Cursor) -> SelectItem:
    c.skip_spaces()
    if c.take("*"):
        c.skip_spaces()
        return SelectItem(None)
    if c.take("..."):
        name = parse_fieldname(c)
        hints = _embed_hints(c)
        return SelectItem(Field(name), embed=_embed_body(c), spread=True, hints=hints)
    alias = None
    start = c.pos
    try:
        candidate = parse_fieldname(c)
        if c.peek() == ":" and c.peek(2) != "::":
            c.pos += 1
            alias = candidate
        else:
            c.pos = start
    except ParseError:
        c.pos = start
    c.skip_spaces()
    if c.take("count()"):
        cast = _cast(c)
        return SelectItem(None, alias=alias, aggregate="count", cast=cast)
    fld = parse_field(c)
    if c.peek() in ("!", "("):
        hints = _embed_hints(c)
        return SelectItem(fld, alias=alias, embed=_embed_body(c), hints=hints)
    cast = _cast(c)
    aggregate = None
    if c.peek() == ".":
        save = c.pos
        c.pos += 1
        name = parse_fieldname(c) if not c.at_end() else ""
        if name in AGGREGATES and c.take("()"):
            aggregate = name
            arg_cast, cast = cast, _cast(c)  # `col::int.sum()::text`: the argument's cast, the result's
            c.skip_spaces()
            return SelectItem(fld, alias=alias, cast=cast, aggregate=aggregate, arg_cast=arg_cast)
        c.pos = save
    c.skip_spaces()
    return SelectItem(fld, alias=alias, cast=cast, aggregate=aggregate)


def _cast(c: Cursor) -> str | None:
    if not c.take("::"):
        return None
    start = c.pos
    while not c.at_end() and (_ident_char(c.text[c.pos]) or c.text[c.pos] in "[]"):
        c.pos += 1
    cast = c.text[start:c.pos].strip()
    if not cast:
        c.fail("cast type")
    return cast


def _embed_hints(c: Cursor) -> list[str]:
    hints = []
    while c.take("!"):
        hints.append(parse_fieldname(c))
    return hints


def _embed_body(c: Cursor) -> list[SelectItem]:
    c.expect("(", '"(" or "!"')
    if c.take(")"):
        return []
    items = _select_list(c)
    c.expect(")", '"," or ")"')
    return items


# -- filters and logic trees -----------------------------------------------------------

def parse_filter(key: str, value: str) -> Condition:
    """`col->a=not.eq.x`: the key is the field, the value the operator expression."""
    c = Cursor(key)
    try:
        fld = parse_field(c)
        if not c.at_end():
            c.fail("end of input")
    except ParseError as e:
        raise parse_error("filter", f"{key}={value}", e) from None
    try:
        return _operation(Cursor(value), fld, in_tree=False)
    except ParseError as e:
        raise parse_error("filter", value, e) from None


def looks_like_operation(value: str) -> bool:
    """For GET /rpc/f: is this query value a filter (else it is a function argument)?"""
    try:
        _operation(Cursor(value), Field("x"), in_tree=False)
        return True
    except ParseError:
        return False


def _operation(c: Cursor, fld: Field, in_tree: bool) -> Condition:
    negated = c.take("not.")
    start = c.pos
    while not c.at_end() and c.text[c.pos].isalpha():
        c.pos += 1
    op = c.text[start:c.pos]
    if op not in OPERATORS:
        c.pos = start
        c.fail(('"not" or ' if not negated else "") + OPERATOR_HINT)
    if op == "in":
        c.expect(".")
        return Condition(fld, negated, op, _in_list(c))
    if op == "is":
        c.expect(".")
        word_start = c.pos
        word = _tree_value(c).rstrip(" \t") if in_tree else c.text[c.pos:]  # blanks before `,` in a tree
        c.pos = word_start + len(word) if not in_tree else c.pos
        if word.lower() not in IS_VALUES:
            c.pos = word_start
            c.fail("null or trilean value (unknown, true, false)")
        return Condition(fld, negated, op, word.lower())
    quantifier = language = None
    if op in QUANTIFIABLE and c.peek() == "(":
        if c.take("(any)"):
            quantifier = "any"
        elif c.take("(all)"):
            quantifier = "all"
        else:
            c.fail('"(any)" or "(all)"')
    elif op in FTS and c.take("("):
        lang_start = c.pos
        while not c.at_end() and c.text[c.pos] not in ")":
            c.pos += 1
        language = c.text[lang_start:c.pos]
        c.expect(")")
    c.expect(".")
    value = _tree_value(c) if in_tree else c.text[c.pos:]
    if not in_tree:
        c.pos = len(c.text)
    return Condition(fld, negated, op, value, quantifier, language)


def _in_list(c: Cursor) -> list[str]:
    """`(a,"b,c")` as PostgREST's pListVal: blanks after `(` are skipped, an element is a quoted value
    directly followed by `,` or `)` or else everything up to the next `,` or `)` (`in.()` and
    `in.( )` are one empty element: no row matches)."""
    c.expect("(")
    c.skip_spaces()
    items: list[str] = []
    while True:
        items.append(_list_value(c))
        if c.take(")"):
            c.skip_spaces()
            return [] if items == [""] else items
        c.expect(",", '"," or ")"')


def _list_value(c: Cursor) -> str:
    """A quoted value when nothing but `,` or `)` follows its closing quote, else the raw text."""
    if c.peek() == '"':
        start = c.pos
        try:
            value = parse_quoted(c)
            if c.at_end() or c.peek() in ",)":
                return value
        except ParseError:
            pass
        c.pos = start
    start = c.pos
    while not c.at_end() and c.text[c.pos] not in ",)":
        c.pos += 1
    return c.text[start:c.pos]


def _tree_value(c: Cursor) -> str:
    if c.peek() == "{":
        start = c.pos
        while not c.at_end() and c.text[c.pos] != "}":
            c.pos += 1
        c.expect("}")
        return c.text[start:c.pos]
    return _list_value(c)


def parse_logic(key_op: str, negated: bool, value: str) -> LogicTree:
    """`or=(a.eq.1,and(b.gt.2,c.is.null))`."""
    c = Cursor(value)
    try:
        children = _tree_children(c)  # what follows the closing parenthesis is ignored, as PostgREST does
    except ParseError as e:
        # PostgREST parses `or(...)` / `not.or(...)`: its columns count the operator too.
        e.column += len(key_op) + (4 if negated else 0)
        raise parse_error("logic tree", value, e) from None
    return LogicTree(key_op, negated, children)


def _tree_children(c: Cursor) -> list[Condition | LogicTree]:
    """`(node, node)`: blanks around the parentheses and commas are allowed (PostgREST's lexeme)."""
    c.expect("(")
    children = [_tree_node(c)]
    c.skip_spaces()
    while c.take(","):
        children.append(_tree_node(c))
        c.skip_spaces()
    c.expect(")", '"," or ")"')
    c.skip_spaces()
    return children


def _tree_node(c: Cursor) -> Condition | LogicTree:
    c.skip_spaces()
    save = c.pos
    negated = c.take("not.")
    for op in ("and", "or"):
        after = c.pos
        if c.take(op):
            c.skip_spaces()  # `and (a.eq.1, ...)`: blanks before the parenthesis are allowed
            if c.peek() == "(":
                return LogicTree(op, negated, _tree_children(c))
            c.pos = after
    c.pos = save
    if c.at_end() or c.peek() in "),":
        c.fail("field name (* or [a..z0..9_$]), negation operator (not) or logic operator (and, or)")
    fld = parse_field(c)
    c.expect(".", '"." or "->"')
    return _operation(c, fld, in_tree=True)


# -- order, columns --------------------------------------------------------------------

def parse_order(text: str) -> list[OrderTerm]:
    c = Cursor(text)
    try:
        terms = [_order_term(c)]
        while c.take(","):
            terms.append(_order_term(c))
        if not c.at_end():
            c.fail('"," or end of input')
        return terms
    except ParseError as e:
        raise parse_error("order", text, e) from None


def _order_term(c: Cursor) -> OrderTerm:
    fld = parse_field(c)
    relation = None
    if c.take("("):
        relation, fld = fld.name, parse_field(c)
        c.expect(")")
    term = OrderTerm(fld, relation=relation)
    if not c.take("."):
        return term
    word = _order_word(c, ("asc", "desc", "nullsfirst", "nullslast"))
    if word in ("asc", "desc"):
        term.direction = word
        if c.take("."):
            term.nulls = _order_word(c, ("nullsfirst", "nullslast"))
        elif not (c.at_end() or c.peek() == ","):
            _order_end(c, 'delimiter (.), "," or end of input')
    else:
        term.nulls = word
    if not (c.at_end() or c.peek() == ","):
        _order_end(c, '"," or end of input')
    return term


def _order_word(c: Cursor, words: tuple[str, ...]) -> str:
    """One of `words` at the cursor; else PostgREST's (parsec's) error: at the word's start, the first
    character that differs from the first alternative."""
    for word in words:
        if c.take(word):
            return word
    first, i = words[0], 0
    while c.pos + i < len(c.text) and i < len(first) and c.text[c.pos + i] == first[i]:
        i += 1
    found = f'unexpected "{c.text[c.pos + i]}"' if c.pos + i < len(c.text) else "unexpected end of input"
    quoted = [f'"{w}"' for w in words]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    raise ParseError(c.pos + 1, f"{found} expecting {listed}")


def _order_end(c: Cursor, expecting: str):
    raise ParseError(c.pos + 1, f"unexpected '{c.text[c.pos]}' expecting {expecting}")


def parse_columns(text: str) -> list[str]:
    c = Cursor(text)
    try:
        names = [parse_fieldname(c)]
        while c.take(","):
            names.append(parse_fieldname(c))
        if not c.at_end():
            c.fail('"," or end of input')
        return names
    except ParseError as e:
        raise parse_error("columns parameter", text, e) from None
