"""Every Python block in docs/weights.md and the README is a recipe that was run as written:
scripts/make_pytorch_fixture.py runs each one against real PyTorch or real Keras, in a fresh
namespace, checks the app's outputs for the file it saved against the framework's, and records
the block's SHA-256 in tests/data/recipes.json. A block edited without running the script again
fails here (no torch needed)."""

import hashlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAN = {r["sha256"]: r for r in json.loads((ROOT / "tests" / "data" / "recipes.json").read_text())}
BLOCKS = [(name, block) for name in ("docs/weights.md", "README.md")
          for block in re.findall(r"```python\n(.*?)```", (ROOT / name).read_text(), flags=re.S)]


@pytest.mark.parametrize("name, block", BLOCKS, ids=[f"{n}: {b.splitlines()[0][:40]}" for n, b in BLOCKS])
def test_every_python_block_in_the_docs_was_run_as_written(name, block):
    ran = RAN.get(hashlib.sha256(block.encode()).hexdigest())
    assert ran is not None, (f"{name}: this block was not run as written; run scripts/make_pytorch_fixture.py "
                             f"(it begins {block.splitlines()[0]!r})")
    assert ran["file"] == name


def test_the_recipes_cover_every_export_the_docs_describe():
    """PyTorch's three cells, Keras' SimpleRNN, GRU and LSTM, both Embedding folds, the encoder-decoder."""
    checked = " ".join(r["checked"] for r in RAN.values())
    for what in ("nn.GRU", "nn.LSTM", "real Keras gru", "real Keras lstm", "Keras SimpleRNN",
                 "Keras Embedding", "PyTorch Embedding", "greedy decoding", "trained as written"):
        assert what in checked, what
    assert len(BLOCKS) == len(RAN) == 11
