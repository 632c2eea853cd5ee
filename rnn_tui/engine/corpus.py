"""A corpus is a list of labelled sentences: the lecture's three, or a file of your own."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from rnn_tui.engine.errors import InputError
from rnn_tui.engine.text import Vocabulary, tokenize

# Bounds on what a corpus file may hold, so a wrong file is an error, never a hang.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_LINE_CHARS = 10_000
MAX_SENTENCES = 100_000
MAX_VOCABULARY = 100_000  # distinct words: a model built on the corpus holds weights in and out for each
BINARY_LABELS = ("negative", "positive")  # the names of labels 0 and 1
SPLITS = ("train", "val", "test")  # val picks the model (early stopping); test is seen only to report


@dataclass(frozen=True)
class Sentence:
    text: str
    label: int | None = None
    split: str = "train"

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(tokenize(self.text))


@dataclass(frozen=True)
class Corpus:
    sentences: tuple[Sentence, ...]
    source: str = "built-in"

    @cached_property
    def vocab(self) -> Vocabulary:
        return Vocabulary.build(s.words for s in self.sentences)

    @property
    def token_count(self) -> int:
        """Every word of every sentence, repeats included: the board's 12."""
        return sum(len(s.words) for s in self.sentences)

    @property
    def lengths(self) -> list[int]:
        return [len(s.words) for s in self.sentences]

    @property
    def labels(self) -> list[int | None]:
        return [s.label for s in self.sentences]

    @property
    def labelled(self) -> bool:
        return all(s.label is not None for s in self.sentences)

    @property
    def label_names(self) -> tuple[str, ...]:
        """Names for the labels 0..max: negative/positive for two, else the numbers."""
        n = max(l for l in self.labels if l is not None) + 1
        return BINARY_LABELS if n <= 2 else tuple(str(i) for i in range(n))

    def split(self, name: str) -> Corpus:
        return Corpus(tuple(s for s in self.sentences if s.split == name), self.source)

    def sample(self, n: int, seed: int = 0) -> Corpus:
        """A seeded sample of n sentences (all of them when there are no more), balanced by label:
        each label gets an equal share while it has sentences, in a shuffled order. The same
        corpus, n and seed give the same sample."""
        rng = np.random.default_rng(seed)
        by_label: dict[int | None, list[Sentence]] = defaultdict(list)
        for s in self.sentences:
            by_label[s.label].append(s)
        pools = [[group[i] for i in rng.permutation(len(group))] for _, group in sorted(
            by_label.items(), key=lambda item: -1 if item[0] is None else item[0])]
        picked: list[Sentence] = []
        while len(picked) < n and any(pools):  # round robin: one of each label in turn
            for pool in pools:
                if pool and len(picked) < n:
                    picked.append(pool.pop())
        order = rng.permutation(len(picked))
        return Corpus(tuple(picked[i] for i in order), self.source)

    def without(self, other: Corpus) -> Corpus:
        """The sentences not in `other` (by identity): the rest of a split a sample was taken from."""
        taken = {id(s) for s in other.sentences}
        return Corpus(tuple(s for s in self.sentences if id(s) not in taken), self.source)


LECTURE_CORPUS = Corpus(
    (
        Sentence("Hi my name is Barry", 0),
        Sentence("I love AI", 1),
        Sentence("Barry is my name", 0),
    ),
    source="the lecture",
)


def load_corpus(path: str | Path) -> Corpus:
    """Read CSV/TSV with a `text` column (and optional `label`, `split`), or plain text
    one sentence a line. Raises InputError naming the file and line."""
    path = Path(path)
    raw = _read_bytes(path)
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start})") from None
    if "\x00" in content:
        line = content[: content.index("\x00")].count("\n") + 1
        raise InputError(f"{path}:{line}: a NUL byte: this looks like a binary file, not a corpus")
    lines = content.splitlines()
    for n, text in enumerate(lines, 1):
        if len(text) > MAX_LINE_CHARS:
            raise InputError(f"{path}:{n}: line of {len(text):,} characters; the limit is {MAX_LINE_CHARS:,}")
    delimiter = _table_delimiter(path, lines)
    sentences = _read_table(path, content, delimiter) if delimiter else _read_lines(lines)
    if not sentences:
        raise InputError(f"{path}: no sentences (the file holds no words)")
    if len(sentences) > MAX_SENTENCES:
        raise InputError(f"{path}: {len(sentences):,} sentences; the limit is {MAX_SENTENCES:,}")
    corpus = Corpus(tuple(sentences), source=str(path))
    if len(corpus.vocab.words) > MAX_VOCABULARY:
        raise InputError(f"{path}: {len(corpus.vocab.words):,} distinct words; the limit is {MAX_VOCABULARY:,} "
                         "(a model holds weights for each, in and out)")
    return corpus


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, from a regular file only (a device never ends, a FIFO may never start),
    and never more than the limit: reading stops there, it does not find out afterwards."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(fd)
            mode = info.st_mode
            if stat.S_ISDIR(mode):
                raise InputError(f"{path}: is a folder, not a corpus file")
            if not stat.S_ISREG(mode):
                raise InputError(f"{path}: not a regular file (a device, pipe or socket); give a text or CSV file")
            if info.st_size > MAX_FILE_BYTES:  # refused from its size, unread
                raise InputError(f"{path}: {info.st_size / 2**20:.1f} MB; a corpus may be at most "
                                 f"{MAX_FILE_BYTES // 2**20} MB")
            raw = f.read(MAX_FILE_BYTES + 1)  # it may have grown since: stop at the limit anyway
        if len(raw) > MAX_FILE_BYTES:
            raise InputError(f"{path}: more than {MAX_FILE_BYTES // 2**20} MB; a corpus may be at most "
                             f"{MAX_FILE_BYTES // 2**20} MB")
        return raw
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a corpus file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None


def _table_delimiter(path: Path, lines: list[str]) -> str | None:
    """CSV/TSV when the extension says so, or when the first line is a header naming `text`."""
    suffix = path.suffix.lower()
    if suffix == ".tsv":
        return "\t"
    if suffix == ".csv":
        return ","
    # Without an extension, only a header made of our column names makes it a table, so a
    # plain sentence such as "Text, however, matters" stays a sentence.
    first = next((l for l in lines if l.strip()), "")
    for d in ("\t", ","):
        cells = [c.strip().lower() for c in first.split(d)]
        if d in first and "text" in cells and set(cells) <= {"text", "label", "split"}:
            return d
    return None


def _read_lines(lines: list[str]) -> list[Sentence]:
    return [Sentence(l.strip()) for l in lines if tokenize(l)]


def _quote_left_open(content: str, line: int) -> bool:
    """Whether an odd number of quotes from `line` (1-based) to the end leaves one open: the csv module
    then swallows the rest of the file into one field, which would read as a row with too few columns."""
    rest = content.splitlines()[line - 1:]
    return sum(part.count('"') for part in rest) % 2 == 1


def _read_table(path: Path, content: str, delimiter: str) -> list[Sentence]:
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        header = next((row for row in reader if any(c.strip() for c in row)), None)  # blank lines may come first
        if header is None:
            raise InputError(f"{path}: no sentences (the file is empty)")
        columns = [c.strip().lower() for c in header]
        repeated = sorted({c for c in columns if c in ("text", "label", "split") and columns.count(c) > 1})
        if repeated:
            raise InputError(f"{path}:{reader.line_num}: the header names {repeated[0]!r} twice; "
                             "which column is meant?")
        if "text" not in columns:
            found = ", ".join(map(repr, columns))
            raise InputError(f"{path}:{reader.line_num}: no `text` column in the header (found: {found})")
        i_text = columns.index("text")
        i_label = columns.index("label") if "label" in columns else None
        i_split = columns.index("split") if "split" in columns else None
        sentences = []
        last = reader.line_num
        for row in reader:
            first, n, last = last + 1, reader.line_num, reader.line_num
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(columns) and _quote_left_open(content, first):
                runs_on = f"the row runs on to line {n}" if n > first else "it runs to the end of the file"
                raise InputError(f"{path}:{first}: a quote (\") opened on this line is never closed ({runs_on})")
            if len(row) != len(columns):
                raise InputError(f"{path}:{n}: {len(row)} columns; the header has {len(columns)}")
            text = row[i_text].strip()
            if not tokenize(text):
                raise InputError(f"{path}:{n}: the text column holds no words")
            label = _parse_label(path, n, row[i_label]) if i_label is not None else None
            split = row[i_split].strip().lower() if i_split is not None else "train"
            if split not in SPLITS:
                raise InputError(f"{path}:{n}: split {split!r} must be train, val or test")
            sentences.append(Sentence(text, label, split))
        return sentences
    except csv.Error as e:
        kind = "TSV" if delimiter == "\t" else "CSV"
        raise InputError(f"{path}:{reader.line_num}: not valid {kind} ({e})") from None


def _parse_label(path: Path, n: int, value: str) -> int:
    # ASCII digits only: int() would also take 1_0, Arabic-Indic ٣ and fullwidth １
    if not re.fullmatch(r"-?[0-9]+", value.strip()):
        raise InputError(f"{path}:{n}: label {value.strip()!r} is not a whole number (digits 0-9)")
    label = int(value.strip())
    if not 0 <= label < 1000:
        raise InputError(f"{path}:{n}: label {label} must be between 0 and 999")
    return label
