"""`rnn-tui serve`: the page answers on a loopback port, and an exposed address needs --public."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from rnn_tui.serve import is_loopback

from helpers import assert_one_line_error


def free_loopback_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_with_the_app_page_and_stops(tmp_path):
    pytest.importorskip("textual_serve")
    port = free_loopback_port()
    url = f"http://127.0.0.1:{port}/?token=class-secret"
    server = subprocess.Popen([sys.executable, "-m", "rnn_tui", "serve", "--port", str(port), "--token",
                               "class-secret"], cwd=tmp_path,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline, page, content_type, last_error = time.monotonic() + 10, None, "", None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    page = response.read().decode("utf-8")
                    content_type = response.headers.get("Content-Type", "")
                    break
            except (urllib.error.URLError, ConnectionError) as e:  # not listening yet: ask again
                last_error = e
                time.sleep(0.05)
        assert server.poll() is None, f"serve exited early: {server.communicate(timeout=5)[1].decode()}"
        assert page is not None, f"no answer on {url} within 10 s ({last_error})"
        assert content_type.startswith("text/html")
        assert "<html" in page.lower()
        assert "rnn-tui" in page                      # the page's title is the app's name
        assert f"ws://127.0.0.1:{port}/ws/class-secret" in page    # and its terminal connects back here
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()
        server.stderr.close()
    assert server.returncode is not None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10"])
def test_an_exposed_address_needs_public(cli, host):
    pytest.importorskip("textual_serve")
    code, _, err = cli("serve", "--host", host, "--port", str(free_loopback_port()))
    assert_one_line_error(code, err, host, "--public")


def test_a_taken_port_is_one_line(cli):
    pytest.importorskip("textual_serve")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = cli("serve", "--port", str(port))
    assert_one_line_error(code, err, f"127.0.0.1:{port}")


def test_bad_port_and_bad_files_are_one_line(cli, tmp_path):
    pytest.importorskip("textual_serve")
    bad = cli("serve", "--port", "70000")
    assert_one_line_error(bad.code, bad.err, "65535")
    bad = cli("serve", "--port", "0")
    assert_one_line_error(bad.code, bad.err, "--port")
    bad = cli("serve", "--corpus", str(tmp_path / "none.csv"))
    assert_one_line_error(bad.code, bad.err, "none.csv")
    bad = cli("serve", "--scene", "nowhere")
    assert_one_line_error(bad.code, bad.err, "nowhere")


def test_without_textual_serve_it_says_how_to_install(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails as if not installed
    bad = cli("serve")
    assert_one_line_error(bad.code, bad.err, "pip install 'rnn-tui[web]'")


def test_loopback_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("127.1.2.3") and is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("192.0.2.10")
