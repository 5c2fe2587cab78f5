"""The reading edition (`make book`): built once, then every page read offline in headless Chromium.

The module builds the book with ``book/build.py`` into a temporary folder (the
student edition made with nbgrader and executed once, Sphinx, the PDF) and checks:

* every page of the site loads with every request outside the site refused: no
  console error, no failed or refused request, every image decodes, every math
  span is typeset by the bundled MathJax with no TeX error and no TeX left in the
  prose; no page names an outside resource (script, stylesheet, image, CSS url);
  every link inside the site resolves;
* the six notebooks are linked in order (sidebar and next links), each page links
  its student ``.ipynb``, and every error shown is an exercise's "not written yet";
* every widget is a still picture of its starting state with the one-line note;
* no solution (nor hidden test) of ``notebooks/*.ipynb`` appears on any page, and
  no written question's model answer appears on a notebook page;
* the PDF has a sane number of pages and every notebook's title in its text.

Without the book tools (the ``book`` extra), nbgrader or Chromium the tests skip
with a reason; with CI or NNKIT_REQUIRE_BROWSER set they fail instead.
NNKIT_BOOK_BUILT=DIR checks a book already built with ``book/build.py --out DIR``.
"""
from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def _load_build():
    spec = importlib.util.spec_from_file_location("nnkit_book_build", REPO / "book" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


book = _load_build()


def _missing() -> str | None:
    missing = []
    for module, hint in (("sphinx", "book"), ("myst_nb", "book"), ("sphinx_book_theme", "book"),
                         ("pypdf", "book"), ("playwright", "book"), ("nbgrader", "teacher")):
        if importlib.util.find_spec(module) is None:
            missing.append(f"{module} (pip install -e .[{hint}])")
    if book.find_chromium() is None:
        missing.append("chromium (apt-get install chromium)")
    return f"the book tests need {', '.join(missing)}" if missing else None


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The reading edition built into a temporary folder: (html folder, manifest)."""
    reason = _missing()
    if reason:
        if any(os.environ.get(v, "").strip() not in ("", "0", "false") for v in ("CI", "NNKIT_REQUIRE_BROWSER")):
            pytest.fail(f"CI or NNKIT_REQUIRE_BROWSER is set, so the book must build, but {reason}", pytrace=False)
        pytest.skip(reason)
    if os.environ.get("NNKIT_BOOK_BUILT"):  # a finished `book/build.py --out DIR`, to rerun the checks only
        out = Path(os.environ["NNKIT_BOOK_BUILT"])
        return out / "html", json.loads((out / "manifest.json").read_text())
    out = tmp_path_factory.mktemp("book")
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    run = subprocess.run([sys.executable, str(REPO / "book" / "build.py"), "--out", str(out)], cwd=REPO, env=env,
                         text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert run.returncode == 0, f"book/build.py failed:\n{run.stdout[-5000:]}"
    manifest = json.loads((out / "manifest.json").read_text())
    print(f"book built in {manifest['seconds']['total']} s: {manifest['seconds']}")
    return out / "html", manifest


@pytest.fixture(scope="module")
def page_reports(built):
    """Every HTML page of the site opened in Chromium (outside requests refused): {page: report}."""
    html_dir, _ = built
    pages = sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                   if not p.relative_to(html_dir).as_posix().startswith("_"))
    reports = {}
    with book.serve(html_dir) as origin, book.browser() as b:
        context = b.new_context()
        for page_path in pages:
            page, report = book.open_page(context, origin + page_path, origin)
            report["widgets"] = page.locator(".nnkit-static-widget").count()
            report["widget_images"] = page.locator(".nnkit-static-widget img").count()
            report["widget_notes"] = page.locator(".nnkit-static-widget .nnkit-static-note").count()
            report["errors_shown"] = page.locator(".cell_output .output.traceback").all_inner_texts()
            report["text"] = page.inner_text("body")
            page.close()
            reports[page_path] = report
        context.close()
    return reports


# --------------------------------------------------------------------------- pages

def test_every_page_loads_offline_with_images_and_math(page_reports):
    problems = [f"{page}: {key}: {item}" for page, report in page_reports.items()
                for key in book.PROBLEMS for item in report[key]]
    assert not problems, "pages of the reading edition have problems:\n" + "\n".join(problems[:40])
    for stem in (p.stem for p in NOTEBOOKS):
        report = page_reports[f"notebooks/{stem}.html"]
        assert report["images"] > 0, f"notebooks/{stem}.html shows no image"
        assert report["math"] > 0, f"notebooks/{stem}.html has no math (is MathJax wired up?)"


class _Refs(HTMLParser):
    """The resources (``src``, stylesheet ``href``) and links (``a href``) of an HTML page."""

    def __init__(self):
        super().__init__()
        self.resources, self.links = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel", "") not in ("canonical",):
            self.resources.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def _outside(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), re.I))


def test_no_page_names_an_outside_resource_and_every_link_resolves(built):
    html_dir, _ = built
    outside, broken = [], []
    for path in html_dir.rglob("*.html"):
        refs = _Refs()
        refs.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(html_dir)
        outside += [f"{where}: {r}" for r in refs.resources if _outside(r)]
        for link in refs.links:
            target = link.split("#")[0].split("?")[0]
            if not target or _outside(link) or re.match(r"^[a-z]+:", link, re.I):
                continue
            resolved = (path.parent / html.unescape(target)).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                broken.append(f"{where}: {link}")
    for css in html_dir.rglob("*.css"):
        outside += [f"{css.relative_to(html_dir)}: {u}"
                    for u in re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", css.read_text())]
    assert not outside, "the site names resources outside itself:\n" + "\n".join(outside[:20])
    assert not broken, "links inside the site that lead nowhere:\n" + "\n".join(broken[:20])


def test_the_six_notebooks_are_linked_in_order(built, page_reports):
    html_dir, _ = built
    stems = [p.stem for p in NOTEBOOKS]
    assert len(stems) == 6
    index = (html_dir / "index.html").read_text(encoding="utf-8")
    nav = index[index.index('bd-docs-nav'):]
    linked = [m for m in re.findall(r'href="notebooks/([0-9][0-9]_[^"#]+)\.html"', nav)]
    assert list(dict.fromkeys(linked)) == stems, f"the navigation lists {linked}, expected {stems} in order"
    for here, there in zip(stems, stems[1:]):
        page = (html_dir / "notebooks" / f"{here}.html").read_text(encoding="utf-8")
        following = re.search(r'<a[^>]*class="right-next"[^>]*href="([^"]+)"|<a[^>]*href="([^"]+)"[^>]*class="right-next"',
                              page)
        assert following, f"notebooks/{here}.html has no link to the next page"
        assert f"{there}.html" in (following.group(1) or following.group(2)), \
            f"the next page after {here} is {following.group(1) or following.group(2)}, expected {there}"


def test_each_notebook_page_links_its_student_ipynb(built):
    html_dir, _ = built
    for nb in NOTEBOOKS:
        page = (html_dir / "notebooks" / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert f'href="../ipynb/{nb.stem}.ipynb"' in page, f"notebooks/{nb.stem}.html does not link its .ipynb"
        student = json.loads((html_dir / "ipynb" / f"{nb.stem}.ipynb").read_text())
        sources = ["".join(c["source"]) for c in student["cells"]]
        assert not any(BEGIN_SOLUTION in s or BEGIN_HIDDEN in s for s in sources), \
            f"ipynb/{nb.stem}.ipynb is not the student version: it has solution or hidden-test markers"
        assert not any(c.get("outputs") for c in student["cells"]), f"ipynb/{nb.stem}.ipynb has outputs"
    assert (html_dir / f"{book.ZIP_NAME}.zip").stat().st_size > 0


def test_errors_shown_are_the_exercises_not_written_yet(page_reports):
    for nb in NOTEBOOKS:
        shown = page_reports[f"notebooks/{nb.stem}.html"]["errors_shown"]
        assert shown, f"notebooks/{nb.stem}.html shows no exercise check (expected 'not written yet')"
        others = [e for e in shown if "not written yet" not in e]
        assert not others, f"notebooks/{nb.stem}.html shows errors other than an unsolved exercise: {others}"


def test_widgets_are_still_pictures_with_a_note(built, page_reports):
    _, manifest = built
    for stem, summary in manifest["widgets"].items():
        assert summary["missing"] == 0 and not summary["unknown"], f"{stem}: widgets not drawn: {summary}"
        report = page_reports[f"notebooks/{stem}.html"]
        assert report["widgets"] == summary["widgets"], f"{stem}: {report['widgets']} widgets on the page, {summary}"
        assert report["widget_notes"] == report["widgets"], f"{stem}: a widget without its note"
        assert report["widget_images"] >= report["widgets"], f"{stem}: a widget without its picture"
    assert sum(s["widgets"] for s in manifest["widgets"].values()) >= len(NOTEBOOKS), "fewer widgets than notebooks"


# --------------------------------------------------------------------------- no answers given away

def _norm(text: str) -> str:
    return " ".join(text.split())


def _split(source: str) -> tuple[list[str], list[str]]:
    """(lines outside, lines inside) the solution and hidden-test regions of a code cell."""
    outside, inside, hiding = [], [], False
    for line in source.splitlines():
        if line.strip() in (BEGIN_SOLUTION, BEGIN_HIDDEN):
            hiding = True
        elif line.strip() in (END_SOLUTION, END_HIDDEN):
            hiding = False
        else:
            (inside if hiding else outside).append(line)
    return outside, inside


def _secrets() -> tuple[set[str], set[str]]:
    """(code solution and hidden-test lines, written model-answer lines) of notebooks/*.ipynb.

    Short lines, and lines the student versions show anyway (anywhere in any
    notebook, e.g. a hint in a task's text), are left out: only text that would
    give something away counts.
    """
    shown, code, written = [], set(), set()
    for path in (REPO / "notebooks").glob("*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell["source"])
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell["cell_type"] == "code":
                visible, hidden = _split(source)
                code.update(_norm(line) for line in hidden)
                shown += visible
            elif meta.get("solution"):
                written.update(_norm(line) for line in source.splitlines())
            else:
                shown.append(source)
    shown_text = _norm("\n".join(shown))
    keep = lambda lines: {line for line in lines if len(line) >= 16 and line not in shown_text}  # noqa: E731
    return keep(code), keep(written)


def test_no_solution_text_on_any_page(page_reports):
    code, written = _secrets()
    assert code, "found no solution lines in notebooks/*.ipynb to look for"
    leaks = []
    for page, report in page_reports.items():
        text = _norm(report["text"])
        leaks += [f"{page}: solution or hidden test line {line!r}" for line in code if line in text]
        if page.startswith("notebooks/"):
            leaks += [f"{page}: model answer line {line!r}" for line in written if line in text]
    assert not leaks, "the reading edition gives answers away:\n" + "\n".join(sorted(leaks)[:20])


# --------------------------------------------------------------------------- the PDF

def _words(text: str) -> str:
    """Lower-case words only (the PDF's text has ligatures such as "ﬀ" and its own line breaks)."""
    return " ".join(re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", text).lower()))


def test_pdf_has_every_notebook_in_a_sane_number_of_pages(built):
    from pypdf import PdfReader

    html_dir, manifest = built
    reader = PdfReader(str(html_dir / manifest["pdf"]))
    pages = len(reader.pages)
    assert 30 <= pages <= 1000, f"the PDF has {pages} pages"
    # the outline has one entry per page of the site; each notebook's starts with its title
    starts = {_words(item.title): reader.get_destination_page_number(item)
              for item in reader.outline if not isinstance(item, list)}
    for nb in NOTEBOOKS:
        cells = json.loads(nb.read_text())["cells"]
        title = next(line[2:] for c in cells if c["cell_type"] == "markdown"
                     for line in "".join(c["source"]).splitlines() if line.startswith("# "))
        assert _words(title) in starts, f"the PDF's outline lacks {title!r} ({nb.name})"
        first = _words(reader.pages[starts[_words(title)]].extract_text() or "")
        assert _words(title) in first, f"the PDF's page {starts[_words(title)] + 1} does not start {title!r}"
    order = sorted((page, title) for title, page in starts.items())
    notebook_titles = [t for _, t in order if t[:2].isdigit() and not t.endswith("teacher s page")]
    assert notebook_titles == sorted(notebook_titles), f"the notebooks are out of order in the PDF: {notebook_titles}"


# --------------------------------------------------------------------------- widgets as pictures (no build)

def test_a_widget_becomes_its_starting_state_with_a_note():
    """book/static_widgets.py on a hand-made saved state: controls, readout and plot in tree order."""
    import nbformat

    spec = importlib.util.spec_from_file_location("nnkit_book_static_widgets", REPO / "book" / "static_widgets.py")
    static = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(static)
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    state = {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_w", "IPY_MODEL_f", "IPY_MODEL_out"]}},
        "w": {"model_name": "FloatSliderModel",
              "state": {"description": "$w^{(1)}_{11}$", "value": 0.5, "min": -2, "max": 2, "step": 0.1,
                        "readout_format": ".2f"}},
        "f": {"model_name": "DropdownModel",
              "state": {"description": "f", "_options_labels": ["sigmoid", "tanh"], "index": 1}},
        "out": {"model_name": "OutputModel",
                "state": {"outputs": [{"output_type": "display_data", "data": {"image/png": png}}]}},
    }
    view = lambda model: nbformat.v4.new_output(  # noqa: E731
        "display_data", data={static.WIDGET_VIEW: {"model_id": model, "version_major": 2}, "text/plain": "VBox()"})
    cell = nbformat.v4.new_code_cell("lab()", outputs=[view("box"), view("gone")])
    nb = nbformat.v4.new_notebook(cells=[cell], metadata={"widgets": {static.WIDGET_STATE: {"state": state}}})
    summary = static.freeze_widgets(nb)
    assert summary == {"widgets": 2, "images": 1, "missing": 1, "unknown": []}
    assert "widgets" not in nb.metadata
    drawn = cell.outputs[0]["data"]["text/html"]
    assert static.NOTE in drawn and static.NOTE in cell.outputs[1]["data"]["text/html"]
    assert drawn.index('type="range"') < drawn.index("<select") < drawn.index("data:image/png;base64,")
    assert 'value="0.5"' in drawn and ">0.50<" in drawn, "the slider is not at its starting value"
    assert "<option selected>tanh</option>" in drawn
    assert r'<span class="math notranslate nohighlight">\(w^{(1)}_{11}\)</span>' in drawn
    nbformat.validate(nb)
