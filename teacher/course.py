"""An nbgrader course directory, and the ``nbgrader`` command run in it.

nbgrader wants a course: ``nbgrader_config.py``, ``source/<assignment>/``,
then ``release/``, ``submitted/``, ``autograded/``, ``feedback/`` and a
``gradebook.db``.  Each course notebook ``X.ipynb`` is one assignment ``X``
holding that one notebook.  Student versions are made in a throwaway course,
grading keeps one (``grading/`` by default).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import TeacherError
from .stall import CLIENT_CLASS

__all__ = ["TEACHER_HINT", "CONFIG", "require_nbgrader", "write_course", "nbgrader", "generate", "autograde",
           "feedback"]

TEACHER_HINT = 'nbgrader is not installed: install the teacher tools with  pip install -e ".[teacher]"'
CODE_ROOT = Path(__file__).resolve().parent.parent
"""The folder holding the ``teacher`` package: nbgrader's subprocess imports the stall fix from it."""

CONFIG = '''\
# nbgrader configuration of this course directory, written by `python -m teacher`.
c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)
c.CourseDirectory.course_id = "nn-from-scratch"
c.CourseDirectory.root = {root!r}
# Per-cell time limit when autograding (seconds); a real hang then costs at most this.
c.Execute.timeout = {timeout}
# Work around the nbclient stall after `interact` cells (jupyter/nbclient#312):
# the kernel client's channels poll in short slices, see teacher/stall.py.
c.AsyncKernelManager.client_class = {client!r}
{feedback}'''

HIDE_HIDDEN_TESTS = '''\
# Feedback pages show every test's result, but not the code of the hidden tests (nbgrader shows
# it by default, jupyter/nbgrader#917): a student may hand in again, and next year's class gets
# the same tests.  `python -m teacher grade --show-hidden-tests` leaves this line out.
c.GenerateFeedback.preprocessors = ["nbgrader.preprocessors.GetGrades",
                                    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
                                    "nbgrader.preprocessors.ClearHiddenTests"]
'''


def require_nbgrader() -> None:
    """Raise :class:`TeacherError` saying how to install nbgrader when it is missing."""
    try:
        import nbgrader  # noqa: F401
    except ImportError:
        raise TeacherError(TEACHER_HINT) from None


def write_course(course, notebooks, *, timeout: int = 120, hidden_tests_in_feedback: bool = False) -> list[str]:
    """Create or refresh an nbgrader course in ``course``: config and one assignment per notebook.

    Each notebook ``X.ipynb`` becomes ``course/source/X/X.ipynb`` (assignment id
    ``X``).  Writes ``course/nbgrader_config.py`` (per-cell ``timeout`` in
    seconds, the stall fix, and feedback pages without the hidden tests' code
    unless ``hidden_tests_in_feedback``).  Returns the assignment ids.
    """
    course = Path(course).resolve()
    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(CONFIG.format(
        root=str(course), timeout=int(timeout), client=CLIENT_CLASS,
        feedback="" if hidden_tests_in_feedback else HIDE_HIDDEN_TESTS))
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
    runs ``alembic`` from there) and :data:`CODE_ROOT` first on PYTHONPATH (the
    course's config names the stall fix).  Raises :class:`TeacherError` with
    nbgrader's output when it fails.
    """
    require_nbgrader()
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(p for p in (str(Path(sys.executable).parent), env.get("PATH")) if p)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(CODE_ROOT), env.get("PYTHONPATH")) if p)
    run = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if run.returncode != 0:
        raise TeacherError(f"`nbgrader {' '.join(args)}` failed in {course} (exit {run.returncode}):\n{run.stdout}")
    return run.stdout


def generate(course, assignment_id: str = "*") -> None:
    """``nbgrader generate_assignment`` (every assignment by default): student versions in ``course/release``."""
    nbgrader(course, "generate_assignment", assignment_id, "--force")


def _exclude(students) -> list[str]:
    return [f"--CourseDirectory.student_id_exclude={','.join(sorted(students))}"] if students else []


def autograde(course, assignment_id: str = "*", student_id: str | None = None, *, force: bool = True,
              exclude=()) -> str:
    """``nbgrader autograde`` of the submissions in ``course/submitted`` (every student by default).

    Without ``force`` nbgrader skips a submission it has autograded before;
    the students in ``exclude`` are left alone.
    """
    args = ["autograde", assignment_id, *(["--force"] if force else []), *_exclude(exclude)]
    if student_id:
        args.append(f"--student={student_id}")
    return nbgrader(course, *args)


def feedback(course, assignment_id: str = "*", *, exclude=()) -> str:
    """``nbgrader generate_feedback``: an HTML page per autograded submission, with the hand-given points so far.

    The students in ``exclude`` get no page.
    """
    return nbgrader(course, "generate_feedback", assignment_id, "--force", *_exclude(exclude))
