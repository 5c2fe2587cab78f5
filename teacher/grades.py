"""Grading: ``python -m teacher grade --notebooks notebooks --course grading``.

The teacher drops each submission into
``<course>/submitted/<student>/<notebook>/<notebook>.ipynb``; grading then

1. refreshes the nbgrader course from ``--notebooks`` (one assignment per notebook);
2. names every file in ``submitted/`` that is not where nbgrader looks (a
   notebook renamed on the way, "01_perceptron (1).ipynb", or not in its own
   folder) and leaves it out, so that one misfiled notebook does not stop the
   grading of the others;
3. runs ``nbgrader autograde`` once per notebook on every submission that is new
   or changed since it was last autograded (``--regrade``: on all), which
   restores the locked and hidden tests, so an edited test cell earns nothing;
4. runs ``nbgrader generate_feedback`` for every submission whose written
   answer is graded (or empty): an HTML page with each check's sentence, the
   points given by hand and the teacher's comments, but not the hidden tests'
   code (``--show-hidden-tests`` keeps it).  A submission whose written answer
   waits for the teacher gets no page yet: it would show that answer as 0;
5. writes the CSVs, the autograded points apart from the written answers':

   - ``grades.csv``, one row per student and notebook: ``auto_score, auto_max``
     (test cells), ``manual_score, manual_max`` (written answers; empty while
     one waits for the teacher), ``score, max_score`` (so far) and
     ``to_grade_by_hand`` (the written answers still waiting);
   - ``grades_by_exercise.csv``, one row per graded cell: ``grade_id, kind``
     (``auto`` or ``manual``), ``score`` (empty while waiting), ``max_score``.

Written answers are graded in nbgrader's formgrader (``make formgrader``);
run the grading again afterwards and the feedback and CSVs include them.
"""
from __future__ import annotations

import csv
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import TeacherError
from .course import autograde, feedback, generate, require_nbgrader, write_course
from .notebooks import find_notebooks, is_written_cell, nbgrader_meta, read

__all__ = ["CellGrade", "NotebookGrade", "GradingRun", "read_grades", "grades_table", "write_csvs",
           "find_submissions", "grade_course"]


@dataclass(frozen=True)
class CellGrade:
    """Points of one graded cell; ``score`` is None while a written answer waits for the teacher."""

    student: str
    notebook: str
    grade_id: str
    kind: str  # "auto" (a test cell) or "manual" (a written answer)
    score: float | None
    max_score: float


@dataclass(frozen=True)
class NotebookGrade:
    """Points of one submission: autograded, given by hand, and how many answers still wait."""

    student: str
    notebook: str
    auto_score: float
    auto_max: float
    manual_score: float
    manual_max: float
    waiting: int

    @property
    def score(self) -> float:
        return self.auto_score + self.manual_score

    @property
    def max_score(self) -> float:
        return self.auto_max + self.manual_max


def _cell_grade(student, notebook, g) -> CellGrade:
    manual = g.cell.cell_type == "markdown"
    # A written answer waits until the teacher grades it in the formgrader.  One handed in again
    # waits again: nbgrader keeps the old points but marks the new answer for review.
    waiting = manual and bool(g.needs_manual_grade)
    return CellGrade(student, notebook, g.cell.name, "manual" if manual else "auto",
                     None if waiting else float(g.score), float(g.max_score))


def read_grades(course) -> tuple[list[NotebookGrade], list[CellGrade]]:
    """Every submission's points in the course's gradebook: per notebook, and per graded cell."""
    require_nbgrader()
    from nbgrader.api import Gradebook

    cells = []
    with Gradebook(f"sqlite:///{Path(course).resolve() / 'gradebook.db'}") as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                for nb in submission.notebooks:
                    cells += [_cell_grade(submission.student.id, nb.name, g) for g in nb.grades]
    cells.sort(key=lambda c: (c.student, c.notebook, c.kind, c.grade_id))
    totals = {}
    for c in cells:
        totals.setdefault((c.student, c.notebook), []).append(c)
    notebooks = []
    for (student, notebook), mine in sorted(totals.items()):
        auto = [c for c in mine if c.kind == "auto"]
        manual = [c for c in mine if c.kind == "manual"]
        notebooks.append(NotebookGrade(
            student, notebook, sum(c.score for c in auto), sum(c.max_score for c in auto),
            sum(c.score or 0.0 for c in manual), sum(c.max_score for c in manual),
            sum(c.score is None for c in manual)))
    return notebooks, cells


def _points(score, maximum, waiting=0) -> str:
    return f"{'?' if waiting else f'{score:g}'}/{maximum:g}"


def grades_table(notebook_grades) -> str:
    """A plain-text table: one row per student, per notebook "auto + written", and the total so far."""
    names = sorted({g.notebook for g in notebook_grades})
    students = sorted({g.student for g in notebook_grades})
    by = {(g.student, g.notebook): g for g in notebook_grades}
    rows = [["student", *names, "total"]]
    for s in students:
        row = [s]
        for n in names:
            g = by.get((s, n))
            if g is None:
                row.append("-")
            else:
                written = f" +{_points(g.manual_score, g.manual_max, g.waiting)}" if g.manual_max else ""
                row.append(_points(g.auto_score, g.auto_max) + written)
        mine = [g for g in notebook_grades if g.student == s]
        row.append(_points(sum(g.score for g in mine), sum(g.max_score for g in mine)))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    table = "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)
    if any(g.waiting for g in notebook_grades):
        table += "\n(+?/P: a written answer waits for you in the formgrader; the total counts what is graded)"
    return table


def _num(x) -> str:
    return "" if x is None else f"{x:g}"


def write_csvs(course, notebook_grades, cell_grades) -> None:
    """``course/grades.csv`` (per student and notebook) and ``course/grades_by_exercise.csv`` (per cell)."""
    course = Path(course)
    with (course / "grades.csv").open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["student", "notebook", "auto_score", "auto_max", "manual_score", "manual_max",
                      "score", "max_score", "to_grade_by_hand"])
        for g in notebook_grades:
            out.writerow([g.student, g.notebook, _num(g.auto_score), _num(g.auto_max),
                          "" if g.waiting else _num(g.manual_score), _num(g.manual_max),
                          _num(g.score), _num(g.max_score), g.waiting])
    with (course / "grades_by_exercise.csv").open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["student", "notebook", "grade_id", "kind", "score", "max_score"])
        for c in cell_grades:
            out.writerow([c.student, c.notebook, c.grade_id, c.kind, _num(c.score), _num(c.max_score)])


@dataclass
class GradingRun:
    """What one run of :func:`grade_course` did: the grades, and what the teacher must look at."""

    notebooks: list[NotebookGrade]
    cells: list[CellGrade]
    problems: list[str] = field(default_factory=list)  # sentences: submissions left out, nbgrader failures
    feedback: int = 0  # feedback pages written
    feedback_waiting: int = 0  # submissions with no page yet: their written answer waits for the teacher


def find_submissions(course, ids) -> tuple[dict[str, list[str]], dict[str, set[str]], list[str]]:
    """The submissions in ``course/submitted`` that nbgrader will find, and the ones it would not.

    Returns ``(found, misfiled, problems)``: per notebook the students with
    ``submitted/<student>/<notebook>/<notebook>.ipynb``; per notebook the
    students whose folder ``submitted/<student>/<notebook>/`` lacks that file
    (nbgrader would fail on it); and one sentence per misplaced file or folder,
    saying where it belongs.
    """
    course, ids = Path(course), list(ids)
    found: dict[str, list[str]] = {aid: [] for aid in ids}
    misfiled: dict[str, set[str]] = {aid: set() for aid in ids}
    problems = []
    root = course / "submitted"
    students = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) if root.is_dir() else []
    for folder in students:
        student = folder.name
        for entry in sorted(folder.iterdir()):
            where = f"submitted/{student}/{entry.name}"
            if entry.name.startswith("."):
                continue
            if entry.is_dir() and entry.name in found:
                if (entry / f"{entry.name}.ipynb").is_file():
                    found[entry.name].append(student)
                    continue
                misfiled[entry.name].add(student)
                others = sorted(p.name for p in entry.glob("*.ipynb"))
                hint = (f"it holds {', '.join(others)}: rename the student's notebook to {entry.name}.ipynb" if others
                        else "no notebook in it")
                problems.append(f"{where}/: not graded, {entry.name}.ipynb is missing ({hint})")
            elif entry.is_dir():
                problems.append(f"{where}/: not graded, no notebook of the course is called {entry.name!r} "
                                f"(they are {', '.join(ids)})")
            elif entry.suffix == ".ipynb":
                aid = next((a for a in ids if entry.stem.startswith(a)), "<notebook>")
                problems.append(f"{where}: not graded, a notebook goes into a folder of its own: "
                                f"submitted/{student}/{aid}/{aid}.ipynb")
    return found, misfiled, problems


def _stale(course: Path, aid: str, student: str) -> bool:
    """Whether a submission is new or was handed in again since it was autograded."""
    submitted = course / "submitted" / student / aid / f"{aid}.ipynb"
    graded = course / "autograded" / student / aid / f"{aid}.ipynb"
    return not graded.exists() or submitted.stat().st_mtime > graded.stat().st_mtime


def _written_answers(course: Path, aid: str, student: str) -> dict[str, str]:
    """The written answers of a student's autograded notebook (the version last graded), by grade_id."""
    path = course / "autograded" / student / aid / f"{aid}.ipynb"
    if not path.exists():
        return {}
    return {nbgrader_meta(c)["grade_id"]: c.source for c in read(path).cells if is_written_cell(c)}


def _keep_hand_grades(course: Path, aid: str, before: dict[str, dict[str, str]]) -> None:
    """After autograding again, a written answer that did not change keeps the teacher's points.

    nbgrader marks every hand-graded answer of a submission it autogrades again
    as needing a grade; an answer handed in again unchanged (or a ``--regrade``
    after a test changed) would then wait for the teacher for nothing.
    """
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student, answers in before.items():
            now = _written_answers(course, aid, student)
            for grade_id, text in answers.items():
                if now.get(grade_id) != text:
                    continue
                try:
                    grade = gb.find_grade(grade_id, aid, aid, student)
                except MissingEntry:
                    continue
                if grade.manual_score is not None and grade.needs_manual_grade:
                    grade.needs_manual_grade = False
        gb.db.commit()


_FAILED = re.compile(r"error processing assignment '([^']+)' for student '([^']+)'")


def _run(job, log: Path, failed: set[str], problems: list[str], aid: str) -> None:
    """Run one nbgrader command, append its output to ``log``; on failure name the students it failed on."""
    try:
        text = job()
    except TeacherError as err:
        text = str(err)
        who = sorted({s for a, s in _FAILED.findall(text) if a == aid}) or ["?"]
        failed.update(who)
        problems.append(f"{aid}: nbgrader failed on {', '.join(who)} (see {log})")
    with log.open("a") as fh:
        fh.write(text)


def grade_course(course, notebooks_dir, *, timeout: int = 120, regrade: bool = False,
                 hidden_tests_in_feedback: bool = False) -> GradingRun:
    """Set up (or refresh) the course, autograde, write feedback and CSVs; return what happened.

    Raises :class:`TeacherError` when there is no submission at all.
    """
    require_nbgrader()
    course = Path(course).resolve()
    notebooks = find_notebooks(notebooks_dir)
    fresh = not (course / "gradebook.db").exists()
    ids = write_course(course, notebooks, timeout=timeout, hidden_tests_in_feedback=hidden_tests_in_feedback)
    print(f"course {course}: {len(ids)} assignments ({', '.join(ids)})")
    generate(course)
    found, misfiled, problems = find_submissions(course, ids)
    if not any(found.values()):
        hint = " (new course created)" if fresh else ""
        listed = "".join(f"\n  {p}" for p in problems)
        raise TeacherError(
            f"no submissions found{hint}: put each one in {course}/submitted/<student>/<notebook>/<notebook>.ipynb, "
            f"for example submitted/alice/{ids[0]}/{ids[0]}.ipynb; the student versions are in {course}/release/"
            f"{listed}")
    (course / "logs").mkdir(exist_ok=True)
    failed: dict[str, set[str]] = {}
    graded = [aid for aid in ids if found[aid]]
    for aid in graded:
        students = found[aid]
        todo = students if regrade else [s for s in students if _stale(course, aid, s)]
        print(f"{aid}: {len(students)} submissions, autograding {len(todo)} ...", flush=True)
        log = course / "logs" / f"{aid}.log"
        log.write_text("")
        failed[aid] = set()
        if todo:  # one nbgrader run per notebook; the up-to-date and the misfiled are left alone
            skip = (set(students) - set(todo)) | misfiled[aid]
            graded_answers = {s: _written_answers(course, aid, s) for s in todo}
            _run(lambda: autograde(course, aid, exclude=skip), log, failed[aid], problems, aid)
            _keep_hand_grades(course, aid, graded_answers)
    notebook_grades, cell_grades = read_grades(course)
    waiting = {(g.student, g.notebook) for g in notebook_grades if g.waiting}
    run = GradingRun(notebook_grades, cell_grades, problems)
    for aid in graded:
        log = course / "logs" / f"{aid}.log"
        hold = {s for s in found[aid] if (s, aid) in waiting}
        for student in hold:  # a page from an earlier run would show an old or a 0 written answer
            shutil.rmtree(course / "feedback" / student / aid, ignore_errors=True)
        skip = hold | failed[aid] | misfiled[aid]
        ready = [s for s in found[aid] if s not in skip]
        run.feedback_waiting += len(hold)
        if ready:
            before = len(problems)
            _run(lambda: feedback(course, aid, exclude=skip), log, set(), problems, aid)
            run.feedback += len(ready) if len(problems) == before else 0
    write_csvs(course, notebook_grades, cell_grades)
    return run
