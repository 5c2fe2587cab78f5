"""The teacher's tools for the course: student versions, grading, checks of the exercises.

Not part of ``nnkit`` and never shipped to students.  Run from the repository's
root (``make student`` and ``make grade`` do)::

    python -m teacher student --notebooks notebooks --out student
    python -m teacher grade   --notebooks notebooks --course grading
    python -m teacher check   --notebooks notebooks
    python -m teacher points  --notebooks notebooks --check guide/README.md

One module per job, each readable in one sitting:

=================  ==========================================================
``notebooks``      the exercise format: solution, test and written cells
``check``          the metadata checker (``python -m teacher check``)
``leaks``          solution lines that a student version would still show
``points``         the points table of the course (``python -m teacher points``)
``course``         an nbgrader course directory and the ``nbgrader`` command
``stall``          the work-around for nbclient's stall after widget cells
``student``        student versions (``python -m teacher student``)
``grades``         autograding, feedback and the CSVs (``python -m teacher grade``)
``__main__``       the command line
=================  ==========================================================

nbgrader (``pip install -e ".[teacher]"``) is imported only by the jobs that
run it; checking and the points table need nbformat only.
"""


class TeacherError(RuntimeError):
    """The teacher tools cannot go on; the message says why and what to do."""
