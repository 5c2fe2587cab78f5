"""The course's thread in one import: what notebook 05 uses to join your exercises into one library.

The central exercises build on each other: notebook 03's ``forward_batch``,
notebook 04's ``backward_batch`` and notebook 05's ``train_minibatch`` are a
small neural-network library, and notebook 05 trains the digits with it.  The
pieces live in modules of their own, each named after its idea:

- nnkit/your_library.py: :func:`from_notebook` and :func:`checked`, which hand
  back your function when it passes its checks, else nnkit's with a sentence
  saying why; nnkit/notebook_reader.py reads a function out of a saved notebook;
- nnkit/references.py: nnkit's versions of the three functions, built on
  nnkit's :class:`~nnkit.network.Network` and :mod:`nnkit.optim`;
- nnkit/loop_checks.py: the graded checks of notebook 05's training loop, one per
  part, run with the spies of nnkit/loop_spies.py;
- nnkit/softmax_mistakes.py: the common wrong answers to notebook 05's softmax
  gradient, so that its check can name them.
"""
from __future__ import annotations

from .loop_checks import check_batches, check_loss_record, check_reaches, check_update
from .references import backward_batch, forward_batch, train_minibatch
from .softmax_mistakes import SOFTMAX_CE_MISTAKES
from .your_library import checked, from_notebook

__all__ = [
    "forward_batch", "backward_batch", "train_minibatch",
    "from_notebook", "checked",
    "check_batches", "check_update", "check_loss_record", "check_reaches",
    "SOFTMAX_CE_MISTAKES",
]
