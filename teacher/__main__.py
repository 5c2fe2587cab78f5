"""The command line: ``python -m teacher {student,grade,check,points} ...`` (``--help`` for each)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import TeacherError


def _student(args) -> int:
    from .student import make_student

    written = make_student(args.out, args.notebooks)
    print(f"wrote {len(written)} student notebooks to {Path(args.out).resolve() / 'notebooks'}:")
    for path in written:
        print(f"  {path.name}")
    return 0


def _grade(args) -> int:
    from .grades import grade_course, grades_table

    run = grade_course(args.course, args.notebooks, timeout=args.timeout, regrade=args.regrade,
                       hidden_tests_in_feedback=args.show_hidden_tests)
    course = Path(args.course).resolve()
    print(f"\n{grades_table(run.notebooks)}\n")
    print(f"grades: {course / 'grades.csv'}, per exercise: {course / 'grades_by_exercise.csv'}")
    print(f"feedback: {run.feedback} pages to send back, in {course / 'feedback'}/<student>/<notebook>/")
    if run.feedback_waiting:
        print(f"written answers wait for you in {run.feedback_waiting} submissions (no feedback page for them yet): "
              "`make formgrader`, then `make grade` again")
    if run.problems:
        print(f"\nto look at ({len(run.problems)}); the grades of the rest are written:", file=sys.stderr)
        for line in run.problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0


def _check(args) -> int:
    from .check import check_metadata
    from .notebooks import exercises, find_notebooks, written_questions

    paths = find_notebooks(args.notebooks)
    problems = check_metadata(paths, written=args.written)
    for line in problems:
        print(line)
    print(f"{len(paths)} notebooks, {sum(len(exercises(p)) for p in paths)} graded test cells, "
          f"{sum(len(written_questions(p)) for p in paths)} written questions, {len(problems)} problems")
    return 1 if problems else 0


def _points(args) -> int:
    from .notebooks import find_notebooks
    from .points import points_table, replace_table

    table = points_table(find_notebooks(args.notebooks))
    target = Path(args.write or args.check or "")
    if not (args.write or args.check):
        print(table)
        return 0
    try:
        text = target.read_text()
    except OSError as err:
        raise TeacherError(f"cannot read {target}: {err.strerror}") from None
    updated = replace_table(text, table, str(target))
    if args.write:
        target.write_text(updated)
        print(f"points table written to {target}")
        return 0
    if updated != text:
        print(f"the points table in {target} is out of date: run  python -m teacher points --write {target}")
        return 1
    print(f"the points table in {target} is up to date")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m teacher", description="The teacher's tools for the course.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("student", help="write the student versions of the notebooks (nbgrader generate_assignment)")
    s.add_argument("--notebooks", default="notebooks", help="the course's notebooks folder (default: notebooks)")
    s.add_argument("--out", default="student", help="output folder (default: student)")
    s.set_defaults(run=_student)

    s = sub.add_parser("grade", help="autograde submissions, write feedback and the grades CSVs")
    s.add_argument("--notebooks", default="notebooks", help="the course's notebooks folder (default: notebooks)")
    s.add_argument("--course", default="grading", help="nbgrader course folder (default: grading)")
    s.add_argument("--timeout", type=int, default=120, help="per-cell time limit in seconds (default 120)")
    s.add_argument("--regrade", action="store_true", help="autograde every submission again, not only new ones")
    s.add_argument("--show-hidden-tests", action="store_true",
                   help="show the hidden tests' code on the feedback pages (nbgrader's default); without it the "
                        "pages show every test's result but not the hidden tests themselves")
    s.set_defaults(run=_grade)

    s = sub.add_parser("check", help="check the exercises' nbgrader metadata, partial credit and leaks")
    s.add_argument("--notebooks", default="notebooks", help="the course's notebooks folder (default: notebooks)")
    s.add_argument("--written", type=int, default=1, help="written questions each notebook has (default 1)")
    s.set_defaults(run=_check)

    s = sub.add_parser("points", help="the table of points per notebook, printed or kept in a Markdown file")
    s.add_argument("--notebooks", default="notebooks", help="the course's notebooks folder (default: notebooks)")
    group = s.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="FILE", help="replace the points table in FILE")
    group.add_argument("--check", metavar="FILE", help="fail when the points table in FILE is out of date")
    s.set_defaults(run=_points)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except TeacherError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
