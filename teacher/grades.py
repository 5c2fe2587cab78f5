"""Grading: ``python -m teacher grade --notebooks notebooks --course grading``.

The teacher drops each submission into
``<course>/submitted/<student>/<notebook>/<notebook>.ipynb``; grading then

1. refreshes the nbgrader course from ``--notebooks`` (one assignment per notebook);
2. runs ``nbgrader autograde`` on every submission that is new or changed since
   it was last autograded (``--regrade``: on all), which restores the locked and
   hidden tests, so an edited test cell earns nothing;
3. runs ``nbgrader generate_feedback``: an HTML page per submission, with the
   points given by hand so far;
4. writes the CSVs, the autograded points apart from the written answers':

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
from dataclasses import dataclass
from pathlib import Path

from . import TeacherError
from .course import autograde, feedback, generate, require_nbgrader, write_course
from .notebooks import find_notebooks

__all__ = ["CellGrade", "NotebookGrade", "read_grades", "grades_table", "write_csvs", "grade_course"]


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
    waiting = manual and g.manual_score is None and g.auto_score is None
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


def _stale(course: Path, aid: str, student: str) -> bool:
    """Whether a submission is new or was handed in again since it was autograded."""
    submitted = course / "submitted" / student / aid / f"{aid}.ipynb"
    graded = course / "autograded" / student / aid / f"{aid}.ipynb"
    return not graded.exists() or submitted.stat().st_mtime > graded.stat().st_mtime


def grade_course(course, notebooks_dir, *, timeout: int = 120, regrade: bool = False):
    """Set up (or refresh) the course, autograde, write feedback and CSVs; return :func:`read_grades`."""
    require_nbgrader()
    course = Path(course).resolve()
    notebooks = find_notebooks(notebooks_dir)
    fresh = not (course / "gradebook.db").exists()
    ids = write_course(course, notebooks, timeout=timeout)
    print(f"course {course}: {len(ids)} assignments ({', '.join(ids)})")
    generate(course)
    submitted = sorted({p.parent.name for p in course.glob("submitted/*/*/*.ipynb")} & set(ids))
    if not submitted:
        hint = " (new course created)" if fresh else ""
        raise TeacherError(
            f"no submissions found{hint}: put each one in {course}/submitted/<student>/<notebook>/<notebook>.ipynb, "
            f"for example submitted/alice/{ids[0]}/{ids[0]}.ipynb; the student versions are in {course}/release/")
    (course / "logs").mkdir(exist_ok=True)
    failed = []
    for aid in submitted:
        students = sorted(p.parent.parent.name for p in course.glob(f"submitted/*/{aid}/{aid}.ipynb"))
        todo = students if regrade else [s for s in students if _stale(course, aid, s)]
        print(f"{aid}: {len(students)} submissions, autograding {len(todo)} ...", flush=True)
        log = course / "logs" / f"{aid}.log"
        try:  # one broken submission must not stop the grading of the others
            if todo == students:
                text = autograde(course, aid)
            else:
                text = "".join(autograde(course, aid, s) for s in todo)
            log.write_text(text + feedback(course, aid))
        except TeacherError as err:
            log.write_text(str(err))
            failed.append(f"{aid} (see {log})")
    notebook_grades, cell_grades = read_grades(course)
    write_csvs(course, notebook_grades, cell_grades)
    if failed:
        raise TeacherError(f"nbgrader failed on {', '.join(failed)}; the grades of the rest are in {course / 'grades.csv'}")
    return notebook_grades, cell_grades
