"""The homework round trip, with the real nbgrader on throwaway course directories.

For the fixture notebook (tests/fixtures/homework_fixture.ipynb: three exercises,
a written question and an ``interact`` widget) and for every notebook in
notebooks/ that has nbgrader cells, one course in tmp_path gets the notebook as
an assignment and several "students", one per variant, autograded by
``nbgrader autograde`` (JOBS copies of the course side by side, the students
split between them):

- ``solution``: the notebook with its solutions: full autograded points; the
  written answer (the model answer) waits for the teacher;
- ``released``: the student version as nbgrader releases it: zero points, the
  written answer scored 0 ("no response") without waiting for the teacher;
- ``minus-<grade_id>``: only that solution replaced by nbgrader's stub: an
  autograded exercise loses points on the test cells that grade it; a written
  answer left empty scores 0 and the autograded points stay full.

The tests of the student versions, of grading end to end and of leaks (a
solution line shown in the student version) are here too; the teacher tools'
quick unit tests are in test_teacher_*.py.  Run with ``-s`` to see the table
of points and times per notebook.
"""
from __future__ import annotations

import copy
import csv
import html
import os
import re
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import nbformat
import pytest

from teacher import TeacherError
from teacher import course as nbg
from teacher import grades as gr
from teacher import leaks
from teacher import notebooks as nbs
from teacher.__main__ import main
from teacher.student import STUDENT_FILES, make_student, stub_solution

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURE = HERE / "fixtures" / "homework_fixture.ipynb"
NOTEBOOKS = [p for p in sorted((ROOT / "notebooks").glob("*.ipynb")) if nbs.has_exercises(p)]
CELL_TIMEOUT = 60  # seconds per cell; an nbclient stall would cost this much
JOBS = int(os.environ.get("NNKIT_HOMEWORK_JOBS", min(2, os.cpu_count() or 1)))  # autograders side by side
RESULTS: list[dict] = []


def _cross_checked(source) -> list[dict]:
    """The fixture's wrong answers that nbgrader also grades, to compare with the catalogue runner."""
    if source != FIXTURE:
        return []
    sys.path.insert(0, str(HERE / "wrong_answers"))
    import _runner

    (cat,) = [c for c in _runner.load() if c.notebook == FIXTURE.stem]
    return [e for e in cat.entries if e["caught"] == "hidden"] + cat.entries[:1]


def _with_wrong_answer(nb, entry):
    nb = copy.deepcopy(nb)
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == entry["grade_id"]]
    cell.source = entry["source"].strip("\n")
    return nb


def _solution_ids(nb) -> list[str]:
    return [c.metadata.nbgrader.grade_id for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]


@pytest.fixture(scope="module", autouse=True)
def _needs_nbgrader_and_prints_table():
    try:
        nbg.require_nbgrader()
    except TeacherError as err:
        pytest.fail(str(err))
    yield
    if RESULTS:
        print("\n\nhomework autograding (autograded points: solution / released / each solution removed; "
              "written: points by hand)")
        for r in RESULTS:
            minus = ", ".join(f"{gid} {score:g}" for gid, score in r["minus"].items())
            print(f"  {r['notebook']:<28} {r['solution']:g}/{r['max']:g} +written {r['written']:g}  "
                  f"released {r['released']:g}  [{minus}]  {r['runs']} runs in {r['seconds']:.1f} s "
                  f"(kernel {r['kernel']:.1f} s per run)")


@pytest.fixture(scope="module", params=[FIXTURE, *NOTEBOOKS], ids=lambda p: p.stem)
def graded(request, tmp_path_factory):
    """One course per notebook: generate it, submit every variant, autograde all at once."""
    source = request.param
    course = tmp_path_factory.mktemp(source.stem)
    (aid,) = nbg.write_course(course, [source], timeout=CELL_TIMEOUT)
    nbg.generate(course, aid)
    release = course / "release" / aid / source.name
    nb = nbformat.read(source, as_version=4)
    variants = {"solution": nb, "released": nbformat.read(release, as_version=4)}
    for gid in _solution_ids(nb):
        variants[f"minus-{gid}"] = stub_solution(nb, gid)
    for entry in _cross_checked(source):
        variants[f"wrong-{entry['id']}"] = _with_wrong_answer(nb, entry)
    # Students split over JOBS copies of the course, autograded side by side
    # (each copy has its own gradebook; one `nbgrader autograde` per copy).
    shards = [course] + [course.with_name(f"{course.name}-{i}") for i in range(1, JOBS)]
    for shard in shards[1:]:
        shutil.copytree(course, shard)
        nbg.write_course(shard, [source], timeout=CELL_TIMEOUT)  # its own root in nbgrader_config.py
    for i, (student, version) in enumerate(variants.items()):
        target = shards[i % len(shards)] / "submitted" / student / aid / source.name
        target.parent.mkdir(parents=True)
        nbformat.write(version, target)
    start = time.perf_counter()
    with ThreadPoolExecutor(len(shards)) as pool:
        list(pool.map(lambda shard: nbg.autograde(shard, aid), shards))
    seconds = time.perf_counter() - start
    totals, cells, autograded = {}, {}, {}
    for shard in shards:
        notebook_grades, cell_grades = gr.read_grades(shard)
        for g in notebook_grades:
            totals[g.student] = g
            autograded[g.student] = shard / "autograded" / g.student / aid / source.name
        for c in cell_grades:
            cells[(c.student, c.grade_id)] = c
    written = nbs.written_questions(nb, source.stem)
    result = {
        "notebook": source.stem, "max": totals["solution"].auto_max, "solution": totals["solution"].auto_score,
        "written": totals["solution"].manual_max, "released": totals["released"].score, "runs": len(variants),
        "seconds": seconds, "kernel": _timing(autograded["solution"])[0],
        "minus": {s[len("minus-"):]: g.auto_score for s, g in totals.items() if s.startswith("minus-")},
    }
    RESULTS.append(result)
    return {"source": source, "release": release, "nb": nb, "totals": totals, "cells": cells,
            "autograded": autograded, "result": result, "written": written}


def test_solution_gets_full_autograded_points_and_its_written_answer_waits_for_the_teacher(graded):
    total = graded["totals"]["solution"]
    lost = [f"{c.grade_id} {c.score:g}/{c.max_score:g}" for (s, _), c in graded["cells"].items()
            if s == "solution" and c.kind == "auto" and c.score < c.max_score]
    assert total.auto_max > 0
    assert total.auto_score == total.auto_max, f"the solutions lose points on: {lost}"
    assert total.manual_max == sum(q.points for q in graded["written"])
    assert total.waiting == len(graded["written"])  # a model answer is an answer: the teacher grades it


def test_released_version_gets_zero_and_runs_to_the_end(graded):
    released = graded["totals"]["released"]
    assert (released.score, released.waiting) == (0, 0)  # an untouched written answer is "no response"
    nb = nbformat.read(graded["autograded"]["released"], as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "the autograder stopped before the last cell"
    timeouts = [c.source[:40] for c in code if any(o.get("ename") == "CellTimeoutError" for o in c.outputs)]
    assert not timeouts


def test_released_version_explains_every_unsolved_exercise_in_a_sentence(graded):
    # a student who runs a test cell before writing the solution sees "... is not written yet",
    # never a bare NotImplementedError traceback
    nb = nbformat.read(graded["autograded"]["released"], as_version=4)
    bare = [(c.metadata.get("nbgrader", {}).get("grade_id", c.source[:40]), o.ename)
            for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.output_type == "error" and o.ename != "ExerciseError"]
    assert not bare, f"cells that fail with a bare traceback instead of an ExerciseError: {bare}"


_TIMING = re.compile(r"\d[\d.,]*\s*(?:ms|µs|us|s|seconds|x)\b")
_PATH = re.compile(r"(?<![\w.])/[\w./-]+")


def _lesson_text(path) -> list[tuple[int, str]]:
    """(cell index, text output) of every cell that is not an exercise; timings, paths and spacing masked."""
    nb = nbformat.read(path, as_version=4)
    out = []
    for i, c in enumerate(nb.cells):
        if c.cell_type != "code" or c.metadata.get("nbgrader", {}).get("grade_id"):
            continue
        text = "".join(o.get("text", "") if o.output_type == "stream" else o.get("data", {}).get("text/plain", "")
                       for o in c.outputs if o.output_type in ("stream", "execute_result"))
        out.append((i, " ".join(_PATH.sub("<path>", _TIMING.sub("<time>", text)).split())))
    return out


def test_lesson_numbers_are_the_same_in_two_runs_with_or_without_solutions(graded):
    # Determinism, and that nothing after an unsolved exercise depends on the student's stub:
    # the solution and the released run print the same numbers in every lesson cell.
    solution, released = (_lesson_text(graded["autograded"][v]) for v in ("solution", "released"))
    differ = [(i, a[:200], b[:200]) for (i, a), (_, b) in zip(solution, released) if a != b]
    assert not differ, "lesson cells print different text in two runs (solution / released): " + \
        "\n".join(f"cell {i}:\n  {a!r}\n  {b!r}" for i, a, b in differ)


def test_each_missing_solution_loses_the_points_of_its_tests(graded):
    full = graded["totals"]["solution"].auto_max
    minus = graded["result"]["minus"]
    assert minus, "no solution cells"
    for ex in nbs.exercises(graded["source"]):
        for gid in ex.solution_ids:
            assert minus[gid] < full, f"removing the solution {gid} costs no points"
            assert graded["cells"][(f"minus-{gid}", ex.test_id)].score == 0, \
                f"{ex.test_id} still gives points without the solution {gid}"


def test_an_empty_written_answer_scores_zero_and_costs_no_autograded_points(graded):
    for q in graded["written"]:
        total = graded["totals"][f"minus-{q.grade_id}"]
        assert (total.auto_score, total.auto_max) == (graded["result"]["max"],) * 2
        assert (total.manual_score, total.waiting) == (0, 0)
        assert graded["cells"][(f"minus-{q.grade_id}", q.grade_id)].kind == "manual"


def test_the_catalogue_runner_scores_wrong_answers_as_nbgrader_does(graded):
    # tests/test_wrong_answers.py runs wrong answers in one kernel, scored by nbgrader's determine_grade;
    # here the same wrong answers go through `nbgrader autograde` and get the same points per test cell
    entries = _cross_checked(graded["source"])
    if not entries:
        pytest.skip("cross-checked on the fixture only")
    import _runner

    with ThreadPoolExecutor(1) as pool:
        run = pool.submit(_runner.run_notebook, graded["source"], entries).result()
    for result in run.results:
        student = f"wrong-{result.entry['id']}"
        assert {t.grade_id: t.points for t in result.tests} == \
            {t.grade_id: graded["cells"][(student, t.grade_id)].score for t in result.tests}, student
        assert result.lost > 0


def test_released_version_has_no_solutions_or_hidden_tests(graded):
    released = nbformat.read(graded["release"], as_version=4)
    text = nbformat.writes(released)
    for marker in (nbs.BEGIN_SOLUTION, nbs.END_SOLUTION, nbs.BEGIN_HIDDEN, nbs.END_HIDDEN):
        assert marker not in text
    by_id = {c.metadata.nbgrader.grade_id: c for c in released.cells if c.metadata.get("nbgrader")}
    for cell in graded["nb"].cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta:
            continue
        out = {line.strip() for line in by_id[meta["grade_id"]].source.splitlines()}
        if nbs.is_written_cell(cell):
            assert by_id[meta["grade_id"]].source == "YOUR ANSWER HERE", "the model answer is in the student version"
            continue
        for begin, end in ((nbs.BEGIN_SOLUTION, nbs.END_SOLUTION), (nbs.BEGIN_HIDDEN, nbs.END_HIDDEN)):
            kept = {line.strip() for line in nbs.outside(cell.source, begin, end).splitlines()}
            secret = set(nbs.region(cell.source, begin, end)) - kept
            assert not secret & out, f"{meta['grade_id']}: the released cell keeps {sorted(secret & out)}"
    assert not any(c.outputs for c in released.cells if c.cell_type == "code"), "the released notebook has outputs"


def test_no_solution_line_appears_anywhere_in_the_released_notebook(graded):
    released = nbformat.read(graded["release"], as_version=4)
    assert leaks.find_leaks(graded["nb"], released) == []


def test_the_checkers_release_shows_what_nbgraders_does(graded):
    # `python -m teacher check` finds leaks without nbgrader, in its own idea of the student version:
    # the same lines as nbgrader's, but for nbgrader's stubs
    stubs = {"# YOUR CODE HERE", "raise NotImplementedError()", "YOUR ANSWER HERE", ""}
    released = nbformat.read(graded["release"], as_version=4)
    ours = leaks.released_sources(graded["nb"])
    assert len(ours) == len(released.cells)
    for i, (mine, theirs) in enumerate(zip(ours, released.cells)):
        assert {l.strip() for l in mine.splitlines()} - {""} == {l.strip() for l in theirs.source.splitlines()} - stubs, i


def _timing(path):
    """(kernel seconds, largest gap between two cells, the cell after it) of an executed notebook.

    nbclient records kernel-side timestamps per cell.  The gap between one cell's
    idle and the next one's busy is the client's own time between cells: a few
    milliseconds, or about a whole cell timeout when nbclient stalls.
    """
    def t(cell, key):
        return datetime.fromisoformat(cell.metadata.execution[key].replace("Z", "+00:00")).timestamp()

    cells = [c for c in nbformat.read(path, as_version=4).cells
             if c.cell_type == "code" and "iopub.status.idle" in c.metadata.get("execution", {})]
    busy = sum(t(c, "iopub.status.idle") - t(c, "iopub.status.busy") for c in cells)
    gaps = [(t(b, "iopub.status.busy") - t(a, "iopub.status.idle"), b.source.splitlines()[0][:50] if b.source else "")
            for a, b in zip(cells, cells[1:])]
    return busy, *max(gaps, default=(0.0, ""))


def test_no_nbclient_stall_between_cells(graded):
    # The fixture's interact cell draws a figure, the case where stock nbclient
    # can wait a whole cell timeout (CELL_TIMEOUT here) before the next cell.
    for student, path in graded["autograded"].items():
        busy, gap, after = _timing(path)
        assert gap < 10, f"{student}: {gap:.1f} s between cells before {after!r} (an nbclient stall?)"


def test_stall_check_sees_a_gap(tmp_path):
    def cell(start, end):
        stamps = {"iopub.status.busy": f"2026-01-01T00:{start}Z", "iopub.status.idle": f"2026-01-01T00:{end}Z"}
        return nbformat.v4.new_code_cell("pass", metadata={"execution": stamps})

    path = tmp_path / "stalled.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell("00:00.0", "00:01.5"), cell("00:01.6", "00:02.0"),
                                                   cell("01:02.0", "01:02.5")]), path)
    busy, gap, _ = _timing(path)
    assert busy == pytest.approx(1.5 + 0.4 + 0.5) and gap == pytest.approx(60.0)


# --------------------------------------------------------------------------- student versions

def test_stub_solution_clears_only_that_cell():
    nb = nbformat.read(FIXTURE, as_version=4)
    stubbed = stub_solution(nb, "fx-relu")
    changed = [i for i, (a, b) in enumerate(zip(nb.cells, stubbed.cells)) if a.source != b.source]
    assert len(changed) == 1
    source = stubbed.cells[changed[0]].source
    assert "raise NotImplementedError()" in source and "np.maximum" not in source
    assert source.startswith("def relu(z):")
    assert stub_solution(nb, "fx-written").cells[-2].source == "YOUR ANSWER HERE"
    with pytest.raises(TeacherError, match="no single solution cell with grade_id 'fx-relu-tests'"):
        stub_solution(nb, "fx-relu-tests")


def test_make_student_writes_released_notebooks_and_never_the_teacher_tools(tmp_path):
    course = tmp_path / "course"
    (course / "notebooks").mkdir(parents=True)
    (course / "figures").mkdir()
    (course / "figures" / "x.png").write_bytes(b"png")
    for name in ("lab", "nnkit", "teacher", "tests", "guide"):
        shutil.copytree(ROOT / name, course / name, ignore=shutil.ignore_patterns("__pycache__", "*.ipynb"))
    shutil.copyfile(ROOT / "Makefile", course / "Makefile")
    shutil.copyfile(ROOT / "README.md", course / "README.md")
    shutil.copyfile(FIXTURE, course / "notebooks" / FIXTURE.name)
    out = tmp_path / "student"
    written = make_student(out, course / "notebooks")
    assert [p.name for p in written] == [FIXTURE.name]
    text = written[0].read_text()
    assert "raise NotImplementedError()" in text and nbs.BEGIN_SOLUTION not in text and "np.maximum" not in text
    assert "YOUR ANSWER HERE" in text and "dead" not in text  # the written question's model answer stays behind
    assert (out / "figures" / "x.png").read_bytes() == b"png"  # ../figures/x.png still resolves
    assert (out / "lab" / "overrides.json").read_text() == (ROOT / "lab" / "overrides.json").read_text()
    assert (out / "nnkit" / "checks.py").exists() and (out / "Makefile").exists()
    assert not any((out / name).exists() for name in ("teacher", "tests", "guide"))
    readme = (out / "README.md").read_text()  # the student's own, not the teacher's
    assert "make lab" in readme and "## For teachers" not in readme and "guide/" not in readme
    make_student(out, course / "notebooks")  # a second run replaces its own output
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    with pytest.raises(TeacherError, match="was not made by `python -m teacher student`"):
        make_student(foreign, course / "notebooks")
    assert (foreign / "keep.txt").read_text() == "mine"


def test_student_copy_holds_what_the_notebooks_refer_to():
    # A notebook showing ../figures/x.png needs figures/ copied beside student/notebooks/.
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for ref in re.findall(r"\.\./([A-Za-z0-9_]+)/([A-Za-z0-9_./-]+\.[a-z]+)", path.read_text()):
            assert ref[0] in STUDENT_FILES, f"{path.name} refers to ../{ref[0]}/, which make_student does not copy"
            assert (ROOT / ref[0] / ref[1]).exists(), f"{path.name} refers to missing ../{'/'.join(ref)}"


def test_missing_nbgrader_says_how_to_install(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "nbgrader", None)  # import nbgrader now raises ImportError
    with pytest.raises(TeacherError, match=r'pip install -e "\.\[teacher\]"'):
        make_student(tmp_path / "student", tmp_path)
    assert main(["grade", "--course", str(tmp_path / "c"), "--notebooks", str(tmp_path)]) == 1
    assert 'pip install -e ".[teacher]"' in capsys.readouterr().err


# --------------------------------------------------------------------------- grading end to end

def _submit(course, student, nb):
    aid = FIXTURE.stem
    target = course / "submitted" / student / aid / FIXTURE.name
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)


def _csv(path):
    with path.open() as fh:
        return list(csv.reader(fh))


def _page_text(path):
    """An HTML page's text, as the student reads it (tags and syntax highlighting removed)."""
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))


def test_grade_course_end_to_end_with_a_written_answer_graded_by_hand(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copyfile(FIXTURE, notebooks / FIXTURE.name)
    course = tmp_path / "grading"
    with pytest.raises(TeacherError, match="no submissions found .new course created.: put each one in"):
        gr.grade_course(course, notebooks)
    aid = FIXTURE.stem
    released = course / "release" / aid / FIXTURE.name
    # carol turns every test of the released version into `pass`: nbgrader restores them
    carol = nbformat.read(released, as_version=4)
    for cell in carol.cells:
        if nbs.is_test_cell(cell):
            cell.source = "pass"
    for student, version in (("alice", nbformat.read(released, as_version=4)),
                             ("bob", nbformat.read(FIXTURE, as_version=4)), ("carol", carol)):
        _submit(course, student, version)
    args = ["grade", "--course", str(course), "--notebooks", str(notebooks)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert ("student  homework_fixture  total\nalice    0/6 +0/2          0/8\nbob      6/6 +?/2          6/8\n"
            "carol    0/6 +0/2          0/8\n(+?/P: a written answer waits for you") in out
    assert "feedback: 2 pages to send back" in out
    assert "written answers wait for you in 1 submissions (no feedback page for them yet): `make formgrader`" in out
    assert _csv(course / "grades.csv") == [
        ["student", "notebook", "auto_score", "auto_max", "manual_score", "manual_max", "score", "max_score",
         "to_grade_by_hand"],
        ["alice", aid, "0", "6", "0", "2", "0", "8", "0"], ["bob", aid, "6", "6", "", "2", "6", "8", "1"],
        ["carol", aid, "0", "6", "0", "2", "0", "8", "0"]]
    rows = _csv(course / "grades_by_exercise.csv")
    assert ["alice", aid, "fx-relu-tests", "auto", "0", "3"] in rows and ["bob", aid, "fx-mse-tests", "auto", "1", "1"] in rows
    assert ["bob", aid, "fx-written", "manual", "", "2"] in rows and ["alice", aid, "fx-written", "manual", "0", "2"] in rows
    assert len(rows) == 1 + 3 * 4
    feedback = _page_text(course / "feedback" / "alice" / aid / f"{aid}.html")
    assert "relu is not written yet" in feedback  # the check's sentence reaches the student
    assert "check_function(relu, [((2.0,), 2.0)" in feedback  # the visible check, but not the hidden tests
    assert "BEGIN HIDDEN TESTS" not in feedback and "np.array([-3.0, 0.0, 4.0])" not in feedback
    # bob's written answer waits: a page now would show it as 0 points, so there is none yet
    assert not (course / "feedback" / "bob").exists()

    # the teacher grades bob's written answer by hand (what the formgrader does), then grades again:
    # nothing is autograded again, the feedback and the CSVs include the points given by hand
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        grade = gb.find_grade("fx-written", aid, aid, "bob")
        grade.manual_score, grade.needs_manual_grade = 1.5, False  # as the formgrader's "save" does
        gb.db.commit()
    stamp = (course / "autograded" / "bob" / aid / FIXTURE.name).stat().st_mtime
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "0 submissions" not in out and "3 submissions, autograding 0" in out
    assert (course / "autograded" / "bob" / aid / FIXTURE.name).stat().st_mtime == stamp
    assert ["bob", aid, "6", "6", "1.5", "2", "7.5", "8", "0"] in _csv(course / "grades.csv")
    assert "1.5 / 2" in (course / "feedback" / "bob" / aid / f"{aid}.html").read_text()

    # alice hands in again with everything solved: only her submission is autograded again
    time.sleep(0.01)
    _submit(course, "alice", nbformat.read(FIXTURE, as_version=4))
    assert main(args) == 0
    assert "3 submissions, autograding 1" in capsys.readouterr().out
    grades = _csv(course / "grades.csv")
    assert ["alice", aid, "6", "6", "", "2", "6", "8", "1"] in grades
    assert ["bob", aid, "6", "6", "1.5", "2", "7.5", "8", "0"] in grades  # the hand-given points survive
    # alice's new written answer waits for the teacher: her page of the first version is gone
    assert not (course / "feedback" / "alice" / aid).exists()

    # everything autograded again (a test changed): bob's unchanged written answer keeps its points
    assert main(args + ["--regrade"]) == 0
    assert "3 submissions, autograding 3" in capsys.readouterr().out
    assert ["bob", aid, "6", "6", "1.5", "2", "7.5", "8", "0"] in _csv(course / "grades.csv")
    assert (course / "feedback" / "bob" / aid / f"{aid}.html").exists()

    # bob hands in a new written answer: it waits for the teacher, not graded with the old points
    time.sleep(0.01)
    bob = nbformat.read(FIXTURE, as_version=4)
    (written,) = [c for c in bob.cells if nbs.is_written_cell(c)]
    written.source = "A new answer."
    _submit(course, "bob", bob)
    assert main(args) == 0
    assert ["bob", aid, "6", "6", "", "2", "6", "8", "1"] in _csv(course / "grades.csv")
    assert not (course / "feedback" / "bob" / aid).exists()


def test_misfiled_submissions_are_named_and_do_not_stop_the_others(tmp_path, capsys):
    # "01_perceptron (1).ipynb" in its folder, or a notebook not in a folder of its own: nbgrader
    # would fail on the whole notebook (the first) or skip it silently (the second)
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copyfile(FIXTURE, notebooks / FIXTURE.name)
    course = tmp_path / "grading"
    aid = FIXTURE.stem
    _submit(course, "bob", nbformat.read(FIXTURE, as_version=4))
    (course / "submitted" / "dan" / aid).mkdir(parents=True)
    shutil.copyfile(FIXTURE, course / "submitted" / "dan" / aid / f"{aid} (1).ipynb")
    (course / "submitted" / "eve" / "homework").mkdir(parents=True)
    shutil.copyfile(FIXTURE, course / "submitted" / "eve" / f"{aid}.ipynb")
    found, misfiled, problems = gr.find_submissions(course, [aid])
    assert found == {aid: ["bob"]} and misfiled == {aid: {"dan"}}
    assert problems == [
        f"submitted/dan/{aid}/: not graded, {aid}.ipynb is missing (it holds {aid} (1).ipynb: rename the student's "
        f"notebook to {aid}.ipynb)",
        f"submitted/eve/homework/: not graded, no notebook of the course is called 'homework' (they are {aid})",
        f"submitted/eve/{aid}.ipynb: not graded, a notebook goes into a folder of its own: "
        f"submitted/eve/{aid}/{aid}.ipynb"]
    assert main(["grade", "--course", str(course), "--notebooks", str(notebooks)]) == 1
    captured = capsys.readouterr()
    assert "to look at (3); the grades of the rest are written" in captured.err
    assert f"rename the student's notebook to {aid}.ipynb" in captured.err
    assert [row[0] for row in _csv(course / "grades.csv")] == ["student", "bob"]  # dan is not given 0 points


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_formgrader_serves_the_course_with_its_written_answers(tmp_path):
    # `make formgrader` runs JupyterLab in grading/; nbgrader's formgrader there finds the course
    import json
    import shlex
    import socket
    import subprocess
    import urllib.request

    out = subprocess.run(["make", "-n", "-o", ".venv-dev/.installed", "formgrader"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    line = next(line for line in out.splitlines() if "jupyter lab" in line)
    words = shlex.split(line.split("&&", 1)[1])
    assert line.startswith("cd grading &&") and words[1].endswith(".venv-dev/bin/jupyter")
    course = tmp_path / "grading"
    nbg.write_course(course, [FIXTURE])
    nbg.generate(course)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "HOME": str(tmp_path), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "PYTHONPATH": str(ROOT), "BROWSER": "true"}
    command = [str(Path(sys.executable).with_name("jupyter")), *words[2:], "--no-browser",
               f"--ServerApp.port={port}", "--ServerApp.token=t0ken"]
    proc = subprocess.Popen(command, cwd=course, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, assignments = time.monotonic() + 90, None
        while assignments is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/formgrader/api/assignments?token=t0ken"
                with urllib.request.urlopen(url, timeout=5) as response:
                    assignments = json.load(response)
            except OSError:
                time.sleep(0.5)
        assert assignments, "the formgrader did not answer"
        (fixture,) = assignments
        assert (fixture["name"], fixture["max_code_score"], fixture["max_written_score"]) == (FIXTURE.stem, 6, 2)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
