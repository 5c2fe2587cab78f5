"""Shared test set-up: a non-interactive matplotlib backend for unit tests."""
import matplotlib

matplotlib.use("Agg")
