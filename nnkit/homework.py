"""Homework tooling for teachers: student versions and grading, with nbgrader.

The course notebooks carry their exercises in nbgrader's format (solution cells
between ``### BEGIN SOLUTION`` / ``### END SOLUTION``, graded test cells with
points and ``### BEGIN HIDDEN TESTS`` parts).  This module drives the real
nbgrader on them::

    python -m nnkit.homework student [--out student]   # student versions
    python -m nnkit.homework grade [--course grading]  # autograde + feedback + CSV
    python -m nnkit.homework check                      # exercise metadata only

``student`` runs ``nbgrader generate_assignment`` in a throwaway course
directory and copies the released notebooks to ``student/notebooks/`` beside
what they need (``nnkit/``, ``figures/``, ``requirements.txt``, ...), so the
relative paths of the repository (``../figures/x.png``) keep working.

``grade`` keeps an nbgrader course in ``grading/`` (one assignment per
notebook, named after it): the teacher drops each submission into
``grading/submitted/<student>/<notebook>/<notebook>.ipynb``; ``grade`` then
runs ``nbgrader autograde`` and ``nbgrader generate_feedback`` and writes
``grading/grades.csv`` (points per student per notebook) and
``grading/grades_by_exercise.csv`` (points per test cell); nbgrader's logs go
to ``grading/logs/``.

nbgrader executes notebooks with nbclient, which can wait a whole cell timeout
after a cell that displays an ``interact`` widget although the cell finished
(jupyter/nbclient#312): the asynchronous poll of the kernel's reply misses its
wake-up.  The course's ``nbgrader_config.py`` therefore makes the kernel
manager use :class:`SlicedPollKernelClient`, whose channels poll in short
slices (:data:`POLL_SLICE` seconds) until the caller's timeout, so a missed
wake-up costs at most one slice.

nbgrader is a teacher tool (``pip install -e ".[teacher]"``); it is imported
only when needed, never by the rest of nnkit.
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "HomeworkError",
    "Exercise",
    "Grade",
    "POLL_SLICE",
    "find_notebooks",
    "has_exercises",
    "exercises",
    "check_metadata",
    "stub_solution",
    "write_course",
    "nbgrader",
    "generate",
    "make_student",
    "autograde",
    "read_grades",
    "grade_course",
    "grades_table",
]

REPO = Path(__file__).resolve().parent.parent
TEACHER_HINT = 'nbgrader is not installed: install the teacher tools with  pip install -e ".[teacher]"'
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
MIN_EXERCISES = 3
POLL_SLICE = 0.2
"""Seconds per poll slice of :class:`SlicedPollChannel` (the nbclient stall fix)."""

# What a student copy of the course holds besides the notebooks (if present).
STUDENT_FILES = ("README.md", "requirements.txt", "pyproject.toml", "Makefile", "LICENSE", "nnkit", "figures")
STUDENT_MARKER = ".nnkit-student"

NBGRADER_CONFIG = '''\
# nbgrader configuration of this course directory, written by `python -m nnkit.homework`.
c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)
c.CourseDirectory.course_id = "nn-from-scratch"
c.CourseDirectory.root = {root!r}
# Per-cell time limit when autograding (seconds); a real hang then costs at most this.
c.Execute.timeout = {timeout}
# Work around the nbclient stall after `interact` cells (jupyter/nbclient#312):
# the kernel client's channels poll in short slices, see nnkit/homework.py.
c.AsyncKernelManager.client_class = "nnkit.homework.SlicedPollKernelClient"
'''


class HomeworkError(RuntimeError):
    """The homework tooling cannot go on; the message says why and what to do."""


# --------------------------------------------------------------------------- nbclient stall fix

def _stall_fix_classes():
    """Build the sliced-poll channel and kernel client (imports jupyter_client lazily)."""
    from queue import Empty

    from jupyter_client.asynchronous.client import AsyncKernelClient
    from jupyter_client.channels import AsyncZMQSocketChannel

    class SlicedPollChannel(AsyncZMQSocketChannel):
        """An async ZMQ channel whose ``get_msg`` polls in slices of :data:`POLL_SLICE` s.

        Same contract as :meth:`AsyncZMQSocketChannel.get_msg` (a message, or
        ``queue.Empty`` once ``timeout`` seconds have passed; ``None`` waits for
        ever), but a wake-up the asyncio poll misses is noticed at the next slice
        instead of at the end of the cell's timeout.
        """

        async def get_msg(self, timeout: float | None = None):
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                left = POLL_SLICE if deadline is None else min(POLL_SLICE, deadline - time.monotonic())
                if await self.socket.poll(max(0, int(left * 1000))):
                    return await self._recv()
                if deadline is not None and time.monotonic() >= deadline:
                    raise Empty

    class SlicedPollKernelClient(AsyncKernelClient):
        """nbclient's kernel client with :class:`SlicedPollChannel` on every ZMQ channel."""

        shell_channel_class = SlicedPollChannel
        iopub_channel_class = SlicedPollChannel
        stdin_channel_class = SlicedPollChannel
        control_channel_class = SlicedPollChannel

    SlicedPollChannel.__module__ = SlicedPollKernelClient.__module__ = __name__
    return {"SlicedPollChannel": SlicedPollChannel, "SlicedPollKernelClient": SlicedPollKernelClient}


def __getattr__(name: str):
    # The stall-fix classes subclass jupyter_client's; build them on first use so
    # that importing this module needs nothing beyond the standard library.
    if name in ("SlicedPollChannel", "SlicedPollKernelClient"):
        globals().update(_stall_fix_classes())
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- reading notebooks

def _require_nbgrader():
    try:
        import nbgrader  # noqa: F401
    except ImportError:
        raise HomeworkError(TEACHER_HINT) from None


def _read(path):
    import nbformat

    return nbformat.read(str(path), as_version=4)


def _nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def has_exercises(path) -> bool:
    """Whether the notebook at ``path`` has at least one nbgrader cell."""
    return any(_nbgrader_meta(c) for c in _read(path).cells)


def find_notebooks(folder=REPO / "notebooks", *, graded_only: bool = True) -> list[Path]:
    """The notebooks ``folder/*.ipynb`` in name order (with ``graded_only``: those with nbgrader cells).

    Raises :class:`HomeworkError` when there is none, naming the folder.
    """
    folder = Path(folder)
    paths = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if graded_only:
        paths = [p for p in paths if has_exercises(p)]
    if not paths:
        what = "notebooks with nbgrader exercise cells" if graded_only else "notebooks"
        raise HomeworkError(f"no {what} found in {folder} (expected files like 01_perceptron.ipynb)")
    return paths


@dataclass(frozen=True)
class Exercise:
    """One graded test cell and the solution cells before it (since the previous test cell)."""

    notebook: str
    test_id: str
    points: float
    solution_ids: tuple[str, ...]


def exercises(path) -> list[Exercise]:
    """The graded test cells of a notebook, each with the solution cells it grades."""
    stem = Path(path).stem
    found, pending = [], []
    for cell in _read(path).cells:
        meta = _nbgrader_meta(cell)
        if meta.get("solution"):
            pending.append(meta.get("grade_id", "?"))
        if meta.get("grade") and cell.cell_type == "code":
            found.append(Exercise(stem, meta.get("grade_id", "?"), float(meta.get("points", 0)), tuple(pending)))
            pending = []
    return found


def _region(source: str, begin: str, end: str) -> list[str]:
    """The stripped, non-empty lines between ``begin`` and ``end`` marker lines."""
    lines, inside = [], False
    for line in source.splitlines():
        if line.strip() == begin:
            inside = True
        elif line.strip() == end:
            inside = False
        elif inside and line.strip():
            lines.append(line.strip())
    return lines


def check_metadata(paths, min_exercises: int = MIN_EXERCISES) -> list[str]:
    """Problems with the nbgrader metadata of the notebooks ``paths`` (empty list: all fine).

    Checks: ``schema_version`` 3 on every nbgrader cell; grade_ids present and
    unique across all the notebooks; solution cells are code with a
    ``### BEGIN SOLUTION`` region; every graded test cell has points > 0, is
    locked and has a ``### BEGIN HIDDEN TESTS`` part; each notebook has at least
    ``min_exercises`` graded test cells.
    """
    problems, seen = [], {}
    for path in map(Path, paths):
        graded = 0
        for index, cell in enumerate(_read(path).cells):
            meta = _nbgrader_meta(cell)
            if not meta:
                continue
            gid = meta.get("grade_id")
            where = f"{path.name} cell {index} ({gid or 'no grade_id'})"
            if meta.get("schema_version") != 3:
                problems.append(f"{where}: schema_version is {meta.get('schema_version')!r}, expected 3")
            if not gid:
                problems.append(f"{where}: no grade_id")
            elif gid in seen:
                problems.append(f"{where}: grade_id {gid!r} is also used by {seen[gid]}")
            else:
                seen[gid] = where
            if meta.get("solution") and cell.cell_type == "code" and BEGIN_SOLUTION not in cell.source:
                problems.append(f"{where}: solution cell without a '{BEGIN_SOLUTION}' line")
            if meta.get("grade") and cell.cell_type == "code":
                graded += 1
                if not meta.get("points", 0) > 0:
                    problems.append(f"{where}: graded test cell with points {meta.get('points')!r}, expected > 0")
                if not meta.get("locked"):
                    problems.append(f"{where}: graded test cell is not locked")
                if not _region(cell.source, BEGIN_HIDDEN, END_HIDDEN):
                    problems.append(f"{where}: test cell without a hidden part ('{BEGIN_HIDDEN}' ... '{END_HIDDEN}')")
        if graded < min_exercises:
            problems.append(f"{path.name}: {graded} graded test cells, expected at least {min_exercises}")
    return problems


def stub_solution(nb, grade_id: str):
    """A copy of notebook ``nb`` with only the solution cell ``grade_id`` replaced by nbgrader's stub.

    Uses nbgrader's own ClearSolutions on that one cell, so the result is what a
    student who skipped that exercise (and solved every other one) submits.
    """
    import copy

    from nbgrader.preprocessors import ClearSolutions

    nb = copy.deepcopy(nb)
    clear = ClearSolutions()
    resources = {"language": nb.metadata.get("kernelspec", {}).get("language", "python")}
    hits = [i for i, c in enumerate(nb.cells) if _nbgrader_meta(c).get("grade_id") == grade_id]
    if len(hits) != 1 or not _nbgrader_meta(nb.cells[hits[0]]).get("solution"):
        raise HomeworkError(f"no single solution cell with grade_id {grade_id!r} in the notebook")
    nb.cells[hits[0]], _ = clear.preprocess_cell(nb.cells[hits[0]], resources, hits[0])
    return nb


# --------------------------------------------------------------------------- the nbgrader course

def write_course(course, notebooks, *, timeout: int = 120) -> list[str]:
    """Create or refresh an nbgrader course in ``course``: config and one assignment per notebook.

    Each notebook ``X.ipynb`` becomes ``course/source/X/X.ipynb`` (assignment id
    ``X``).  Writes ``course/nbgrader_config.py`` (per-cell ``timeout`` in
    seconds, the stall fix).  Returns the assignment ids.
    """
    course = Path(course).resolve()
    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(NBGRADER_CONFIG.format(root=str(course), timeout=int(timeout)))
    ids = []
    for nb in map(Path, notebooks):
        target = course / "source" / nb.stem / nb.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(nb, target)
        ids.append(nb.stem)
    return ids


def nbgrader(course, *args: str) -> str:
    """Run the ``nbgrader`` command line in the course directory; return its output (log).

    Uses this Python's nbgrader with its ``bin`` directory first on PATH (nbgrader
    runs ``alembic`` from there) and this repository first on PYTHONPATH (the
    course's config names :class:`SlicedPollKernelClient`).  Raises
    :class:`HomeworkError` with nbgrader's output when it fails.
    """
    _require_nbgrader()
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(p for p in (str(Path(sys.executable).parent), env.get("PATH")) if p)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    run = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if run.returncode != 0:
        raise HomeworkError(f"`nbgrader {' '.join(args)}` failed in {course} (exit {run.returncode}):\n{run.stdout}")
    return run.stdout


def generate(course, assignment_id: str = "*") -> None:
    """``nbgrader generate_assignment`` (every assignment by default): student versions in ``course/release``."""
    nbgrader(course, "generate_assignment", assignment_id, "--force")


def autograde(course, assignment_id: str = "*", student_id: str | None = None) -> str:
    """``nbgrader autograde`` of the submissions in ``course/submitted`` (every student by default)."""
    args = ["autograde", assignment_id, "--force"]
    if student_id:
        args.append(f"--student={student_id}")
    return nbgrader(course, *args)


@dataclass(frozen=True)
class Grade:
    """Points of one graded cell (``cell`` is None for a notebook's total)."""

    student: str
    notebook: str
    cell: str | None
    score: float
    max_score: float


def read_grades(course) -> list[Grade]:
    """Every autograded score in the course's gradebook: per notebook totals and per test cell."""
    _require_nbgrader()
    from nbgrader.api import Gradebook

    grades = []
    with Gradebook(f"sqlite:///{Path(course).resolve() / 'gradebook.db'}") as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                for nb in submission.notebooks:
                    grades.append(Grade(submission.student.id, nb.name, None, nb.score, nb.max_score))
                    for g in nb.grades:
                        if g.cell.cell_type == "code":
                            grades.append(Grade(submission.student.id, nb.name, g.name, g.score, g.max_score))
    return sorted(grades, key=lambda g: (g.student, g.notebook, g.cell or ""))


def grades_table(grades) -> str:
    """A plain-text table of notebook totals: one row per student, one column per notebook."""
    totals = [g for g in grades if g.cell is None]
    notebooks = sorted({g.notebook for g in totals})
    students = sorted({g.student for g in totals})
    cells = {(g.student, g.notebook): f"{g.score:g}/{g.max_score:g}" for g in totals}
    rows = [["student", *notebooks, "total"]]
    for s in students:
        mine = [g for g in totals if g.student == s]
        total = f"{sum(g.score for g in mine):g}/{sum(g.max_score for g in mine):g}"
        rows.append([s, *(cells.get((s, n), "-") for n in notebooks), total])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def _write_csv(path: Path, grades, per_cell: bool) -> None:
    with path.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["student", "notebook", *(["grade_id"] if per_cell else []), "score", "max_score"])
        for g in grades:
            if (g.cell is not None) == per_cell:
                out.writerow([g.student, g.notebook, *([g.cell] if per_cell else []), f"{g.score:g}", f"{g.max_score:g}"])


def grade_course(course=REPO / "grading", notebooks_dir=REPO / "notebooks", timeout: int = 120) -> list[Grade]:
    """Set up (or refresh) the course, autograde every submission, write feedback and CSVs.

    Submissions go in ``course/submitted/<student>/<notebook>/<notebook>.ipynb``.
    Returns the grades; writes ``course/grades.csv``, ``course/grades_by_exercise.csv``
    and nbgrader's log per notebook in ``course/logs/``.
    """
    _require_nbgrader()
    course = Path(course).resolve()
    notebooks = find_notebooks(notebooks_dir)
    fresh = not (course / "gradebook.db").exists()
    ids = write_course(course, notebooks, timeout=timeout)
    print(f"course {course}: {len(ids)} assignments ({', '.join(ids)})")
    generate(course)
    submitted = sorted({p.parent.name for p in course.glob("submitted/*/*/*.ipynb")} & set(ids))
    if not submitted:
        hint = " (new course created)" if fresh else ""
        raise HomeworkError(
            f"no submissions found{hint}: put each one in {course}/submitted/<student>/<notebook>/<notebook>.ipynb, "
            f"for example submitted/alice/{ids[0]}/{ids[0]}.ipynb; the student versions are in {course}/release/")
    (course / "logs").mkdir(exist_ok=True)
    failed = []
    for aid in submitted:
        students = sorted(p.parent.parent.name for p in course.glob(f"submitted/*/{aid}/*.ipynb"))
        print(f"autograding {aid}: {len(students)} submissions ...", flush=True)
        log = course / "logs" / f"{aid}.log"
        try:  # one broken submission must not stop the grading of the others
            log.write_text(autograde(course, aid) + nbgrader(course, "generate_feedback", aid, "--force"))
        except HomeworkError as err:
            log.write_text(str(err))
            failed.append(f"{aid} (see {log})")
    grades = read_grades(course)
    _write_csv(course / "grades.csv", grades, per_cell=False)
    _write_csv(course / "grades_by_exercise.csv", grades, per_cell=True)
    if failed:
        raise HomeworkError(f"nbgrader failed on {', '.join(failed)}; the grades of the rest are in {course / 'grades.csv'}")
    return grades


# --------------------------------------------------------------------------- student versions

def make_student(out=REPO / "student", notebooks_dir=REPO / "notebooks") -> list[Path]:
    """Write the student version of the course into ``out`` with nbgrader; return the notebooks written.

    ``out/notebooks/`` gets every notebook of ``notebooks_dir`` as nbgrader's
    ``generate_assignment`` releases it (solutions replaced by stubs, hidden
    tests removed, outputs cleared, graded cells locked); ``out/`` also gets
    ``nnkit/``, ``figures/``, ``requirements.txt``, ``pyproject.toml``,
    ``README.md``, ``Makefile``, so ``pip install -r requirements.txt`` (or
    ``make lab``) works there and ``../figures/*.png`` resolves.  ``out`` is
    replaced as a whole; it must be new or made by this function before.
    """
    _require_nbgrader()
    out = Path(out).resolve()
    if out.exists() and any(out.iterdir()) and not (out / STUDENT_MARKER).exists():
        raise HomeworkError(f"{out} exists and was not made by `nnkit.homework student`: refusing to overwrite it")
    notebooks = find_notebooks(notebooks_dir, graded_only=False)
    with tempfile.TemporaryDirectory(prefix="nnkit-release-") as tmp:
        ids = write_course(tmp, notebooks)
        generate(tmp)
        released = [Path(tmp) / "release" / aid / f"{aid}.ipynb" for aid in ids]
        for path in released:
            if not path.exists():
                raise HomeworkError(f"nbgrader did not release {path.name}")
        if out.exists():
            shutil.rmtree(out)
        (out / "notebooks").mkdir(parents=True)
        for path in released:
            shutil.copyfile(path, out / "notebooks" / path.name)
    root = Path(notebooks_dir).resolve().parent
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    for name in STUDENT_FILES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, out / name, ignore=ignore)
        elif src.is_file():
            shutil.copyfile(src, out / name)
    (out / STUDENT_MARKER).write_text("made by `python -m nnkit.homework student`; rewritten on every run\n")
    return sorted((out / "notebooks").glob("*.ipynb"))


# --------------------------------------------------------------------------- command line

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nnkit.homework", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("student", help="write the student versions of the notebooks (nbgrader generate_assignment)")
    p.add_argument("--out", default=str(REPO / "student"), help="output folder (default: student/)")
    p.add_argument("--notebooks", default=str(REPO / "notebooks"), help="course notebooks folder")
    p = sub.add_parser("grade", help="autograde submissions, write feedback and grades CSVs")
    p.add_argument("--course", default=str(REPO / "grading"), help="nbgrader course folder (default: grading/)")
    p.add_argument("--notebooks", default=str(REPO / "notebooks"), help="course notebooks folder")
    p.add_argument("--timeout", type=int, default=120, help="per-cell time limit in seconds (default 120)")
    p = sub.add_parser("check", help="check the nbgrader metadata of the notebooks")
    p.add_argument("--notebooks", default=str(REPO / "notebooks"), help="course notebooks folder")
    args = parser.parse_args(argv)
    try:
        if args.command == "student":
            written = make_student(args.out, args.notebooks)
            print(f"wrote {len(written)} student notebooks to {Path(args.out).resolve() / 'notebooks'}:")
            for path in written:
                print(f"  {path.name}")
        elif args.command == "grade":
            grades = grade_course(args.course, args.notebooks, timeout=args.timeout)
            course = Path(args.course).resolve()
            print(f"\n{grades_table(grades)}\n")
            print(f"grades: {course / 'grades.csv'}, per exercise: {course / 'grades_by_exercise.csv'}")
            print(f"feedback (HTML per student and notebook): {course / 'feedback'}, nbgrader's logs: {course / 'logs'}")
        else:
            paths = find_notebooks(args.notebooks)
            problems = check_metadata(paths)
            for line in problems:
                print(line)
            print(f"{len(paths)} notebooks, {sum(len(exercises(p)) for p in paths)} graded exercises, "
                  f"{len(problems)} problems")
            return 1 if problems else 0
    except HomeworkError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
