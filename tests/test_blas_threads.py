"""The app runs NumPy's products on one thread unless the user said otherwise (see cli._one_blas_thread)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = ("import contextlib, io, os; from rnn_tui.cli import main\n"
         "with contextlib.redirect_stdout(io.StringIO()): main(['trace', '--text', 'hi', '--format', 'json'])\n"
         "print(os.environ.get('OPENBLAS_NUM_THREADS'), os.environ.get('OMP_NUM_THREADS'))")


@pytest.mark.parametrize("given, seen", [(None, "1 1"), ("2", "2 1")])
def test_one_blas_thread_by_default_and_the_users_number_kept(given, seen):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[-2] == seen
