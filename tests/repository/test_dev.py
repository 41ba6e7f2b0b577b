"""README's commands, run as a developer runs them: `python3 dev.py serve` becomes MkDocs, so
stopping dev.py stops the server, and `python3 dev.py build` passes MkDocs' exit code on."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpers import ROOT, make_portal


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _dev(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "dev.py"), *args]


def _env() -> dict[str, str]:
    """dev.py with the environment this suite runs in (the one `python3 dev.py test` made)."""
    return {**os.environ, "COCREATE_VENV": sys.prefix}


def _serving(url: str, proc: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            time.sleep(0.5)
    return False


def _session_alive(session: int) -> bool:
    try:
        os.killpg(session, 0)
    except ProcessLookupError:
        return False
    return True


def test_stopping_dev_py_serve_leaves_no_server(tmp_path: Path) -> None:
    config = make_portal(tmp_path / "portal")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen(_dev("serve", "-f", str(config), "-a", f"127.0.0.1:{port}"), env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert _serving(url, proc, timeout=180), "dev.py serve did not serve the portal"
        # the process started as dev.py is MkDocs now: no wrapper left to outlive
        command = Path(f"/proc/{proc.pid}/cmdline").read_bytes().split(b"\0")
        assert b"mkdocs" in command, command
        assert b"serve" in command, command
        proc.send_signal(signal.SIGTERM)  # as a terminal's Ctrl-C or a supervisor would stop dev.py
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while _session_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _session_alive(proc.pid), "a process of dev.py serve outlived it"
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers"
    finally:
        if _session_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def test_dev_py_build_passes_mkdocs_exit_code_on(tmp_path: Path) -> None:
    config = make_portal(tmp_path / "portal")
    site = tmp_path / "out"
    built = subprocess.run(_dev("build", "-f", str(config), "-d", str(site)), env=_env(),
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (site / "index.html").is_file()
    broken = config.parent / "projects" / next(p.name for p in (config.parent / "projects").iterdir()) / "project.yml"
    broken.write_text(broken.read_text("utf-8") + "\nstatus: [\n", "utf-8")
    failed = subprocess.run(_dev("build", "-f", str(config), "-d", str(tmp_path / "out2")), env=_env(),
                            capture_output=True, text=True, timeout=300)
    assert failed.returncode != 0
    assert "Traceback" not in failed.stdout + failed.stderr
