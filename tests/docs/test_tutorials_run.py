"""Every Python tutorial runs, whole, as a script in its own folder, without network."""

import os
import subprocess
import sys

import pytest

from docs_tree import OFFLINE, rel, tutorials


@pytest.mark.parametrize("path", tutorials(), ids=rel)
def test_tutorial_runs(path):
    # Keep the caller's PYTHONPATH: it names the tessel under test (a worktree's, not the venv's).
    pythonpath = os.pathsep.join(p for p in (str(OFFLINE), os.environ.get("PYTHONPATH")) if p)
    env = dict(os.environ, PYTHONPATH=pythonpath, MPLBACKEND="Agg")
    result = subprocess.run([sys.executable, path.name], cwd=path.parent, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{rel(path)} failed:\n{result.stdout}\n{result.stderr}"


def test_network_is_refused_in_tutorials(tmp_path):
    """The sitecustomize really blocks a remote connection and keeps loopback usable."""
    script = tmp_path / "probe.py"
    script.write_text(
        "import socket\n"
        "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
        "socket.create_connection(s.getsockname(), timeout=5).close()\n"
        "try:\n"
        "    socket.create_connection(('192.0.2.1', 80), timeout=5)\n"
        "except OSError as e:\n"
        "    print('refused:', e)\n")
    env = dict(os.environ, PYTHONPATH=str(OFFLINE))
    out = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, check=True)
    assert "network access is disabled" in out.stdout
