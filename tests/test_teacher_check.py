"""The teacher tools that read notebooks only: the exercise format, the checker, leaks, the points table.

Quick (no nbgrader run, no kernel).  The nbgrader round trip is test_homework.py.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from teacher import TeacherError
from teacher.__main__ import main
from teacher.check import check_metadata, count_checks
from teacher.leaks import find_leaks, is_trivial
from teacher.notebooks import (BEGIN_HIDDEN, exercises, find_notebooks, has_exercises, visible_part,
                               written_questions)
from teacher.points import BEGIN, END, points_table, replace_table

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURE = HERE / "fixtures" / "homework_fixture.ipynb"
NOTEBOOKS = [p for p in sorted((ROOT / "notebooks").glob("*.ipynb")) if has_exercises(p)]


def test_course_metadata_is_valid():
    # grade_ids unique across the course, schema 3, >= 3 graded exercises each, hidden tests,
    # partial credit, one written question each, no leaks
    assert check_metadata(NOTEBOOKS) == []


def test_fixture_metadata_is_valid():
    assert check_metadata([FIXTURE]) == []
    assert [e.test_id for e in exercises(FIXTURE)] == ["fx-square-tests", "fx-relu-tests", "fx-mse-tests"]
    assert [e.solution_ids for e in exercises(FIXTURE)] == [("fx-square",), ("fx-relu",), ("fx-mse",)]
    assert [(q.grade_id, q.points) for q in written_questions(FIXTURE)] == [("fx-written", 2.0)]


def _nb(*cells):
    out = []
    for kind, meta, source in cells:
        cell = (nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell)(source)
        if meta:
            cell.metadata["nbgrader"] = {"schema_version": 3, "grade": False, "solution": False, "locked": False,
                                         **meta}
        out.append(cell)
    return nbformat.v4.new_notebook(cells=out)


def _solution(gid, body="    return 2 * x"):
    return ("code", {"grade_id": gid, "solution": True}, f"def f(x):\n    ### BEGIN SOLUTION\n{body}\n    ### END SOLUTION")


def _test(gid, points=1, visible="check_function(f, [((1.0,), 2.0)])"):
    return ("code", {"grade_id": gid, "grade": True, "locked": True, "points": points},
            f"{visible}\n{BEGIN_HIDDEN}\ncheck_close(f(2.0), 4.0, 'f(2)')\n### END HIDDEN TESTS")


def _written(gid="t-written", points=2, source="Because the slope is 2.", locked=False):
    return ("markdown", {"grade_id": gid, "grade": True, "solution": True, "points": points, "locked": locked}, source)


def test_an_exercise_in_parts_grades_one_solution_cell_in_every_part():
    nb = _nb(_solution("a"), _test("a-part1"), ("markdown", None, "text"), _test("a-part2"),
             _solution("b"), _solution("b2"), _test("b-tests"), _written())
    assert [(e.test_id, e.solution_ids) for e in exercises(nb, "t")] == [
        ("a-part1", ("a",)), ("a-part2", ("a",)), ("b-tests", ("b", "b2"))]
    assert [q.grade_id for q in written_questions(nb, "t")] == ["t-written"]  # not a solution of an exercise


def _write(tmp_path, name, nb):
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


def _problems(tmp_path, *cells, **options):
    base = [_solution("x1"), _test("x1-tests"), _solution("x2"), _test("x2-tests")]
    return check_metadata([_write(tmp_path, "t.ipynb", _nb(*base, *cells))], **options)


def test_a_valid_notebook_has_no_problems(tmp_path):
    assert _problems(tmp_path, _solution("x3"), _test("x3-tests"), _written()) == []


@pytest.mark.parametrize("cells, message", [
    ([_solution("x3"), _test("x3-tests", points=4, visible="check_close(f(1.0), 2.0, 'f(1)')\n"
                                                         "check_true(f(0.0) == 0, 'f(0) is 0')")],
     "x3-tests): worth 4 points and checks 2 things in its visible part (check_close, check_true); split it"),
    ([_solution("x3"), _test("x3-tests", points=5, visible="assert f(1.0) == 2\nchecks.check_close(f(2.0), 4, 'f')\n"
                                                         "checks.check_close(f(3.0), 6, 'f')")],
     "checks 3 things in its visible part (assert, check_close x2)"),
    ([_solution("x3"), _test("x3-tests", points=0)], "graded test cell with points 0, expected > 0"),
    ([_solution("x3")], "x3): no graded test cell follows this solution cell"),
    ([_written(points=0)], "written question with points 0, expected > 0"),
    ([_written(locked=True)], "written answer cell is locked"),
    ([_written(gid="t-essay")], "a written answer's grade_id should end in '-written'"),
    ([_written(source="YOUR ANSWER HERE")], "written answer cell without a model answer"),
    ([_written(), _written(gid="u-written")], "t.ipynb: 2 written questions (markdown answer cells graded by hand), expected 1"),
    ([], "t.ipynb: 0 written questions"),
    ([_solution("x3", "    return 2 * x  # doubled"), _test("x3-tests"), ("markdown", None, "Use `return 2*x`."),
      _written()],
     "x3: the solution line 'return 2 * x  # doubled' also appears in cell"),
    ([("code", {"grade_id": "x3", "solution": True, "grade": True, "points": 1},
       "### BEGIN SOLUTION\nx = 1\n### END SOLUTION"), _written()], "a manually graded code answer"),
])
def test_metadata_problems_are_named(tmp_path, cells, message):
    problems = _problems(tmp_path, *cells)
    assert any(message in p for p in problems), (message, problems)


def test_three_points_may_check_several_things_and_more_points_one_thing(tmp_path):
    several = "check_close(f(1.0), 2.0, 'f(1)')\ncheck_close(f(3.0), 6.0, 'f(3)')"
    one = "for x in (1.0, 2.0, 3.0):\n    check_close(f(x), 2 * x, 'f')"  # a check in a loop counts once
    assert _problems(tmp_path, _solution("x3"), _test("x3-tests", 3, several), _written()) == []
    assert _problems(tmp_path, _solution("x3"), _test("x3-tests", 6, one), _written()) == []


def test_the_fixtures_broken_copies_are_named(tmp_path):
    def broken(edit):
        nb = nbformat.read(FIXTURE, as_version=4)
        edit([c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")])
        return check_metadata([_write(tmp_path, "broken.ipynb", nb)])

    def no_hidden(graded):
        graded[0].source = graded[0].source.split(BEGIN_HIDDEN)[0]

    def old_schema(graded):
        graded[1].metadata.nbgrader["schema_version"] = 1

    def unlocked(graded):
        graded[2].metadata.nbgrader["locked"] = False

    def two_exercises(graded):
        graded[2].metadata.nbgrader.update(grade=False, points=0)

    for edit, message in [(no_hidden, "fx-square-tests): test cell without a hidden part"),
                          (old_schema, "schema_version is 1, expected 3"),
                          (unlocked, "fx-mse-tests): graded test cell is not locked"),
                          (two_exercises, "2 graded test cells, expected at least 3")]:
        problems = broken(edit)
        assert any(message in p for p in problems), (message, problems)


def test_duplicate_grade_ids_across_notebooks_are_found(tmp_path):
    copy = tmp_path / "copy.ipynb"
    shutil.copyfile(FIXTURE, copy)
    problems = check_metadata([FIXTURE, copy])
    assert any("grade_id 'fx-square' is also used by homework_fixture.ipynb" in p for p in problems)


def test_count_checks_counts_calls_and_asserts_as_written():
    assert count_checks("check_function(f, cases)\nchecks.check_close(a, b, 'x')\nassert a") == \
        ["check_function", "check_close", "assert"]
    assert count_checks("for c in cases:\n    check_close(f(c), 2 * c, 'f')") == ["check_close"]
    assert count_checks("r = checks.call(f, 1)\nprint(r)") == []  # call() runs the answer, it checks nothing
    assert count_checks("%time check_close(a, b, 'x')\ncheck_true(ok, 'fine')") == ["check_close", "check_true"]
    assert visible_part(f"check_true(a, 'a')\n{BEGIN_HIDDEN}\ncheck_true(b, 'b')\n### END HIDDEN TESTS") == \
        "check_true(a, 'a')"


# --------------------------------------------------------------------------- leaks

@pytest.mark.parametrize("line, trivial", [
    ("return np.maximum(0, z)", False), ("Z = H @ W.T + b", False), ("for W_l, b_l in zip(W, b):", False),
    ("w += lr * (y - y_hat) * x", False), ("W1 = np.array([[1.0, 1.0], [1.0, 1.0]])", False),
    ("elif z > 0:", False), ("h = sigmoid(z)", False),
    ("return W, b", True), ("n = X.shape[0]", True), ("n = len(X)", True), ("for k in range(n):", True),
    ("x = np.asarray(x, dtype=float)", True), ("else:", True), ("pass", True), ("# the bias", True),
    ("import numpy as np", True), ('"""Docstring."""', True), ("H = X", True),
])
def test_trivial_solution_lines(line, trivial):
    assert is_trivial(line) is trivial


def test_a_leak_is_found_in_text_code_and_visible_checks_but_not_in_hidden_tests():
    solution = _solution("a", "    z = W @ x + b\n    return z")
    hidden = ("code", {"grade_id": "a-tests", "grade": True, "locked": True, "points": 1},
              f"check_function(f, [])\n{BEGIN_HIDDEN}\nz = W @ x + b\n### END HIDDEN TESTS")
    assert find_leaks(_nb(solution, hidden)) == []
    visible = ("code", {"grade_id": "a-t2", "grade": True, "locked": True, "points": 1},
               f"z = W @ x + b\ncheck_close(f(x), z, 'f')\n{BEGIN_HIDDEN}\n### END HIDDEN TESTS")
    for leaking in [("markdown", None, "Compute `z = W @ x + b`, then return it."),
                    ("code", None, "z=W@x+b  # the same line, spaced differently"), visible]:
        assert find_leaks(_nb(solution, hidden, leaking)) == \
            ["a: the solution line 'z = W @ x + b' also appears in cell 2 of the student version"]
    part = ("code", None, "print(W @ x + b)")  # a part of the line is not the line
    assert find_leaks(_nb(solution, hidden, part)) == []


# --------------------------------------------------------------------------- points table

def test_points_table_adds_up_autograded_and_written_points():
    table = points_table([FIXTURE])
    assert "| homework_fixture | 3 | 6 | 2 | 8 |" in table
    assert "| **course** | **3** | **6** | **2** | **8** |" in table


def test_points_table_is_replaced_between_its_markers():
    text = f"# Guide\n\n{BEGIN}\nold\n{END}\n\nmore\n"
    assert replace_table(text, "new") == f"# Guide\n\n{BEGIN}\nnew\n{END}\n\nmore\n"
    with pytest.raises(TeacherError, match="needs one points table between the lines"):
        replace_table("# no markers", "new", "guide.md")


def test_points_command_writes_and_checks_a_file(tmp_path, capsys):
    guide = tmp_path / "guide.md"
    guide.write_text(f"# Guide\n{BEGIN}\n{END}\n")
    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    shutil.copyfile(FIXTURE, notebooks / FIXTURE.name)
    args = ["points", "--notebooks", str(notebooks)]
    assert main([*args, "--check", str(guide)]) == 1
    assert "out of date: run  python -m teacher points --write" in capsys.readouterr().out
    assert main([*args, "--write", str(guide)]) == 0
    assert main([*args, "--check", str(guide)]) == 0
    assert "| homework_fixture | 3 | 6 | 2 | 8 |" in guide.read_text()


def test_the_guides_points_table_is_up_to_date(capsys):
    assert main(["points", "--notebooks", str(ROOT / "notebooks"), "--check", str(ROOT / "guide" / "README.md")]) == 0, \
        capsys.readouterr().out


# --------------------------------------------------------------------------- command line

def test_check_command_reports_and_fails_on_problems(tmp_path, capsys):
    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    shutil.copyfile(FIXTURE, notebooks / FIXTURE.name)
    assert main(["check", "--notebooks", str(notebooks)]) == 0
    assert "1 notebooks, 3 graded test cells, 1 written questions, 0 problems" in capsys.readouterr().out
    assert main(["check", "--notebooks", str(notebooks), "--written", "2"]) == 1
    assert "1 written questions (markdown answer cells graded by hand), expected 2" in capsys.readouterr().out


def test_no_notebooks_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(TeacherError, match=r"no notebooks with nbgrader exercise cells found in .*empty"):
        find_notebooks(tmp_path / "empty")
    assert main(["check", "--notebooks", str(tmp_path)]) == 1
    assert "error: no notebooks with nbgrader exercise cells found" in capsys.readouterr().err
