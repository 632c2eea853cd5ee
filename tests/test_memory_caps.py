"""Memory stays bounded by what is shown: the session's trace cache by bytes as well as by count,
and `trace` refuses a sentence whose steps would not fit, in one line, before computing it."""

from __future__ import annotations

from rnn_tui.ui import session as session_module
from rnn_tui.ui.session import Session, trace_bytes

from helpers import assert_one_line_error


def test_the_trace_cache_is_capped_by_bytes_and_keeps_the_one_on_screen(monkeypatch):
    s = Session()
    one = trace_bytes(s.trace())
    assert one > 0
    monkeypatch.setattr(session_module, "MAX_TRACE_BYTES", 2 * one + one // 2)  # room for two such traces
    first = s.trace()
    for i in range(len(s.corpus.sentences)):
        s.index = i
        s.trace()
    assert sum(s._trace_bytes.values()) <= session_module.MAX_TRACE_BYTES
    assert len(s._traces) < len(s.corpus.sentences) + 1  # the oldest went
    assert s.trace() is s.trace()  # the one on screen is kept
    s.index = 0
    again = s.trace()  # recomputed, equal
    assert again.output == first.output and again.tokens == first.tokens


def test_trace_refuses_a_sentence_too_large_to_hold(cli, monkeypatch):
    from rnn_tui import cli as cli_module

    monkeypatch.setattr(cli_module, "MAX_TRACE_BYTES", 2**20)  # the rule of 1 GB, at test size
    code, _, err = cli("trace", "--weights", "lecture-next-word", "--text", "hi " * 3000, "--format", "json")
    assert_one_line_error(code, err, "--text", "3,015 steps", "the limit is")


def test_a_corpus_with_too_many_distinct_words_is_refused(tmp_path, monkeypatch):
    from rnn_tui.engine import corpus

    monkeypatch.setattr(corpus, "MAX_VOCABULARY", 1000)  # the rule of 100,000, at test size
    path = tmp_path / "words.txt"
    path.write_text("\n".join(f"w{i}x w{i}y" for i in range(600)), encoding="utf-8")
    try:
        corpus.load_corpus(path)
    except corpus.InputError as e:
        message = str(e)
    else:
        raise AssertionError("a corpus of 1,200 distinct words was accepted")
    assert "1,200 distinct words; the limit is 1,000" in message and "\n" not in message
