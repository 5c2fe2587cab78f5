"""The teacher's documentation names only commands, options and files that exist.

README.md (its teacher sections) and guide/README.md tell a teacher what to type; a renamed
target or option would leave them typing a command that fails.  Quick: no nbgrader.
"""
import json
import re
from pathlib import Path

import pytest

from teacher.__main__ import parser

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "guide" / "README.md"]


def _targets():
    return set(re.findall(r"^([A-Za-z][\w-]*):", (ROOT / "Makefile").read_text(), re.M))


def _subcommands():
    sub = next(a for a in parser()._actions if a.dest == "command")
    return {name: {o for a in p._actions for o in a.option_strings} for name, p in sub.choices.items()}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_make_target_named_exists(doc):
    named = set(re.findall(r"`make ([a-z][\w-]*)", doc.read_text()))
    assert named, f"{doc} names no make target"
    assert named <= _targets(), f"{doc} names make targets the Makefile lacks: {sorted(named - _targets())}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_teacher_command_and_option_named_exists(doc):
    commands = _subcommands()
    text = doc.read_text()
    for sub, rest in re.findall(r"python -m teacher (\w+)([^`\n]*)", text):
        assert sub in commands, f"{doc} names `python -m teacher {sub}`, which does not exist"
        for option in re.findall(r"(--[a-z][\w-]*)", rest):
            assert option in commands[sub], f"{doc}: `python -m teacher {sub}` has no option {option}"
    for options in re.findall(r"GRADE_FLAGS=\"?([^`\"\n]*)", text):
        for option in re.findall(r"(--[a-z][\w-]*)", options):
            assert option in commands["grade"], f"{doc}: GRADE_FLAGS={option} is not an option of grade"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_repository_file_named_exists(doc):
    for path in set(re.findall(r"`((?:teacher|tests|guide|lab|notebooks)/[\w./-]+\.(?:py|md|json|ipynb))`",
                               doc.read_text())):
        if "NN" not in path:  # not a pattern such as tests/wrong_answers/nbNN.py
            assert (ROOT / path).exists(), f"{doc} names {path}, which does not exist"


def _minutes(text):
    """(least, most) minutes of a time such as "About 75 minutes", "2 to 2.5 hours", "2–2½ h", "3 h"."""
    text = text.replace("½", ".5").replace(" .5", ".5")
    match = re.search(r"(\d+(?:\.\d+)?)(?:\s*(?:to|-|–)\s*(\d+(?:\.\d+)?))?\s*(minutes|min|hours|h)\b", text)
    assert match, f"no time in {text!r}"
    unit = 1 if match[3].startswith("min") else 60
    return float(match[1]) * unit, float(match[2] or match[1]) * unit


def test_the_guides_times_are_the_notebooks_own_and_add_up():
    guide = (ROOT / "guide" / "README.md").read_text()
    rows = {m[0]: m[1] for m in re.findall(r"^\| \d \| \[`(\w+)`\]\([^)]*\) \| [^|]* \| ([^|]+) \|", guide, re.M)}
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(rows) == [p.stem for p in notebooks], "the guide's table should list every notebook"
    least = most = 0.0
    for path in notebooks:
        first = json.loads(path.read_text())["cells"][0]["source"]
        own = re.search(r"\*\*Time[.:]?\*\*:?\s*([^\n]+)", "".join(first))
        assert own, f"{path.name}'s first cell states no **Time**"
        assert _minutes(rows[path.stem]) == _minutes(own[1]), \
            f"guide/README.md gives {path.stem} {rows[path.stem]!r}, the notebook says {own[1]!r}"
        least, most = least + _minutes(own[1])[0], most + _minutes(own[1])[1]
    for doc in DOCS:
        totals = re.findall(r"about \**(\d+(?:½)?) hours\**", doc.read_text())
        assert totals, f"{doc.name} does not say how many hours the course takes"
        for total in totals:
            hours = float(total.replace("½", ".5"))
            assert least / 60 - 0.5 <= hours <= most / 60 + 0.5, \
                f"{doc.name} says the course takes about {total} hours; the notebooks add up to {least / 60:g}-{most / 60:g}"


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_each_notebooks_page_lists_every_graded_cell_with_its_points(notebook):
    # guide/NN_name.md's table of exercises: a row per graded cell, naming its grade_id and its points
    from teacher.notebooks import exercises, written_questions

    page = (ROOT / "guide" / f"{notebook.stem}.md").read_text()
    graded = {e.test_id: e.points for e in exercises(notebook)}
    graded.update({w.grade_id: w.points for w in written_questions(notebook)})
    for grade_id, points in graded.items():
        rows = [line for line in page.splitlines() if line.startswith("|") and f"`{grade_id}`" in line]
        assert rows, f"guide/{notebook.stem}.md has no table row for the graded cell {grade_id}"
        numbers = [float(n) for cell in rows[0].strip("|").split("|")
                   for n in re.findall(r"^\s*(\d+(?:\.\d+)?)(?:\s*\((?:manual|by hand)\))?\s*$", cell)]
        assert points in numbers, \
            f"guide/{notebook.stem}.md gives {grade_id} {numbers or 'no'} points, the notebook {points:g}"
