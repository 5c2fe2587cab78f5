"""Leaks: a line of a solution that the student version of the notebook still shows.

nbgrader removes the solution regions, but nothing stops the same line from
appearing in the task's text, in a lesson cell, or in a visible check.  A line
of a solution is looked for, with its spacing and trailing comment removed,
in every line of the released notebook (code and markdown, so a formula in
backticks counts).  Only **non-trivial** lines are looked for; trivial are:

- comments, docstring quotes, ``import`` lines;
- bare keywords (``else:``, ``pass``, ``return``, ...) and ``return`` of plain
  names (``return W, b``);
- a loop header over ``range(...)`` (``for k in range(n):``);
- an assignment without any operator or call but bookkeeping (``n = X.shape[0]``,
  ``n = len(X)``, ``x = np.asarray(x, dtype=float)``, ``H = X``).

Everything else, ``Z = H @ W.T + b`` as much as ``for W_l, b_l in zip(W, b):``,
is the student's to write and must not be printed elsewhere.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize

from .notebooks import (BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, is_written_cell, nbgrader_meta,
                        outside, region)

__all__ = ["normalise", "is_trivial", "solution_lines", "released_sources", "find_leaks"]

_KEYWORDS = {"else:", "try:", "finally:", "except:", "pass", "break", "continue", "return", "return None"}
_OPERATORS = (ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Call, ast.Lambda, ast.IfExp, ast.ListComp,
              ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _strip_comment(line: str) -> str:
    """``line`` without a trailing ``# comment`` (a ``#`` inside a string stays)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(line).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return line.split("  #")[0]
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            return line[:tok.start[1]]
    return line


def normalise(line: str) -> str:
    """A line with its trailing comment and every space removed: what is compared."""
    return re.sub(r"\s+", "", _strip_comment(line.strip()))


def is_trivial(line: str) -> bool:
    """Whether a solution line is too common to count as a leak (see the module docstring)."""
    code = _strip_comment(line.strip()).strip()
    if not code or code.startswith(("#", '"""', "'''", "import ", "from ")) or code in _KEYWORDS:
        return True
    text = code
    if text.endswith(":"):  # a block header: give it a body so it parses
        text = re.sub(r"^(elif|else|except|finally)\b", "if", text) + " pass"
    try:
        node = ast.parse(text).body[0]
    except (SyntaxError, IndexError):
        return len(normalise(code)) < 10  # a continuation line: only short ones are trivial
    if isinstance(node, ast.Return):
        return node.value is None or all(isinstance(n, (ast.Name, ast.Attribute, ast.Tuple, ast.Load))
                                         for n in ast.walk(node.value))
    if isinstance(node, ast.For):
        it = node.iter
        return isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range"
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        value = node.value
        if value is None:
            return True
        calls = [n for n in ast.walk(value) if isinstance(n, _OPERATORS)]
        return all(_is_bookkeeping(n) for n in calls)
    if isinstance(node, ast.Expr):
        return isinstance(node.value, (ast.Name, ast.Constant))
    return False


_BOOKKEEPING = {"len", "asarray", "array", "float", "int"}


def _is_bookkeeping(node) -> bool:
    # n = len(X), x = np.asarray(x, dtype=float): lines every function shares
    if not isinstance(node, ast.Call):
        return False
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    plain = all(isinstance(a, (ast.Name, ast.Constant, ast.Attribute)) for a in node.args)
    return name in _BOOKKEEPING and plain and all(isinstance(k.value, (ast.Constant, ast.Name, ast.Attribute))
                                                  for k in node.keywords)


def solution_lines(nb) -> list[tuple[str, str]]:
    """``(grade_id, line)`` for every non-trivial line inside a solution region of ``nb``."""
    found = []
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type == "code" and meta.get("solution"):
            found += [(meta.get("grade_id", "?"), line) for line in region(cell.source, BEGIN_SOLUTION, END_SOLUTION)
                      if not is_trivial(line)]
    return found


def released_sources(nb) -> list[str]:
    """Every cell's source as a student version shows it, without nbgrader.

    Solution and hidden-test regions removed, written answers emptied: what
    nbgrader's ``generate_assignment`` leaves of the text (its stubs hold no
    solution line).
    """
    sources = []
    for cell in nb.cells:
        if is_written_cell(cell):
            sources.append("")
            continue
        text = outside(cell.source, BEGIN_SOLUTION, END_SOLUTION)
        sources.append(outside(text, BEGIN_HIDDEN, END_HIDDEN))
    return sources


def find_leaks(nb, released=None) -> list[str]:
    """Sentences naming each solution line of ``nb`` found in the released notebook.

    ``released`` is the student version (a notebook as nbgrader released it);
    without it the release is worked out by :func:`released_sources`.
    """
    if released is None:
        sources = released_sources(nb)
    else:
        sources = [c.source for c in released.cells]
    shown = [(index, normalise(text)) for index, source in enumerate(sources) for text in source.splitlines()]
    problems = []
    for grade_id, line in solution_lines(nb):
        needle = normalise(line)
        hits = sorted({index for index, text in shown if needle in text})
        if hits:
            cells = ", ".join(map(str, hits))
            problems.append(f"{grade_id}: the solution line {line.strip()!r} also appears in cell {cells} "
                            "of the student version")
    return problems
