"""The student copy's README (teacher/student_README.md filled in from the course README).

Quick: no nbgrader.  `make student` itself is tested in test_homework.py.
"""
import re
from pathlib import Path

from teacher.student import STUDENT_FILES, student_readme

ROOT = Path(__file__).resolve().parents[1]


def test_student_readme_has_the_notebooks_and_no_teachers_matters():
    text = student_readme((ROOT / "README.md").read_text())
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"](notebooks/{path.name})" in text, f"the student README does not link {path.name}"
    assert "make lab" in text and "## Licence" in text and "<!--" not in text
    for teachers in ("For teachers", "make student", "make grade", "make test", "guide/", "hidden test",
                     "teacher/", "solutions"):
        assert teachers not in text, f"the student README mentions {teachers!r}"


def test_everything_the_student_readme_links_is_in_the_student_copy():
    text = student_readme((ROOT / "README.md").read_text())
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        if "://" in target:
            continue
        top = target.split("/")[0]
        assert top == "notebooks" or top in STUDENT_FILES, f"the student README links {target}, not in a student copy"
        assert (ROOT / target).exists(), f"the student README links the missing {target}"


def test_a_readme_without_the_sections_still_gives_a_readme():
    text = student_readme("# A course\n\nno sections\n")
    assert text.startswith("# Neural networks from scratch") and "<!--" not in text
