"""Load the catalogue of wrong answers and run it through the notebooks' own tests.

Used by ``tests/test_wrong_answers.py``; the format is in ``README.md`` here.

**One kernel per notebook.**  The teacher's notebook runs top to bottom in one
kernel (nbclient, as ``nbgrader autograde`` runs it, with the stall fix of
``teacher/stall.py``).  Just before a solution cell that has wrong answers, each
of them runs in its place, followed by the cells up to the last test cell that
grades it (lesson cells in between included); then the notebook goes on with
the right solution, whose test cells must still give full points.  So each wrong
answer sees the state a submission would see at that point, and costs only its
own cells, not a kernel start and a run of everything before it.
``isolated=True`` instead gives each wrong answer a fresh kernel that runs the
notebook up to its test cells (slower; for a wrong answer suspected of
changing shared state).

**Scored as nbgrader scores.**  A test cell runs as the teacher wrote it (hidden
tests included, as the autograder restores them) and is scored by nbgrader's own
``determine_grade`` on its outputs: an error, or anything on stderr, costs all
its points.  A line printing a marker replaces ``### BEGIN HIDDEN TESTS``, so the
outputs show whether the visible part (the student's own check) or only the
hidden tests failed.
"""
from __future__ import annotations

import asyncio
import copy
import importlib.util
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from teacher.notebooks import (BEGIN_HIDDEN, exercises, is_solution_cell, is_test_cell, nbgrader_meta)
from teacher.stall import CLIENT_CLASS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NOTEBOOK_DIRS = (ROOT / "notebooks", ROOT / "tests" / "fixtures")
LEVELS = ("visible", "hidden")
REQUIRED = {"grade_id", "mistake", "caught", "source"}
OPTIONAL = {"feedback"}
MARKER = "--- nnkit: the hidden tests start here ---"
CELL_TIMEOUT = 120


# --------------------------------------------------------------------------- the catalogue

@dataclass
class Catalogue:
    """One catalogue module: its notebook and entries, or why it could not be read."""

    module: str
    notebook: str | None = None
    path: Path | None = None
    entries: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def notebook_path(stem: str) -> Path | None:
    """The notebook ``<stem>.ipynb`` in notebooks/ or tests/fixtures/, or None."""
    for folder in NOTEBOOK_DIRS:
        if (folder / f"{stem}.ipynb").exists():
            return folder / f"{stem}.ipynb"
    return None


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:5])


def load(folder: Path = HERE) -> list[Catalogue]:
    """Every catalogue module in ``folder`` (each ``*.py`` not starting with ``_``), checked."""
    found = []
    for module in sorted(Path(folder).glob("[!_]*.py")):
        cat = Catalogue(module.name)
        found.append(cat)
        try:
            spec = importlib.util.spec_from_file_location(f"wrong_answers_{module.stem}", module)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
        except Exception as err:  # a broken catalogue is reported by its own test, not at collection
            cat.problems.append(f"{module.name} does not import: {type(err).__name__}: {err}")
            continue
        cat.notebook = getattr(mod, "NOTEBOOK", None)
        entries = getattr(mod, "WRONG_ANSWERS", None)
        if not isinstance(cat.notebook, str) or not isinstance(entries, list):
            cat.problems.append(f"{module.name} needs NOTEBOOK (a notebook's name) and WRONG_ANSWERS (a list)")
            continue
        cat.path = notebook_path(cat.notebook)
        if cat.path is None:
            cat.problems.append(f"{module.name}: no notebook {cat.notebook}.ipynb in notebooks/ or tests/fixtures/")
            continue
        cat.entries = _checked(cat, entries)
    return found


def _checked(cat: Catalogue, entries: list) -> list[dict]:
    nb = nbformat.read(cat.path, as_version=4)
    solutions = {nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells if is_solution_cell(c)}
    good, counts = [], {}
    for i, entry in enumerate(entries):
        where = f"{cat.module} entry {i}"
        if not isinstance(entry, dict):
            cat.problems.append(f"{where}: a dict(grade_id=..., mistake=..., caught=..., source=...), not {entry!r:.40}")
            continue
        missing, unknown = REQUIRED - set(entry), set(entry) - REQUIRED - OPTIONAL
        if missing or unknown:
            cat.problems.append(f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}")
            continue
        gid = entry["grade_id"]
        if gid not in solutions:
            cat.problems.append(f"{where}: {gid!r} is not a solution cell of {cat.notebook} "
                                f"(those are {sorted(solutions)})")
        elif entry["caught"] not in LEVELS:
            cat.problems.append(f"{where}: caught is {entry['caught']!r}, expected 'visible' or 'hidden'")
        elif not isinstance(entry["source"], str) or entry["source"].strip() == solutions[gid].strip():
            cat.problems.append(f"{where}: source must be the code of a wrong answer (a string), not the solution")
        elif not str(entry["mistake"]).strip():
            cat.problems.append(f"{where}: say in a few words what the mistake is")
        else:
            counts[gid] = counts.get(gid, 0) + 1
            good.append({**entry, "notebook": cat.notebook, "index": i,
                         "id": f"{cat.notebook}-{gid}-{counts[gid]}-{_slug(entry['mistake'])}"})
    return good


def groups(nb) -> dict[str, tuple[int, list[int]]]:
    """Solution grade_id -> (its cell index, the indices of the test cells that grade it)."""
    index = {nbgrader_meta(c).get("grade_id"): i for i, c in enumerate(nb.cells) if nbgrader_meta(c)}
    found = {}
    for ex in exercises(nb):
        for gid in ex.solution_ids:
            found.setdefault(gid, (index[gid], []))[1].append(index[ex.test_id])
    return found


# --------------------------------------------------------------------------- running

@dataclass
class TestRun:
    """One test cell's run: points as nbgrader gives them, where it failed, what the student reads."""

    grade_id: str
    points: float
    max_points: float
    level: str | None       # "visible", "hidden" or None (passed)
    ename: str | None       # the error's class name, or None
    message: str            # the error's message (the sentence), or what went to stderr
    traceback_lines: int


@dataclass
class Result:
    """A wrong answer's run: its test cells, and an error its own cell raised (if any)."""

    entry: dict
    tests: list[TestRun]
    own_error: str | None
    seconds: float

    @property
    def lost(self) -> float:
        return sum(t.max_points - t.points for t in self.tests)

    @property
    def caught(self) -> str | None:
        levels = {t.level for t in self.tests}
        return "visible" if "visible" in levels else "hidden" if "hidden" in levels else None


@dataclass
class NotebookRun:
    """Everything one notebook's run gives: the wrong answers' results and the right solutions' tests."""

    notebook: str
    results: list[Result]
    solution_tests: list[TestRun]
    seconds: float
    wrong_seconds: float


def _instrumented(cell):
    """A copy of a test cell whose hidden part starts with a line printing :data:`MARKER`."""
    cell = copy.deepcopy(cell)
    lines = [re.sub(r"^(\s*)### BEGIN HIDDEN TESTS\s*$", rf'\1print("{MARKER}")', line)
             for line in cell.source.splitlines()]
    cell.source = "\n".join(lines)
    cell.outputs = []
    return cell


def _score(cell) -> TestRun:
    """Score an executed (instrumented) test cell with nbgrader, and read where it failed."""
    from nbgrader.utils import determine_grade

    hidden, level, ename, message, tb = False, None, None, "", 0
    clean = copy.deepcopy(cell)
    for out in clean.outputs:
        if out.output_type == "stream" and out.name == "stdout" and MARKER in out.text:
            hidden = True
            out.text = out.text.replace(MARKER + "\n", "").replace(MARKER, "")
        failed = out.output_type == "error" or (out.output_type == "stream" and out.name == "stderr")
        if failed and level is None:
            level = "hidden" if hidden else "visible"
            message = out.get("text", "").strip()  # stderr: kept unless an error follows
        if out.output_type == "error" and ename is None:  # what the student reads (a warning may come first)
            ename, message, tb = out.ename, out.evalue, len(out.traceback)
    clean.outputs = [o for o in clean.outputs if not (o.output_type == "stream" and not o.text)]
    points, max_points = determine_grade(clean)
    return TestRun(nbgrader_meta(cell)["grade_id"], float(points), float(max_points), level, ename, message, tb)


def _client(nb, path: Path):
    from nbclient import NotebookClient
    from traitlets.config import Config

    config = Config({"AsyncKernelManager": {"client_class": CLIENT_CLASS}})
    return NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=True, config=config,
                          resources={"metadata": {"path": str(path.parent)}})


def _own_error(cell) -> str | None:
    for out in cell.outputs:
        if out.output_type == "error":
            return f"{out.ename}: {out.evalue}"
    return None


async def _run_wrong(client, cells, entry, start, tests) -> Result:
    """Run ``entry`` in place of cell ``start``, then the cells up to its last test cell."""
    began = time.perf_counter()
    wrong = copy.deepcopy(cells[start])
    wrong.source, wrong.outputs = entry["source"].strip("\n"), []
    await client.async_execute_cell(wrong, start)
    runs = []
    for i in range(start + 1, max(tests) + 1):
        cell = cells[i]
        if cell.cell_type != "code":
            continue
        if i in tests:
            run = _instrumented(cell)
            await client.async_execute_cell(run, i)
            runs.append(_score(run))
        else:
            await client.async_execute_cell(copy.deepcopy(cell), i)
    return Result(entry, runs, _own_error(wrong), time.perf_counter() - began)


def run_notebook(path: Path, entries: list[dict], *, isolated: bool = False) -> NotebookRun:
    """Run ``entries`` (one notebook's wrong answers) and the notebook's solutions; see the module docstring.

    Runs its own event loop (``asyncio.run``): call it from a thread without a running loop.
    """
    return asyncio.run(_run_notebook(Path(path), entries, isolated))


async def _run_notebook(path: Path, entries: list[dict], isolated: bool) -> NotebookRun:
    nb = nbformat.read(path, as_version=4)
    cells = nb.cells
    where = groups(nb)
    by_start: dict[int, list[dict]] = {}
    for entry in entries:
        by_start.setdefault(where[entry["grade_id"]][0], []).append(entry)
    began = time.perf_counter()
    results, solution_tests, wrong_seconds = [], [], 0.0
    if isolated:
        for entry in entries:
            start, tests = where[entry["grade_id"]]
            t0 = time.perf_counter()
            client = _client(copy.deepcopy(nb), path)
            async with client.async_setup_kernel():
                for i in range(start):
                    if cells[i].cell_type == "code":
                        await client.async_execute_cell(copy.deepcopy(cells[i]), i)
                results.append(await _run_wrong(client, cells, entry, start, tests))
            wrong_seconds += time.perf_counter() - t0
    client = _client(copy.deepcopy(nb), path)
    async with client.async_setup_kernel():
        for i, cell in enumerate(cells):
            if not isolated:
                for entry in by_start.get(i, []):
                    result = await _run_wrong(client, cells, entry, i, where[entry["grade_id"]][1])
                    results.append(result)
                    wrong_seconds += result.seconds
            if cell.cell_type != "code":
                continue
            if is_test_cell(cell):
                run = _instrumented(cell)
                await client.async_execute_cell(run, i)
                solution_tests.append(_score(run))
            else:
                await client.async_execute_cell(copy.deepcopy(cell), i)
    return NotebookRun(path.stem, results, solution_tests, time.perf_counter() - began, wrong_seconds)
