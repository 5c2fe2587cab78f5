"""Notebook 06: the points its text states are the points its nbgrader cells give."""
import re
from pathlib import Path

import nbformat

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "06_deep_dream.ipynb"


def _cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


def _points(cell):
    meta = cell.metadata.get("nbgrader", {})
    return meta.get("points", 0) if meta.get("grade") else 0


def test_each_exercise_heading_states_the_points_of_its_test_cells():
    cells, stated, given, current = _cells(), {}, {}, None
    for cell in cells:
        heading = re.search(r"^### (Exercise \d+|Written question) \((\d+) points(?:, in \w+ parts)?\)", cell.source, re.M)
        if cell.cell_type == "markdown" and heading:
            current = heading.group(1)
            stated[current] = int(heading.group(2))
            given[current] = 0
        elif current is not None:
            given[current] += _points(cell)
    assert stated == given and len(stated) == 4


def test_the_introduction_states_the_total_points():
    cells = _cells()
    intro = " ".join(cells[0].source.split())
    auto = sum(_points(c) for c in cells if c.cell_type == "code")
    manual = sum(_points(c) for c in cells if c.cell_type == "markdown")
    assert f"three graded exercises ({auto:g} points)" in intro
    assert f"one written question ({manual:g} points)" in intro
