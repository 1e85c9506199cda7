"""Serve archive.db with Datasette: metadata.yml, web/templates, web/plugins, web/static and web/settings.yml.

`datasette_args(db_path)` is the exact command line (tests and the bench start the same one). The database is
opened mutable (no `-i`): archive/publish.py rewrites it in one WAL transaction, so a running server sees the old
archive or the new one, never a mix (issue #7 item 9). A database file not named archive.db is still served under
the name `archive` (web/plugins/archive_web.py), so metadata and canned queries apply to it.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "metadata.yml"
WEB = ROOT / "web"
SETTINGS = WEB / "settings.yml"


def settings() -> dict:
    """Datasette settings from web/settings.yml."""
    return yaml.safe_load(SETTINGS.read_text())


def datasette_args(db_path, port: int = 8001, host: str = "127.0.0.1") -> list[str]:
    """The command line that serves `db_path`."""
    args = [
        sys.executable, "-m", "datasette", "serve", str(Path(db_path).resolve()),
        "--host", host, "--port", str(port),
        "--metadata", str(METADATA),
        "--template-dir", str(WEB / "templates"),
        "--plugins-dir", str(WEB / "plugins"),
        "--static", f"static:{WEB / 'static'}",
    ]
    for name, value in settings().items():
        if isinstance(value, bool):
            value = "on" if value else "off"
        args += ["--setting", name, str(value)]
    return args


def datasette_env(data_dir=None) -> dict:
    """Environment for the server: ARCHIVE_DATA (where raw captures live) and the project on PYTHONPATH."""
    env = dict(os.environ)
    if data_dir is not None:
        env["ARCHIVE_DATA"] = str(Path(data_dir).resolve())
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def start(db_path, port: int, host: str = "127.0.0.1", data_dir=None, **popen) -> subprocess.Popen:
    """Start Datasette in the background and return the process (the caller stops it)."""
    return subprocess.Popen(datasette_args(db_path, port, host), env=datasette_env(data_dir), cwd=ROOT, **popen)


def serve(db_path, port: int, host: str = "127.0.0.1", data_dir=None) -> int:
    """Serve in the foreground until interrupted; returns Datasette's exit code."""
    proc = start(db_path, port, host, data_dir)
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: proc.send_signal(signum))  # stop it with us
    try:
        return proc.wait()
    except KeyboardInterrupt:  # Ctrl-C reached Datasette too (same process group); wait for it to finish
        return proc.wait(timeout=10)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=10)
