"""The page scripts: each ``js/<name>.js`` holds one JavaScript function that
playwright's ``page.evaluate(script, arg)`` calls in the page."""
from __future__ import annotations

from functools import cache
from pathlib import Path

JS_DIR = Path(__file__).parent / "js"


@cache
def js(name: str) -> str:
    """The source of ``js/<name>.js`` (read once per session)."""
    return (JS_DIR / f"{name}.js").read_text()
