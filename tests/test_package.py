"""The package's promises: a light import and a public API that exists."""
import subprocess
import sys

import nnkit


def test_core_import_loads_neither_matplotlib_nor_ipywidgets():
    code = "import sys, nnkit; print(sorted(m for m in ('matplotlib', 'ipywidgets', 'sklearn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_api_names_exist():
    for name in nnkit.__all__:
        assert hasattr(nnkit, name), name


def test_the_package_docstring_names_every_module():
    from pathlib import Path

    root = Path(nnkit.__file__).parent
    modules = {p.stem for p in root.glob("*.py") if p.stem != "__init__"}
    modules |= {p.parent.name for p in root.glob("*/__init__.py")}
    missing = sorted(m for m in modules if f"``{m}``" not in nnkit.__doc__)
    assert not missing, f"nnkit/__init__.py's docstring does not mention {missing}"


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _names_defined_in(tree) -> set:
    """Every private name a module defines itself: functions, classes, assignments, attributes of self, slots."""
    import ast

    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
            names.add(node.value)  # __slots__ entries
    return {n for n in names if _private(n)}


def test_no_module_uses_another_modules_private_names():
    """A module may use its own ``_names``; another nnkit module's are off limits (make them public instead).

    Flagged: ``from .x import _name``, and ``obj._name`` where ``_name`` is defined by another
    nnkit module and not by the module itself (``net._forward`` in optim.py, say).  Package-internal
    modules such as ``_validate`` may be imported by name; other libraries' privates are not this
    test's business.
    """
    import ast
    from pathlib import Path

    root = Path(nnkit.__file__).parent
    trees = {path.relative_to(root.parent): ast.parse(path.read_text(), filename=str(path))
             for path in sorted(root.rglob("*.py"))}
    defined = {where: _names_defined_in(tree) for where, tree in trees.items()}
    found = []
    for where, tree in trees.items():
        others = set().union(*(names for w, names in defined.items() if w != where)) - defined[where]
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                found += [f"{where}:{node.lineno} imports {a.name} from {node.module}"
                          for a in node.names if _private(a.name)]
            elif isinstance(node, ast.Attribute) and node.attr in others:
                owners = [str(w) for w, names in defined.items() if node.attr in names]
                found.append(f"{where}:{node.lineno} uses .{node.attr}, a private name of {', '.join(owners)}")
    assert not found, "modules reach into other modules' privates:\n" + "\n".join(found)


def test_every_data_file_of_the_package_is_declared_so_a_wheel_carries_it():
    # an editable install sees every file; a built wheel only the .py files and the package-data globs
    import fnmatch
    from pathlib import Path

    import pytest

    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    root = Path(nnkit.__file__).parent
    globs = tomllib.loads((root.parent / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["nnkit"]
    data = [p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert data, "expected the stored results and the sketch pad's JavaScript"
    undeclared = [f for f in data if not any(fnmatch.fnmatch(f, g) for g in globs)]
    assert not undeclared, f"add these to [tool.setuptools.package-data] in pyproject.toml: {undeclared}"
