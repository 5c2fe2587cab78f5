"""Homework tooling, with the real nbgrader on throwaway course directories.

For the fixture notebook (tests/fixtures/homework_fixture.ipynb: three exercises
and an ``interact`` widget) and for every notebook in notebooks/ that has nbgrader
cells, one course in tmp_path gets the notebook as an assignment and several
"students", one per variant, autograded by ``nbgrader autograde`` (JOBS copies
of the course side by side, the students split between them):

- ``solution``: the notebook with its solutions: full points;
- ``released``: the student version as nbgrader releases it: zero points, no crash;
- ``minus-<grade_id>``: only that solution replaced by nbgrader's stub: fewer
  points than full, lost on the test cell that grades it.

Run with ``-s`` to see the table of points and times per notebook.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from nnkit import homework as hw

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "homework_fixture.ipynb"
NOTEBOOKS = [p for p in sorted((HERE.parent / "notebooks").glob("*.ipynb")) if hw.has_exercises(p)]
CELL_TIMEOUT = 60  # seconds per cell; an nbclient stall would cost this much
JOBS = int(os.environ.get("NNKIT_HOMEWORK_JOBS", min(2, os.cpu_count() or 1)))  # autograders side by side
RESULTS: list[dict] = []


def _solution_ids(nb) -> list[str]:
    return [c.metadata.nbgrader.grade_id for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]


@pytest.fixture(scope="module", autouse=True)
def _needs_nbgrader_and_prints_table():
    try:
        hw._require_nbgrader()
    except hw.HomeworkError as err:
        pytest.fail(str(err))
    yield
    if RESULTS:
        print("\n\nhomework autograding (points: solution / released / each solution removed)")
        for r in RESULTS:
            minus = ", ".join(f"{gid} {score:g}" for gid, score in r["minus"].items())
            print(f"  {r['notebook']:<28} {r['solution']:g}/{r['max']:g}  released {r['released']:g}  "
                  f"[{minus}]  {r['runs']} runs in {r['seconds']:.1f} s (kernel {r['kernel']:.1f} s per run)")


@pytest.fixture(scope="module", params=[FIXTURE, *NOTEBOOKS], ids=lambda p: p.stem)
def graded(request, tmp_path_factory):
    """One course per notebook: generate it, submit every variant, autograde all at once."""
    source = request.param
    course = tmp_path_factory.mktemp(source.stem)
    (aid,) = hw.write_course(course, [source], timeout=CELL_TIMEOUT)
    hw.generate(course, aid)
    release = course / "release" / aid / source.name
    nb = nbformat.read(source, as_version=4)
    variants = {"solution": nb, "released": nbformat.read(release, as_version=4)}
    for gid in _solution_ids(nb):
        variants[f"minus-{gid}"] = hw.stub_solution(nb, gid)
    # Students split over JOBS copies of the course, autograded side by side
    # (each copy has its own gradebook; one `nbgrader autograde` per copy).
    shards = [course] + [course.with_name(f"{course.name}-{i}") for i in range(1, JOBS)]
    for shard in shards[1:]:
        shutil.copytree(course, shard)
        hw.write_course(shard, [source], timeout=CELL_TIMEOUT)  # its own root in nbgrader_config.py
    for i, (student, version) in enumerate(variants.items()):
        target = shards[i % len(shards)] / "submitted" / student / aid / source.name
        target.parent.mkdir(parents=True)
        nbformat.write(version, target)
    start = time.perf_counter()
    with ThreadPoolExecutor(len(shards)) as pool:
        list(pool.map(lambda shard: hw.autograde(shard, aid), shards))
    seconds = time.perf_counter() - start
    grades, autograded = [], {}
    for shard in shards:
        for g in hw.read_grades(shard):
            grades.append(g)
            autograded[g.student] = shard / "autograded" / g.student / aid / source.name
    totals = {g.student: g for g in grades if g.cell is None}
    cells = {(g.student, g.cell): g.score for g in grades if g.cell is not None}
    result = {
        "notebook": source.stem, "max": totals["solution"].max_score, "solution": totals["solution"].score,
        "released": totals["released"].score, "runs": len(variants), "seconds": seconds,
        "minus": {s[len("minus-"):]: g.score for s, g in totals.items() if s.startswith("minus-")},
    }
    result["kernel"] = _timing(autograded["solution"])[0]
    RESULTS.append(result)
    return {"source": source, "release": release, "nb": nb, "totals": totals, "cells": cells,
            "grades": grades, "autograded": autograded, "result": result}


def test_solution_gets_full_points(graded):
    total = graded["totals"]["solution"]
    lost = [f"{g.cell} {g.score:g}/{g.max_score:g}" for g in graded["grades"]
            if g.student == "solution" and g.cell and g.score < g.max_score]
    assert total.max_score > 0
    assert total.score == total.max_score, f"the solutions lose points on: {lost}"


def test_released_version_gets_zero_and_runs_to_the_end(graded):
    assert graded["totals"]["released"].score == 0
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
    full = graded["totals"]["solution"].max_score
    minus = graded["result"]["minus"]
    assert minus, "no solution cells"
    for ex in hw.exercises(graded["source"]):
        for gid in ex.solution_ids:
            assert minus[gid] < full, f"removing the solution {gid} costs no points"
            assert graded["cells"][(f"minus-{gid}", ex.test_id)] == 0, \
                f"{ex.test_id} still gives points without the solution {gid}"


def _outside(source: str, begin: str, end: str) -> set[str]:
    """Stripped lines of ``source`` outside the ``begin`` ... ``end`` regions."""
    lines, inside = set(), False
    for line in source.splitlines():
        if line.strip() in (begin, end):
            inside = line.strip() == begin
        elif not inside:
            lines.add(line.strip())
    return lines


def test_released_version_has_no_solutions_or_hidden_tests(graded):
    released = nbformat.read(graded["release"], as_version=4)
    text = nbformat.writes(released)
    for marker in (hw.BEGIN_SOLUTION, hw.END_SOLUTION, hw.BEGIN_HIDDEN, hw.END_HIDDEN):
        assert marker not in text
    by_id = {c.metadata.nbgrader.grade_id: c for c in released.cells if c.metadata.get("nbgrader")}
    for cell in graded["nb"].cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta:
            continue
        out = {line.strip() for line in by_id[meta["grade_id"]].source.splitlines()}
        for begin, end in ((hw.BEGIN_SOLUTION, hw.END_SOLUTION), (hw.BEGIN_HIDDEN, hw.END_HIDDEN)):
            secret = set(hw._region(cell.source, begin, end)) - _outside(cell.source, begin, end)
            assert not secret & out, f"{meta['grade_id']}: the released cell keeps {sorted(secret & out)}"
    assert not any(c.outputs for c in released.cells if c.cell_type == "code"), "the released notebook has outputs"


def _timing(path):
    """(kernel seconds, largest gap between two cells, the cell after it) of an executed notebook.

    nbclient records kernel-side timestamps per cell.  The gap between one cell's
    idle and the next one's busy is the client's own time between cells: a few
    milliseconds, or about a whole cell timeout when nbclient stalls.
    """
    from datetime import datetime

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


def test_course_config_gives_nbclient_the_sliced_poll_client(tmp_path):
    from jupyter_client.manager import AsyncKernelManager
    from traitlets.config.loader import PyFileConfigLoader

    hw.write_course(tmp_path, [FIXTURE])
    config = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path)).load_config()
    client = AsyncKernelManager(config=config).client()  # what nbclient does, without a kernel
    assert type(client) is hw.SlicedPollKernelClient
    assert client.shell_channel_class is client.iopub_channel_class is hw.SlicedPollChannel


def test_sliced_poll_channel_waits_its_timeout_and_gets_messages():
    import asyncio
    from queue import Empty

    import zmq
    import zmq.asyncio
    from jupyter_client.session import Session

    async def scenario():
        context = zmq.asyncio.Context()
        sender, receiver = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
        sender.bind("inproc://sliced-poll")
        receiver.connect("inproc://sliced-poll")
        session = Session(key=b"")
        channel = hw.SlicedPollChannel(receiver, session)
        start = time.perf_counter()
        with pytest.raises(Empty):
            await channel.get_msg(timeout=0.5)
        waited = time.perf_counter() - start
        session.send(sender, "execute_reply", content={"status": "ok"})
        msg = await channel.get_msg(timeout=5)
        for sock in (sender, receiver):
            sock.close(linger=0)
        context.term()
        return waited, msg

    # a fresh thread has no running event loop, even after the browser tests' Playwright session
    with ThreadPoolExecutor(1) as pool:
        waited, msg = pool.submit(lambda: asyncio.run(scenario())).result()
    assert 0.5 <= waited < 0.5 + 2 * hw.POLL_SLICE  # the whole timeout, in slices
    assert msg["msg_type"] == "execute_reply" and msg["content"] == {"status": "ok"}


# --------------------------------------------------------------------------- metadata

def test_course_metadata_is_valid():
    # grade_ids unique across the course, schema 3, >= 3 graded exercises each, hidden tests
    assert hw.check_metadata(NOTEBOOKS) == []


def test_fixture_metadata_is_valid():
    assert hw.check_metadata([FIXTURE]) == []
    assert [e.test_id for e in hw.exercises(FIXTURE)] == ["fx-square-tests", "fx-relu-tests", "fx-mse-tests"]
    assert [e.solution_ids for e in hw.exercises(FIXTURE)] == [("fx-square",), ("fx-relu",), ("fx-mse",)]


def _broken(tmp_path, name, edit):
    nb = nbformat.read(FIXTURE, as_version=4)
    edit(nb)
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


def _graded_cell(nb, index=0):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")][index]


def test_metadata_problems_are_named(tmp_path):
    def no_hidden(nb):
        cell = _graded_cell(nb)
        cell.source = cell.source.split(hw.BEGIN_HIDDEN)[0]

    def old_schema(nb):
        _graded_cell(nb, 1).metadata.nbgrader["schema_version"] = 1

    def no_points(nb):
        _graded_cell(nb, 2).metadata.nbgrader["points"] = 0

    def two_exercises(nb):
        cell = _graded_cell(nb, 2)
        cell.metadata.nbgrader.update(grade=False, points=0)

    cases = [
        (no_hidden, "fx-square-tests): test cell without a hidden part"),
        (old_schema, "schema_version is 1, expected 3"),
        (no_points, "graded test cell with points 0, expected > 0"),
        (two_exercises, "2 graded test cells, expected at least 3"),
    ]
    for edit, message in cases:
        problems = hw.check_metadata([_broken(tmp_path, f"{edit.__name__}.ipynb", edit)])
        assert any(message in p for p in problems), (message, problems)


def test_duplicate_grade_ids_across_notebooks_are_found(tmp_path):
    copy = tmp_path / "copy.ipynb"
    shutil.copyfile(FIXTURE, copy)
    problems = hw.check_metadata([FIXTURE, copy])
    assert any("grade_id 'fx-square' is also used by homework_fixture.ipynb" in p for p in problems)


def test_stub_solution_clears_only_that_cell():
    nb = nbformat.read(FIXTURE, as_version=4)
    stubbed = hw.stub_solution(nb, "fx-relu")
    changed = [i for i, (a, b) in enumerate(zip(nb.cells, stubbed.cells)) if a.source != b.source]
    assert len(changed) == 1
    source = stubbed.cells[changed[0]].source
    assert "raise NotImplementedError()" in source and "np.maximum" not in source
    assert source.startswith("def relu(z):")
    with pytest.raises(hw.HomeworkError, match="no single solution cell with grade_id 'fx-relu-tests'"):
        hw.stub_solution(nb, "fx-relu-tests")


# --------------------------------------------------------------------------- student versions, errors

def test_make_student_writes_released_notebooks(tmp_path):
    course = tmp_path / "course"
    (course / "notebooks").mkdir(parents=True)
    (course / "figures").mkdir()
    (course / "figures" / "x.png").write_bytes(b"png")
    shutil.copyfile(FIXTURE, course / "notebooks" / FIXTURE.name)
    out = tmp_path / "student"
    written = hw.make_student(out, course / "notebooks")
    assert [p.name for p in written] == [FIXTURE.name]
    text = written[0].read_text()
    assert "raise NotImplementedError()" in text and hw.BEGIN_SOLUTION not in text and "np.maximum" not in text
    assert (out / "figures" / "x.png").read_bytes() == b"png"  # ../figures/x.png still resolves
    hw.make_student(out, course / "notebooks")  # a second run replaces its own output
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    with pytest.raises(hw.HomeworkError, match="was not made by `nnkit.homework student`"):
        hw.make_student(foreign, course / "notebooks")
    assert (foreign / "keep.txt").read_text() == "mine"


def test_student_copy_holds_what_the_notebooks_refer_to():
    # A notebook showing ../figures/x.png needs figures/ copied beside student/notebooks/.
    import re

    for path in sorted((HERE.parent / "notebooks").glob("*.ipynb")):
        for ref in re.findall(r"\.\./([A-Za-z0-9_]+)/([A-Za-z0-9_./-]+\.[a-z]+)", path.read_text()):
            assert ref[0] in hw.STUDENT_FILES, f"{path.name} refers to ../{ref[0]}/, which make_student does not copy"
            assert (HERE.parent / ref[0] / ref[1]).exists(), f"{path.name} refers to missing ../{'/'.join(ref)}"


def test_no_notebooks_is_a_clear_error(tmp_path):
    with pytest.raises(hw.HomeworkError, match=r"no notebooks with nbgrader exercise cells found in .*empty"):
        hw.find_notebooks(tmp_path / "empty")
    assert hw.main(["check", "--notebooks", str(tmp_path)]) == 1


def test_missing_nbgrader_says_how_to_install(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "nbgrader", None)  # import nbgrader now raises ImportError
    with pytest.raises(hw.HomeworkError, match=r'pip install -e "\.\[teacher\]"'):
        hw.make_student(tmp_path / "student", tmp_path)
    assert hw.main(["grade", "--course", str(tmp_path / "c")]) == 1
    assert 'pip install -e ".[teacher]"' in capsys.readouterr().err


def test_grade_course_end_to_end(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copyfile(FIXTURE, notebooks / FIXTURE.name)
    course = tmp_path / "grading"
    with pytest.raises(hw.HomeworkError, match="no submissions found .new course created.: put each one in"):
        hw.grade_course(course, notebooks)
    aid = FIXTURE.stem
    released = course / "release" / aid / FIXTURE.name
    # carol turns every test of the released version into `pass`: nbgrader restores them
    carol = nbformat.read(released, as_version=4)
    for cell in carol.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.source = "pass"
    for student, version in (("alice", nbformat.read(released, as_version=4)),
                             ("bob", nbformat.read(FIXTURE, as_version=4)), ("carol", carol)):
        target = course / "submitted" / student / aid / FIXTURE.name
        target.parent.mkdir(parents=True)
        nbformat.write(version, target)
    assert hw.main(["grade", "--course", str(course), "--notebooks", str(notebooks)]) == 0
    out = capsys.readouterr().out
    assert ("student  homework_fixture  total\nalice    0/6               0/6\nbob      6/6               6/6\n"
            "carol    0/6               0/6") in out
    with (course / "grades.csv").open() as fh:
        assert list(csv.reader(fh)) == [["student", "notebook", "score", "max_score"],
                                        ["alice", aid, "0", "6"], ["bob", aid, "6", "6"], ["carol", aid, "0", "6"]]
    with (course / "grades_by_exercise.csv").open() as fh:
        rows = list(csv.reader(fh))
    assert ["alice", aid, "fx-relu-tests", "0", "3"] in rows and ["bob", aid, "fx-mse-tests", "1", "1"] in rows
    assert len(rows) == 1 + 3 * 3
    feedback = (course / "feedback" / "alice" / aid / f"{aid}.html").read_text()
    assert "relu is not written yet" in feedback  # the check's sentence reaches the student
