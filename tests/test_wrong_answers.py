"""Every exercise rejects the wrong answers its catalogue lists, with a sentence for the student.

The catalogue is ``tests/wrong_answers/*.py`` (format: ``tests/wrong_answers/README.md``;
``NNKIT_WRONG_ANSWERS_DIR`` points elsewhere).  Each wrong answer runs in place of
its solution cell, in one kernel per notebook, through the teacher's test cells,
scored as nbgrader scores them (``tests/wrong_answers/_runner.py``).  For each:

- it loses points on a test cell that grades its solution cell;
- it is caught where it says: ``"visible"`` when the student's own check (the
  visible part of a test cell) already fails, ``"hidden"`` when only the hidden
  tests do;
- every failing test cell shows an ``ExerciseError``: the student reads a sentence
  (and, with ``feedback=``, the words the entry expects), never a raw traceback.

Every exercise of a course notebook with a catalogue has at least three wrong
answers, and after them the right solutions still get full points.  The table of
wrong answers per exercise (and how many the visible check catches) is printed at
the end of the run.  ``-k 05_digits_classifier`` runs one notebook's entries only
(the kernel runs just the selected ones); ``NNKIT_WRONG_ANSWERS_ISOLATED=1`` gives
each wrong answer a fresh kernel instead.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "wrong_answers"))
import _runner as wa  # noqa: E402

FOLDER = Path(os.environ.get("NNKIT_WRONG_ANSWERS_DIR", wa.HERE))
ISOLATED = os.environ.get("NNKIT_WRONG_ANSWERS_ISOLATED") == "1"
CATALOGUES = wa.load(FOLDER)
ENTRIES = [e for cat in CATALOGUES for e in cat.entries]
COURSE = sorted((wa.ROOT / "notebooks").glob("*.ipynb"))
MIN_PER_EXERCISE = 3


class _Table:
    """Prints the table of wrong answers per exercise in pytest's terminal summary."""

    def __init__(self):
        self.runs: list[wa.NotebookRun] = []

    def pytest_terminal_summary(self, terminalreporter):
        if not self.runs:
            return
        tr = terminalreporter
        mode = "a fresh kernel per wrong answer" if ISOLATED else "one kernel per notebook"
        tr.section(f"wrong answers per exercise ({mode})")
        tr.write_line(f"{'notebook':<26} {'solution cell':<22} {'wrong':>5} {'visible':>7} {'hidden':>6} "
                      f"{'missed':>6}")
        for run in self.runs:
            per = {}
            for r in run.results:
                per.setdefault(r.entry["grade_id"], []).append(r)
            for gid, results in per.items():
                levels = [r.caught for r in results]
                tr.write_line(f"{run.notebook:<26} {gid:<22} {len(results):>5} {levels.count('visible'):>7} "
                              f"{levels.count('hidden'):>6} {levels.count(None):>6}")
            tr.write_line(f"{run.notebook:<26} {'(time)':<22} {run.seconds:.1f} s, of which the wrong answers "
                          f"{run.wrong_seconds:.1f} s")


@pytest.fixture(scope="module")
def runs(request):
    """notebook -> its NotebookRun, run on first use with the selected entries only."""
    table = _Table()
    request.config.pluginmanager.register(table, "nnkit-wrong-answers-table")
    selected = {item.callspec.params["entry"]["id"] for item in request.session.items
                if getattr(item, "originalname", "") == "test_wrong_answer_loses_points_with_a_sentence"}
    done: dict[str, wa.NotebookRun] = {}

    def get(stem: str) -> wa.NotebookRun:
        if stem not in done:
            path = wa.notebook_path(stem)
            mine = [e for e in ENTRIES if e["notebook"] == stem and e["id"] in selected]
            # a fresh thread: no event loop left running by other tests (Playwright's, say)
            with ThreadPoolExecutor(1) as pool:
                done[stem] = pool.submit(wa.run_notebook, path, mine, isolated=ISOLATED).result()
            table.runs.append(done[stem])
        return done[stem]

    return get


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda c: c.module)
def test_catalogue_is_well_formed(catalogue):
    assert catalogue.problems == []


@pytest.mark.parametrize("notebook", COURSE, ids=lambda p: p.stem)
def test_every_exercise_has_three_wrong_answers(notebook):
    import nbformat

    mine = [e for e in ENTRIES if e["notebook"] == notebook.stem]
    assert any(cat.notebook == notebook.stem for cat in CATALOGUES), \
        f"no catalogue of wrong answers for {notebook.stem}: add tests/wrong_answers/nb{notebook.stem[:2]}.py"
    nb = nbformat.read(notebook, as_version=4)
    exercises = {}
    for gid, (_, tests) in wa.groups(nb).items():
        exercises.setdefault(tuple(tests), []).append(gid)  # solution cells graded by the same tests: one exercise
    short = {"+".join(gids): sum(e["grade_id"] in gids for e in mine) for gids in exercises.values()}
    assert {k: n for k, n in short.items() if n < MIN_PER_EXERCISE} == {}, \
        f"exercises with fewer than {MIN_PER_EXERCISE} wrong answers in the catalogue"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["id"])
def test_wrong_answer_loses_points_with_a_sentence(entry, runs):
    run = runs(entry["notebook"])
    (result,) = [r for r in run.results if r.entry["id"] == entry["id"]]
    what = f"{entry['grade_id']} ({entry['mistake']})"
    assert result.own_error is None, \
        f"{what}: the wrong answer's own cell raises {result.own_error}; a catalogue entry is code that runs"
    assert result.lost > 0, f"{what}: loses no points; the tests accept it: " + \
        ", ".join(f"{t.grade_id} {t.points:g}/{t.max_points:g}" for t in result.tests)
    assert result.caught == entry["caught"], \
        f"{what}: declared {entry['caught']!r}, but caught by {result.caught!r} tests"
    for t in result.tests:
        if t.level is None:
            continue
        assert t.ename == "ExerciseError" and t.traceback_lines == 1, \
            (f"{what}: {t.grade_id} fails in its {t.level} part with "
             f"{t.ename or 'output on stderr'}: {t.message[:300]!r}; the student should read a sentence: "
             "check through nnkit.checks (check_function, check_close, call ...), which turn a crash into one")
    if "feedback" in entry:
        sentences = " | ".join(t.message for t in result.tests if t.level)
        assert entry["feedback"] in sentences, f"{what}: the feedback does not say {entry['feedback']!r}: {sentences}"


@pytest.mark.parametrize("notebook", sorted({c.notebook for c in CATALOGUES if c.notebook and c.path}))
def test_the_solutions_keep_full_points_beside_the_wrong_answers(notebook, runs):
    # the right solution runs after its wrong answers in the same kernel: a wrong answer that
    # changed shared state (an in-place update of a global array) would make it lose points here
    run = runs(notebook)
    lost = [f"{t.grade_id} {t.points:g}/{t.max_points:g}: {t.message[:200]}" for t in run.solution_tests
            if t.points < t.max_points]
    assert lost == [], "the solutions lose points after the wrong answers ran (try NNKIT_WRONG_ANSWERS_ISOLATED=1)"


def test_the_runner_sees_an_accepted_answer_a_raw_traceback_and_a_broken_entry():
    # the runner itself, on the fixture: what a faulty catalogue entry or a weak test looks like
    def entry(gid, source, n):
        return {"grade_id": gid, "mistake": "m", "caught": "visible", "source": source, "notebook": "homework_fixture",
                "index": n, "id": f"probe-{n}"}

    probes = [
        entry("fx-square", "def square(x):\n    return np.asarray(x, dtype=float) ** 2.0", 0),  # right after all
        entry("fx-mse", "def mse(y, t):\n    if len(y) == 3:\n        raise ValueError('three')\n"
                        "    y, t = np.asarray(y, dtype=float), np.asarray(t, dtype=float)\n"
                        "    return float(np.mean((y - t) ** 2))", 1),  # the hidden test calls mse() bare
        entry("fx-relu", "def relu(z):\n    return undefined_name", 2),
        entry("fx-relu", "relu = 1 / 0", 3),  # the entry's own cell raises
    ]
    with ThreadPoolExecutor(1) as pool:
        run = pool.submit(wa.run_notebook, wa.notebook_path("homework_fixture"), probes).result()
    accepted, raw, crash, broken = sorted(run.results, key=lambda r: r.entry["index"])
    assert accepted.lost == 0 and accepted.caught is None
    (mse,) = raw.tests
    assert (mse.level, mse.ename, mse.points) == ("hidden", "ValueError", 0)
    (relu,) = crash.tests
    assert relu.level == "visible" and relu.ename == "ExerciseError" and "raised NameError" in relu.message
    assert broken.own_error.startswith("ZeroDivisionError")
    assert all(t.points == t.max_points for t in run.solution_tests)
