"""Reading a corpus file: the formats that work, and one clear line for each that does not."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from rnn_tui.engine import LECTURE_CORPUS, InputError, load_corpus
from rnn_tui.engine.corpus import MAX_LINE_CHARS


def write(tmp_path: Path, name: str, data) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_bytes(data.encode("utf-8"))
    return path


def load_error(path: Path, line: int | None = None) -> str:
    """Load `path`, expecting an InputError of one line that names the file (and the line)."""
    with pytest.raises(InputError) as info:
        load_corpus(path)
    message = str(info.value)
    assert len(message.splitlines()) == 1, message
    prefix = f"{path}:{line}:" if line is not None else f"{path}:"
    assert message.startswith(prefix), message
    return message


def texts(corpus):
    return [s.text for s in corpus.sentences]


# --- formats that load ---------------------------------------------------------------------

def test_csv_with_text_label_split(tmp_path):
    path = write(tmp_path, "c.csv",
                 'text,label,split\nI love it,1,train\n"Awful, truly awful",0,test\nfine film,1,TRAIN\n')
    corpus = load_corpus(path)
    assert texts(corpus) == ["I love it", "Awful, truly awful", "fine film"]
    assert corpus.labels == [1, 0, 1]
    assert [s.split for s in corpus.sentences] == ["train", "test", "train"]
    assert texts(corpus.split("test")) == ["Awful, truly awful"]
    assert corpus.labelled
    assert corpus.source == str(path)
    assert corpus.sentences[1].words == ("awful", "truly", "awful")


def test_tsv_with_columns_in_any_order(tmp_path):
    path = write(tmp_path, "c.tsv", "label\tText\n1\thello, world\n0\tgood bye\n")
    corpus = load_corpus(path)
    assert texts(corpus) == ["hello, world", "good bye"]
    assert corpus.labels == [1, 0]
    assert [s.split for s in corpus.sentences] == ["train", "train"]


def test_csv_without_label_column_is_unlabelled(tmp_path):
    corpus = load_corpus(write(tmp_path, "c.csv", "text\nhi there\nbye now\n"))
    assert corpus.labels == [None, None]
    assert not corpus.labelled


def test_header_named_text_is_found_without_a_csv_extension(tmp_path):
    corpus = load_corpus(write(tmp_path, "corpus.dat", "text\tlabel\nhi there\t1\n"))
    assert texts(corpus) == ["hi there"] and corpus.labels == [1]


def test_plain_text_one_sentence_a_line(tmp_path):
    path = write(tmp_path, "c.txt", "Hi my name is Barry\n\n   \nI love AI\n!!!\nBarry is my name\n")
    corpus = load_corpus(path)
    # blank lines, and lines without a word, are skipped
    assert texts(corpus) == ["Hi my name is Barry", "I love AI", "Barry is my name"]
    assert corpus.labels == [None, None, None]
    assert corpus.token_count == LECTURE_CORPUS.token_count == 12
    assert corpus.vocab.tokens == LECTURE_CORPUS.vocab.tokens


def test_byte_order_mark_is_not_part_of_the_header_or_first_word(tmp_path):
    csv_corpus = load_corpus(write(tmp_path, "c.csv", b"\xef\xbb\xbftext,label\nhello there,1\n"))
    assert texts(csv_corpus) == ["hello there"] and csv_corpus.labels == [1]
    txt_corpus = load_corpus(write(tmp_path, "c.txt", b"\xef\xbb\xbfhello there\nbye\n"))
    assert texts(txt_corpus) == ["hello there", "bye"]


def test_windows_line_endings(tmp_path):
    csv_corpus = load_corpus(write(tmp_path, "c.csv", "text,label\r\nhi there,1\r\n\r\nbye now,0\r\n"))
    assert texts(csv_corpus) == ["hi there", "bye now"]
    assert csv_corpus.labels == [1, 0]
    txt_corpus = load_corpus(write(tmp_path, "c.txt", "hi there\r\n\r\nbye now\r\n"))
    assert texts(txt_corpus) == ["hi there", "bye now"]


def test_blank_lines_in_a_csv_are_skipped_even_before_the_header(tmp_path):
    corpus = load_corpus(write(tmp_path, "c.csv", "\n\ntext,label\n\nhi there,1\n ,\nbye now,0\n\n"))
    assert texts(corpus) == ["hi there", "bye now"]
    assert corpus.labels == [1, 0]


def test_unicode_text(tmp_path):
    corpus = load_corpus(write(tmp_path, "c.csv", "text,label\nHéllo wörld 日本語,1\n"))
    assert corpus.sentences[0].words == ("héllo", "wörld", "日本語")


# --- errors: one line, naming the file (and line) ------------------------------------------

def test_missing_file(tmp_path):
    message = load_error(tmp_path / "nope.csv")
    assert "no such file" in message


def test_folder(tmp_path):
    assert "folder" in load_error(tmp_path)


@pytest.mark.parametrize("name", ["c.csv", "c.tsv", "c.txt"])
def test_empty_file(tmp_path, name):
    assert "no sentences" in load_error(write(tmp_path, name, b""))


@pytest.mark.parametrize("name", ["c.csv", "c.txt"])
def test_only_blank_lines(tmp_path, name):
    assert "no sentences" in load_error(write(tmp_path, name, "\n  \n\t\n\r\n"))


def test_csv_with_header_only(tmp_path):
    assert "no sentences" in load_error(write(tmp_path, "c.csv", "text,label\n"))


def test_not_utf8(tmp_path):
    message = load_error(write(tmp_path, "c.txt", b"hello there\nw\xffrld\n"), line=2)
    assert "UTF-8" in message and "0xff" in message


def test_utf16_file_is_not_utf8(tmp_path):
    load_error(write(tmp_path, "c.txt", "hello there\n".encode("utf-16")), line=1)


def test_nul_byte_means_binary(tmp_path):
    message = load_error(write(tmp_path, "c.txt", b"hello\nthere\nbin\x00ary\n"), line=3)
    assert "NUL" in message


def test_line_over_the_limit(tmp_path):
    path = write(tmp_path, "c.txt", "short line\n" + "a" * (MAX_LINE_CHARS + 1) + "\n")
    message = load_error(path, line=2)
    assert "10,001" in message and "10,000" in message


def test_line_at_the_limit_is_fine(tmp_path):
    corpus = load_corpus(write(tmp_path, "c.txt", "a" * MAX_LINE_CHARS + "\n"))
    assert corpus.lengths == [1]


def test_missing_text_column(tmp_path):
    message = load_error(write(tmp_path, "c.csv", "sentence,label\nhi,1\n"), line=1)
    assert "`text`" in message and "'sentence', 'label'" in message


def test_header_with_a_quoted_line_break_still_gives_one_line(tmp_path):
    message = load_error(write(tmp_path, "c.csv", '"sen\ntence",label\nhi,1\n'), line=2)
    assert "'sen\\ntence'" in message


def test_missing_text_column_after_blank_lines_names_the_header_line(tmp_path):
    load_error(write(tmp_path, "c.csv", "\n\nsentence,label\nhi,1\n"), line=3)


def test_row_with_wrong_column_count(tmp_path):
    message = load_error(write(tmp_path, "c.csv", "text,label\nhi there,1\nyo,1,extra\n"), line=3)
    assert "3 columns" in message and "header has 2" in message


def test_row_with_too_few_columns(tmp_path):
    load_error(write(tmp_path, "c.tsv", "text\tlabel\nhi there\t1\nno label here\n"), line=3)


@pytest.mark.parametrize("label", ["positive", "1.5", "one", "0x1"])
def test_label_not_an_integer(tmp_path, label):
    message = load_error(write(tmp_path, "c.csv", f"text,label\nhi there,1\nbye now,{label}\n"), line=3)
    assert repr(label) in message and "whole number" in message


@pytest.mark.parametrize("label", ["-1", "1000"])
def test_label_out_of_range(tmp_path, label):
    assert label in load_error(write(tmp_path, "c.csv", f"text,label\nhi,{label}\n"), line=2)


def test_partially_missing_labels(tmp_path):
    path = write(tmp_path, "c.csv", "text,label\nhi there,1\ngood day,0\nbye now,\n")
    message = load_error(path, line=4)
    assert "label" in message


def test_unknown_split(tmp_path):
    message = load_error(write(tmp_path, "c.csv", "text,split\nhi,train\nyo,dev\n"), line=3)
    assert "'dev'" in message


def test_text_cell_without_words(tmp_path):
    load_error(write(tmp_path, "c.csv", "text,label\nhi,1\n!!!,0\n"), line=3)


def test_windows_line_endings_keep_error_line_numbers(tmp_path):
    load_error(write(tmp_path, "c.csv", "text,label\r\nhi,1\r\nyo,x\r\n"), line=3)


# --- robustness: any bytes give a Corpus or an InputError, nothing else ----------------------

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300) | st.text(alphabet=' \t\n\r,"abc1\x00\ufeffé', max_size=120).map(str.encode),
       st.sampled_from(["c.csv", "c.tsv", "c.txt", "corpus"]))
def test_any_bytes_load_or_raise_input_error(data, name):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(data)
        try:
            corpus = load_corpus(path)
        except InputError as e:
            assert len(str(e).splitlines()) == 1, str(e)
            assert str(e).startswith(str(path))
        else:
            assert corpus.sentences
            assert all(s.words for s in corpus.sentences)


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read(tmp_path, monkeypatch):
    """The size is checked from the file system first: a 50 MB corpus costs no memory."""
    from pathlib import Path

    from rnn_tui.engine.corpus import MAX_FILE_BYTES

    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50 * 2**20)  # sparse: 50 MB on paper, nothing on disk
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(InputError) as caught:
        load_corpus(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    assert "50.0 MB" in message and f"at most {MAX_FILE_BYTES // 2**20} MB" in message
