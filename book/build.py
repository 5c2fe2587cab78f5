"""Build the reading edition: the executed student edition as an offline website and a PDF.

    python book/build.py [--out book/_build] [--no-pdf]      (or: make book)

1. The student edition, made as `make student` makes it (solutions replaced by
   stubs, hidden tests removed): see :func:`release_student_edition`.
2. Each student notebook executed top to bottom in a fresh kernel, keeping the
   widget state.  The unsolved exercises' checks fail with their "... is not
   written yet" sentence; that is the only error allowed (any other fails the build).
3. Widgets drawn as still pictures of their starting state (book/static_widgets.py),
   a line at the top of each notebook linking its student ``.ipynb``.
4. Sphinx with myst-nb and sphinx-book-theme renders the landing page (from the
   README), the six notebooks in order and the teacher's guide (guide/*.md).
5. Headless Chromium prints every page, in the order of the navigation, into one
   PDF (no LaTeX), with every request that leaves the site refused.

Output in ``--out``: ``html/`` (the site; open ``html/index.html`` or publish the
folder), ``html/nn-from-scratch.pdf``, ``manifest.json`` (pages in order, timings,
sizes; the tests read it) and the intermediate ``student/``, ``src/``.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BOOK = Path(__file__).resolve().parent
REPO = BOOK.parent
sys.path[:0] = [str(BOOK), str(REPO)]  # book/static_widgets.py; the teacher's tools in teacher/
from static_widgets import freeze_widgets  # noqa: E402

PDF_NAME = "nn-from-scratch.pdf"
ZIP_NAME = "nn-from-scratch-student"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# The teacher's tools (teacher/, run from the repository's root): the student version,
# made by the command `make student` runs, and the work-around for nbclient's stall
# after widget cells.  The only two names of them the book uses.
STUDENT_COMMAND = ["-m", "teacher", "student", "--notebooks", str(REPO / "notebooks"), "--out"]
KERNEL_CLIENT = "teacher.stall.SlicedPollKernelClient"


class BuildError(RuntimeError):
    """The book cannot be built; the message says why and what to do."""


def log(message: str) -> None:
    print(f"[book] {message}", flush=True)


# --------------------------------------------------------------------------- 1. the student edition

def release_student_edition(out: Path) -> list[Path]:
    """Write the student edition into ``out`` exactly as `make student` does; return its notebooks.

    The one call of the teacher's tools for the content (:data:`STUDENT_COMMAND`).
    """
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    run = subprocess.run([sys.executable, *STUDENT_COMMAND, str(out)], cwd=REPO,
                         env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if run.returncode != 0:
        raise BuildError(f"making the student edition failed (python {' '.join(STUDENT_COMMAND)} ...):\n{run.stdout}")
    notebooks = sorted((out / "notebooks").glob("*.ipynb"))
    if not notebooks:
        raise BuildError(f"the student edition in {out} has no notebooks")
    return notebooks


# --------------------------------------------------------------------------- 2. execution

def _kernel_client_class() -> str | None:
    """The teacher tools' sliced-poll kernel client (nbclient can stall after widget cells without it)."""
    module, _, name = KERNEL_CLIENT.rpartition(".")
    try:
        getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        log(f"note: {KERNEL_CLIENT} not found; executing with nbclient's own kernel client")
        return None
    return KERNEL_CLIENT


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def execute(path: Path, timeout: int = 600):
    """Run the notebook at ``path`` in a fresh kernel (cwd: its folder); return it with outputs and widget state.

    Errors are allowed only in the exercises' cells (graded test cells, solution
    stubs, and locked ungraded checks such as notebook 04's "a check for you"):
    any other error raises :class:`BuildError` naming the cell.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, timeout=timeout, allow_errors=True, store_widget_state=True,
                            kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    manager = client.create_kernel_manager()
    client_class = _kernel_client_class()
    if client_class:
        manager.client_class = client_class
    with tempfile.TemporaryDirectory(prefix="nnkit-book-kernel-") as sockets:
        # local sockets rather than TCP ports: nothing listens on the network, and the
        # kernel has no reason to warn about unencrypted TCP
        manager.transport, manager.ip = "ipc", os.path.join(sockets, "kernel")
        client.execute()
    for index, cell in enumerate(nb.cells):
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        meta = _nbgrader(cell)
        if errors and not (meta.get("grade") or meta.get("solution") or meta.get("locked")):
            e = errors[0]
            raise BuildError(f"{path.name} cell {index} (not an exercise) raised {e.ename}: {e.evalue}")
    return nb


# --------------------------------------------------------------------------- 3. pages

def edition_note(stem: str) -> str:
    """The line at the top of a notebook page: what this edition is, and the notebook to download."""
    return (f'<div class="nnkit-edition-note">Student edition, executed. The exercises are left for you: '
            f'their checks show the message you see before you solve them, and the widgets show their '
            f'starting state. <a href="../ipynb/{stem}.ipynb" download>Download {stem}.ipynb</a> '
            f'(or <a href="../{ZIP_NAME}.zip">the whole course</a>) and run it with <code>make lab</code>.</div>')


def prepare_notebook(nb, stem: str) -> dict:
    """Widgets frozen and the edition note on top, in place; returns the widget summary."""
    import nbformat

    summary = freeze_widgets(nb)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(edition_note(stem)))
    for cell in nb.cells:  # nbgrader's bookkeeping is no business of a reader's page
        cell.get("metadata", {}).pop("nbgrader", None)
    return summary


def _sections(markdown: str) -> tuple[str, dict[str, str]]:
    """A README split into its text before the first ``## `` heading and its ``## `` sections by title."""
    parts = re.split(r"^## +(.+?)\s*$", markdown, flags=re.M)
    intro, sections = parts[0], {}
    for title, body in zip(parts[1::2], parts[2::2]):
        sections[title.strip()] = body.strip()
    return intro, sections


def landing_page(readme: str, notebooks: list[str], guide: list[str]) -> str:
    """index.md: the course overview from the README, how to read this edition, and the navigation."""
    intro, sections = _sections(readme)
    intro = re.sub(r"^# .*\n", "", intro.strip(), count=1).strip()
    parts = ["# Neural networks from scratch", "", intro, "",
             ":::{admonition} The reading edition", ":class: tip",
             "This site is the course's **student edition, executed**: every notebook as it looks after "
             "*Run All*, with its figures and outputs. The exercises are not solved here: each shows its task, "
             "the code to complete and the message its check gives before it is solved. Widgets need a running "
             "kernel, so each one shows its starting state; in JupyterLab its sliders move the plot.",
             "",
             f'To work through the course, download <a href="{ZIP_NAME}.zip">the student edition (zip)</a> and run '
             f'<code>make lab</code> in it (or download a single notebook from the top of its page). '
             f'The whole course is also one <a href="{PDF_NAME}">PDF</a>.',
             ":::", ""]
    if "The notebooks" in sections:
        parts += ["## The notebooks", "", sections["The notebooks"], ""]
    parts += ["```{toctree}", ":caption: The course", ":hidden:", ""] + [f"notebooks/{s}" for s in notebooks]
    parts += ["```", ""]
    if guide:
        parts += ["## For teachers", "",
                  f"The [teacher's guide](guide/{guide[0]}.md) gives, per notebook, the learning goals and time, the "
                  "exercises with their points, the answers to the questions beside the widgets, the written "
                  "question's model answer and rubric, and the common mistakes with the feedback they get.", "",
                  "```{toctree}", ":caption: Teacher's guide", ":hidden:", ""] + [f"guide/{g}" for g in guide]
        parts += ["```", ""]
    return "\n".join(parts)


def mathjax_file() -> Path:
    """MathJax 3's single-file TeX-to-SVG build, from the sphinx-mathjax-offline package (no CDN)."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        path = Path(distribution("sphinx-mathjax-offline").locate_file(
            "sphinx-mathjax-offline/static/mathjax/tex-svg-full.js"))
    except PackageNotFoundError:
        path = None
    if path is None or not path.exists():
        raise BuildError('MathJax is missing: install the book tools with  pip install -e ".[book]"')
    return path


def assemble(student: Path, executed: dict, src: Path, extra: Path, *, guide: bool = True) -> list[dict]:
    """Lay out the Sphinx source folder ``src`` and the files copied as they are (``extra``).

    ``guide``: include the teacher's guide (guide/README.md, guide/NN_*.md) as it is at build time.

    Returns the page list in navigation order: ``[{"page", "title", "kind"}]``.
    """
    import nbformat

    for folder in (src, extra):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    shutil.copy(BOOK / "conf.py", src / "conf.py")
    shutil.copytree(BOOK / "static", src / "_static")
    (src / "_static" / "mathjax").mkdir()
    shutil.copy(mathjax_file(), src / "_static" / "mathjax" / "tex-svg-full.js")
    shutil.copytree(student / "figures", src / "figures", ignore=shutil.ignore_patterns("*.py", "__pycache__"))

    pages = [{"page": "index.html", "title": "Neural networks from scratch", "kind": "landing"}]
    (src / "notebooks").mkdir()
    (extra / "ipynb").mkdir()
    for stem, nb in executed.items():
        nbformat.write(nb, str(src / "notebooks" / f"{stem}.ipynb"))
        shutil.copy(student / "notebooks" / f"{stem}.ipynb", extra / "ipynb" / f"{stem}.ipynb")
        title = next((line[2:].strip() for c in nb.cells if c.cell_type == "markdown"
                      for line in c.source.splitlines() if line.startswith("# ")), stem)
        pages.append({"page": f"notebooks/{stem}.html", "title": title, "kind": "notebook"})

    guide_pages = []
    guide_dir = REPO / "guide"
    readme = guide_dir / "README.md"
    others = sorted(p for p in guide_dir.glob("[0-9][0-9]_*.md")) if guide_dir.is_dir() else []
    if guide and (readme.exists() or others):
        (src / "guide").mkdir()
        for path in ([readme] if readme.exists() else []) + others:
            shutil.copy(path, src / "guide" / path.name)
            title = next((line[2:].strip() for line in path.read_text().splitlines() if line.startswith("# ")), path.stem)
            guide_pages.append(path.stem)
            pages.append({"page": f"guide/{path.stem}.html", "title": title, "kind": "guide"})

    (src / "index.md").write_text(landing_page((REPO / "README.md").read_text(), list(executed), guide_pages))
    shutil.make_archive(str(extra / ZIP_NAME), "zip", root_dir=student.parent, base_dir=student.name)
    return pages


def sphinx(src: Path, html: Path, log_file: Path) -> list[str]:
    """Run sphinx-build (HTML); returns its warnings.  Raises :class:`BuildError` if it fails."""
    shutil.rmtree(html, ignore_errors=True)
    run = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", "-w", str(log_file),
                          str(src), str(html)], text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    warnings = [line for line in log_file.read_text().splitlines() if line.strip()] if log_file.exists() else []
    if run.returncode != 0:
        raise BuildError(f"sphinx-build failed (exit {run.returncode}):\n{run.stdout}")
    for source_map in (html / "_static").rglob("*.map"):  # for debugging the theme; never requested
        source_map.unlink()
    return warnings


# --------------------------------------------------------------------------- 5. the browser

def find_chromium() -> str | None:
    """Chromium's executable: $NNKIT_CHROMIUM, /usr/bin/chromium or on PATH."""
    if "NNKIT_CHROMIUM" in os.environ:
        return os.environ["NNKIT_CHROMIUM"] if os.access(os.environ["NNKIT_CHROMIUM"], os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def browser():
    """A headless Chromium (playwright, the system's Chromium, never a downloaded one)."""
    chromium = find_chromium()
    if chromium is None:
        raise BuildError("the PDF needs Chromium: apt-get install chromium (or build with --no-pdf)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BuildError('the PDF needs playwright: pip install -e ".[book]"') from None
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


# Runs in the page once it has loaded: wait for MathJax and every image, then report.
SETTLE_JS = r"""async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
  const imgs = Array.from(document.images);
  imgs.forEach(i => { i.loading = 'eager'; });
  await Promise.all(imgs.map(i => i.decode().then(() => null, () => i.currentSrc || i.src)));
  return {
    images: imgs.length,
    broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => (i.currentSrc || i.src).slice(0, 120)),
    math: document.querySelectorAll('.math').length,
    untypeset: Array.from(document.querySelectorAll('.math'))
                 .filter(m => !m.querySelector('mjx-container') && !m.closest('mjx-container'))
                 .map(m => m.textContent.slice(0, 80)),
    mathErrors: Array.from(document.querySelectorAll('mjx-merror, [data-mml-node="merror"], mjx-assistive-mml mtext[mathcolor="red"]')).map(m => (m.getAttribute('data-mjx-error') || m.textContent).slice(0, 80)),
    texLeft: (() => {  // TeX that no math span took: a `$` or a \command in the prose
      const root = document.querySelector('article') || document.body, out = [];
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        if (n.parentElement.closest('pre, code, script, style, mjx-container, .math, textarea')) continue;
        if (/\$|\\[a-zA-Z]{2,}/.test(n.textContent)) out.push(n.textContent.trim().slice(0, 80));
      }
      return out;
    })(),
  };
}"""


PROBLEMS = ("console_errors", "failed", "outside", "broken", "untypeset", "mathErrors", "texLeft")
"""The keys of a page report that list problems (each must be empty)."""


def open_page(context, url: str, origin: str) -> tuple[object, dict]:
    """Open ``url`` in a new page with every request outside ``origin`` refused; settle it.

    Returns the page and a report: ``console_errors``, ``failed`` (requests that
    failed or answered >= 400), ``outside`` (refused requests), and what
    :data:`SETTLE_JS` found (images, broken, math, untypeset, mathErrors, texLeft).
    """
    report = {"console_errors": [], "failed": [], "outside": []}
    page = context.new_page()

    def route(r):
        if r.request.url.startswith(origin):
            r.continue_()
        else:
            report["outside"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and report["console_errors"].append(m.text))
    page.on("pageerror", lambda e: report["console_errors"].append(str(e)))
    page.on("requestfailed", lambda r: report["failed"].append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and report["failed"].append(f"{r.url} (HTTP {r.status})"))
    page.goto(url, wait_until="load")
    report.update(page.evaluate(SETTLE_JS))
    page.wait_for_load_state("networkidle")
    return page, report


def print_pdf(html: Path, pages: list[dict], target: Path) -> dict:
    """Print every page (in order) with Chromium and join them into ``target`` with an outline."""
    from pypdf import PdfReader, PdfWriter

    parts, problems = [], []
    with serve(html) as origin, browser() as b:
        context = b.new_context()
        for entry in pages:
            page, report = open_page(context, origin + entry["page"], origin)
            for key in PROBLEMS:
                problems += [f"{entry['page']}: {key}: {item}" for item in report[key]]
            parts.append((entry["title"], page.pdf(format="A4", print_background=True, outline=False,
                                                     margin={"top": "16mm", "bottom": "16mm",
                                                             "left": "14mm", "right": "14mm"})))
            page.close()
        context.close()
    writer = PdfWriter()
    for title, data in parts:
        import io

        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(data)))
        writer.add_outline_item(title=title, page_number=start)
    writer.add_metadata({"/Title": "Neural networks from scratch (student edition)"})
    with open(target, "wb") as fh:
        writer.write(fh)
    return {"pdf_pages": len(writer.pages), "pdf_problems": problems}


# --------------------------------------------------------------------------- the whole build

def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(out: Path, *, pdf: bool = True, guide: bool = True, reuse: bool = False) -> dict:
    """Build the reading edition into ``out``; returns the manifest (also written to out/manifest.json).

    ``reuse``: take the executed notebooks of an earlier build in ``out/executed/``
    instead of running them again (for working on the pages; never for a release).
    """
    import nbformat

    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ.pop("MPLBACKEND", None)  # the kernels must draw inline figures
    times, t0 = {}, time.perf_counter()

    log("student edition ...")
    student = out / "student"
    notebooks = release_student_edition(student)
    times["student"] = time.perf_counter() - t0

    executed, widgets = {}, {}
    (out / "executed").mkdir(exist_ok=True)
    for path in notebooks:
        t = time.perf_counter()
        saved = out / "executed" / path.name
        if reuse and saved.exists():
            log(f"reusing {saved}")
            nb = nbformat.read(str(saved), as_version=4)
        else:
            log(f"executing {path.name} ...")
            nb = execute(path)
            nbformat.write(nb, str(saved))
        widgets[path.stem] = prepare_notebook(nb, path.stem)
        executed[path.stem] = nb
        times[f"execute {path.stem}"] = time.perf_counter() - t
        w = widgets[path.stem]
        if w["missing"] or w["unknown"]:
            log(f"  widgets: {w}")

    t = time.perf_counter()
    src, extra, html = out / "src", out / "extra", out / "html"
    pages = assemble(student, executed, src, extra, guide=guide)
    log("sphinx ...")
    warnings = sphinx(src, html, out / "sphinx-warnings.log")
    for line in warnings:
        log(f"  sphinx: {line}")
    times["sphinx"] = time.perf_counter() - t

    manifest = {"pages": pages, "pdf": None, "widgets": widgets, "sphinx_warnings": warnings}
    if pdf:
        t = time.perf_counter()
        log("printing the PDF ...")
        manifest.update(print_pdf(html, pages, html / PDF_NAME))
        manifest["pdf"] = PDF_NAME
        for line in manifest["pdf_problems"]:
            log(f"  page problem: {line}")
        times["pdf"] = time.perf_counter() - t
    times["total"] = time.perf_counter() - t0
    manifest["seconds"] = {k: round(v, 1) for k, v in times.items()}
    manifest["site_bytes"] = folder_size(html)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    log(f"site: {html / 'index.html'} ({manifest['site_bytes'] / 1e6:.1f} MB, {len(pages)} pages)"
        + (f"; PDF: {html / PDF_NAME} ({manifest['pdf_pages']} pages)" if pdf else ""))
    log(f"took {times['total']:.0f} s (student {times['student']:.0f} s, execution "
        f"{sum(v for k, v in times.items() if k.startswith('execute')):.0f} s, sphinx {times['sphinx']:.0f} s"
        + (f", PDF {times['pdf']:.0f} s)" if pdf else ")"))
    return manifest


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(BOOK / "_build"), help="output folder (default: book/_build)")
    parser.add_argument("--no-pdf", action="store_true", help="the website only")
    parser.add_argument("--no-guide", action="store_true",
                        help="leave out the teacher's guide (it holds the written questions' model answers)")
    parser.add_argument("--reuse-executed", action="store_true",
                        help="reuse the executed notebooks of the last build in OUT/executed (to work on the pages)")
    args = parser.parse_args(argv)
    try:
        build(Path(args.out), pdf=not args.no_pdf, guide=not args.no_guide, reuse=args.reuse_executed)
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
