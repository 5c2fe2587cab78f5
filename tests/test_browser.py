"""Every notebook and every widget in a real JupyterLab 4 in a real headless Chromium.

For each notebook in notebooks/ (and the fixture tests/fixtures/browser_*.ipynb) the
test opens it in JupyterLab, runs all cells, and fails on any error or stderr
output (cells and widget callbacks alike) or on a cell that did not run.  It then
finds every widget (``.nnkit-widget`` panels and ``interact`` boxes), checks that
each control rendered, moves every slider, changes every dropdown, clicks every
button, and fails when an input changes nothing in its widget.  After each input
it waits for causes, not for a time: the kernel answered every widget message
the input sent and the page drew the answer; only then is the widget compared
with how it was, so a loaded machine makes the test slower, never wrong.  The
time from input event to redraw is printed (goal: under 200 ms; information,
never a failure).  A
screenshot of each notebook, its first widget in view, goes to screenshots/
(``make screenshots`` copies them into figures/).

Without Chromium or playwright the tests skip with a one-line reason; with the
environment variable CI (or NNKIT_REQUIRE_BROWSER) set they fail instead, so CI
never silently skips.  test_exerciser_reports_dead_controls checks the check on
controls that do nothing (tests/fixtures/harness_dead_controls.ipynb).
NNKIT_CHROMIUM names another Chromium executable;
NNKIT_SCREENSHOT_DIR another folder for the screenshots.
The helpers live in the package tests/browser/ (its __init__ says which module does
what; a widget that needs its own kind of input, such as a mouse drag, adds it in
tests/browser/interactions/).
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import time
from pathlib import Path

import pytest

import browser as bh

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
FIXTURES = sorted((REPO / "tests" / "fixtures").glob("browser_*.ipynb"))
# Controls that do nothing, to check that the exerciser reports them (not a course notebook)
DEAD_CONTROLS = REPO / "tests" / "fixtures" / "harness_dead_controls.ipynb"
SCREENSHOTS = Path(os.environ.get("NNKIT_SCREENSHOT_DIR", REPO / "screenshots"))
VIEWPORT = {"width": 1280, "height": 900}
# A grid of identical controls (e.g. an 8x8 sketch pad of toggle buttons) is checked
# for rendering in full, but only this many of each kind are operated per widget.
MAX_OPERATED_PER_KIND = 8
TIMINGS: dict[str, dict] = {}


def _browser_required() -> bool:
    """In CI (and for `make screenshots`) a missing browser is a failure, not a skip."""
    return any(os.environ.get(var, "").strip().lower() not in ("", "0", "false", "no")
               for var in ("CI", "NNKIT_REQUIRE_BROWSER"))


@pytest.fixture(scope="session")
def lab(tmp_path_factory, request):
    """(server, context): one JupyterLab, one Chromium and one browser context (so
    JupyterLab's scripts are fetched once) for the whole session; a page per notebook."""
    reason = bh.missing_browser_reason()
    if reason:
        if _browser_required():
            pytest.fail(f"CI or NNKIT_REQUIRE_BROWSER is set, so browser tests must run, but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    scratch = tmp_path_factory.mktemp("browser")
    root = scratch / "root"
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for folder in ("notebooks", "figures"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder, ignore=ignore)
    (root / "tests" / "fixtures").mkdir(parents=True)
    for fixture in FIXTURES + [DEAD_CONTROLS]:
        shutil.copy2(fixture, root / "tests" / "fixtures" / fixture.name)

    server = bh.LabServer(root, scratch, pythonpath=REPO)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=bh.find_chromium(), headless=True, args=bh.CHROMIUM_ARGS
        )
        context = browser.new_context(viewport=VIEWPORT)
        context.set_default_timeout(bh.PATIENCE_S * 1000)  # clicks and key presses on a loaded machine
        yield server, context
        context.close()
        browser.close()
    finally:
        playwright.stop()
        server.stop()
        _report(request.config)


def _report(config) -> None:
    """Write the timings as JSON beside the screenshots and print a table (also without -s)."""
    if not TIMINGS:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "browser_timings.json").write_text(json.dumps(TIMINGS, indent=1))
    lines = ["", "browser test timings (redraw = input event to changed widget, in the page):",
             f"  {'notebook':<34}{'open':>6}{'run':>6}{'total':>7}{'widgets':>8}{'inputs':>7}"
             f"{'median':>9}{'worst':>9}"]
    for name, t in TIMINGS.items():
        med = f"{t['redraw_median_ms']:.0f} ms" if t["redraw_median_ms"] is not None else "-"
        worst = f"{t['redraw_worst_ms']:.0f} ms" if t["redraw_worst_ms"] is not None else "-"
        lines.append(f"  {name:<34}{t['open_s']:>5.1f}s{t['run_s']:>5.1f}s{t['total_s']:>6.1f}s"
                     f"{t['widgets']:>8}{t['inputs']:>7}{med:>9}{worst:>9}")
    capture = config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n".join(lines))


def _check(condition, message: str) -> None:
    """Fail with just the message (the test's source adds nothing to these failures)."""
    if not condition:
        pytest.fail(message, pytrace=False)


def _label(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


@pytest.mark.parametrize("notebook", NOTEBOOKS + FIXTURES, ids=[p.stem for p in NOTEBOOKS + FIXTURES])
def test_notebook_in_browser(notebook: Path, lab):
    server, context = lab
    rel = _label(notebook)
    started = time.monotonic()
    page = context.new_page()
    try:
        run = bh.run_notebook(page, server, rel, workspace=f"test-{notebook.stem}")
        _check(not run.errors, f"{rel}: errors while running all cells:\n" + "\n".join(run.errors))
        _check(not run.stderr, (f"{rel}: stderr output while running all cells (warnings must not "
                                "reach students):\n" + "\n".join(run.stderr)))
        _check(not run.not_run, f"{rel}: cells that did not run: {', '.join(run.not_run)}")

        broken = bh.broken_widget_views(page)
        _check(not broken, f"{rel}: widgets that did not render:\n" + "\n".join(broken))

        boxes = bh.inventory(page)
        bh.screenshot(page, SCREENSHOTS / f"{notebook.stem}.png", boxes[0]["index"] if boxes else None)
        for box in boxes:
            if box["controls"]:
                bh.widget_screenshot(page, SCREENSHOTS / "widgets" / f"{notebook.stem}_{box['index']}.png",
                                     box["index"])

        problems = []
        for box in boxes:
            for c in box["controls"]:
                if not c["visible"] or c["width"] < 2 or c["height"] < 2:
                    problems.append(f"widget {box['index']} {c['kind']} {c['label']!r} did not render "
                                    f"({c['width']:.0f}x{c['height']:.0f} px, visible={c['visible']})")
        _check(not problems, f"{rel}:\n" + "\n".join(problems))

        blank = {box["index"]: bh.blank_images(page, box["index"]) for box in boxes}
        _check(not any(blank.values()), f"{rel}: widgets showing a blank plot after running all cells: {blank}")

        _, results = bh.exercise_widgets(page, max_per_kind=MAX_OPERATED_PER_KIND)
        errors = bh.new_kernel_errors(page, len(run.errors))
        _check(not errors, f"{rel}: errors while operating widgets:\n" + "\n".join(errors))
        stderr = bh.visible_widget_stderr(page)
        _check(not stderr, f"{rel}: stderr shown in widgets:\n" + "\n".join(stderr))

        latencies = [r.latency_ms for r in results if r.latency_ms is not None]
        TIMINGS[notebook.stem] = {
            "open_s": run.open_s, "run_s": run.run_s, "total_s": time.monotonic() - started,
            "widgets": len(boxes), "inputs": len(latencies),
            "redraw_median_ms": statistics.median(latencies) if latencies else None,
            "redraw_worst_ms": max(latencies) if latencies else None,
            "controls": [r.__dict__ for r in results],
        }
        print(f"\n{rel}: opened {run.open_s:.1f} s, ran {run.run_s:.1f} s, {len(boxes)} widget(s)")
        for r in results:
            timing = f"{r.latency_ms:6.0f} ms ({r.what})" if r.latency_ms is not None else "   -"
            print(f"  widget {r.box} {r.kind:<14} {r.label[:24]!r:<27} {r.action[:34]:<34} {timing} {r.note}")

        blanked = [r for r in results if r.blank]
        _check(not blanked, (
            f"{rel}: inputs after which a plot shows nothing (one flat colour):\n" + "\n".join(
                f"  widget {r.box} {r.kind} {r.label!r} ({r.action}): image {', '.join(r.blank)}" for r in blanked)
            + "\n(JupyterLab >= 4.4 sends widget messages to kernel subshells, i.e. threads: two callbacks "
              "drawing one matplotlib figure at once can produce an empty PNG; serialise them with a lock)"))
        unchanged = [r for r in results if not r.changed]
        _check(not unchanged, f"{rel}: inputs that changed nothing in their widget:\n" + "\n".join(
            f"  widget {r.box} {r.kind} {r.label!r}: {r.action} ({r.note})" for r in unchanged))
        for box in boxes:
            if box["controls"]:
                _check(box["images"] or any(r.box == box["index"] and r.what for r in results),
                       f"{rel}: widget {box['index']} shows no plot and none of its inputs changed it")
    finally:
        page.close()
        server.delete_sessions()


def test_exerciser_reports_dead_controls(lab):
    """The check of the checks: a control that changes nothing is reported, with the reason."""
    server, context = lab
    page = context.new_page()
    try:
        rel = _label(DEAD_CONTROLS)
        run = bh.run_notebook(page, server, rel, workspace="test-dead-controls")
        assert not run.errors and not run.not_run, run
        _, results = bh.exercise_widgets(page)
        by_label = {r.label: r for r in results}
        assert set(by_label) == {"live", "dead button", "dead slider", "single"}, results
        assert by_label["live"].changed and by_label["live"].what == "text", by_label["live"]
        for label in ("dead button", "dead slider"):
            assert not by_label[label].changed, by_label[label]
            assert by_label[label].note == bh.ANSWERED_NO_CHANGE, by_label[label]
        assert not by_label["single"].changed and by_label["single"].note == bh.SENT_NOTHING, by_label["single"]
    finally:
        page.close()
        server.delete_sessions()
