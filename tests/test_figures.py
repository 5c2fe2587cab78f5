"""The static figures are drawn by figures/make_figures.py and are up to date."""
import runpy
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np

FIGURES = Path(__file__).resolve().parents[1] / "figures"
NAMES = ("neuron", "network_notation", "backprop_flow")


def test_make_figures_redraws_the_committed_figures(tmp_path, monkeypatch):
    script = runpy.run_path(str(FIGURES / "make_figures.py"))  # defines the functions, runs nothing
    monkeypatch.setitem(script["save"].__globals__, "HERE", tmp_path)
    for name in NAMES:
        script[name]()
        new, old = mpimg.imread(tmp_path / f"{name}.png"), mpimg.imread(FIGURES / f"{name}.png")
        # same size and nearly the same pixels (anti-aliasing may differ between matplotlib versions)
        assert new.shape == old.shape, f"{name}.png is out of date: run `make figures` and commit it"
        assert np.mean(np.abs(new - old)) < 0.01, f"{name}.png is out of date: run `make figures` and commit it"
        assert new[..., :3].std() > 0.05  # not blank
