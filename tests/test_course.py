"""nnkit.course: the thread's one import, naming what notebook 05 uses (the pieces are tested in their modules).

test_references.py: nnkit's versions of forward_batch, backward_batch, train_minibatch;
test_your_library.py: from_notebook, checked and reading a notebook; test_loop_checks.py:
the training loop's checks; test_softmax_mistakes.py: the softmax gradient's wrong answers.
"""
import ast
import json
from pathlib import Path

import pytest

from nnkit import course, loop_checks, references, softmax_mistakes, your_library

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _imported_from_course(path: Path) -> set:
    names = set()
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse(source)
        except SyntaxError:  # IPython magics
            continue
        names |= {a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                  and node.module == "nnkit.course" for a in node.names}
    return names


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_every_name_a_notebook_imports_from_course_is_there(path):
    for name in _imported_from_course(path):
        assert name in course.__all__ and hasattr(course, name), f"{path.name} imports {name} from nnkit.course"


def test_course_names_are_their_modules_own():
    assert course.from_notebook is your_library.from_notebook and course.checked is your_library.checked
    for name in ("check_batches", "check_update", "check_loss_record", "check_reaches"):
        assert getattr(course, name) is getattr(loop_checks, name)
    for name in ("forward_batch", "backward_batch", "train_minibatch"):
        assert getattr(course, name) is getattr(references, name) is your_library.REFERENCES[name]
    assert course.SOFTMAX_CE_MISTAKES is softmax_mistakes.SOFTMAX_CE_MISTAKES
