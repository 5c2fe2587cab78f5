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
