"""frontdoor/refresh.py guard rails and frontdoor/lock.py: checked before anything is changed."""
from __future__ import annotations

import subprocess
import sys

import pytest

from frontdoor.lock import LockHeld, RunLock
from frontdoor.refresh import EXIT_LOCKED, EXIT_PREFLIGHT, StageFailed, guard_sources, preflight, refresh


def test_source_below_its_declared_minimum_stops_the_run():
    problems = guard_sources({"osr": 3, "uksa": 40}, last={}, minimums={"osr": 20, "uksa": 10})
    assert problems == ["source osr: 3 documents seen, declared minimum 20"]


def test_source_that_shrinks_to_under_half_of_last_time_stops_the_run():
    problems = guard_sources({"osr": 400, "uksa": 90}, last={"osr": 1000, "uksa": 100}, minimums={})
    assert problems == ["source osr: 400 documents seen, 1000 last time (site redesign?)"]
    assert guard_sources({"osr": 990}, last={"osr": 1000}, minimums={}) == []


def test_lock_refuses_a_second_holder_and_is_released_when_the_holder_dies(tmp_path):
    path = tmp_path / "refresh.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from frontdoor.lock import RunLock; RunLock(sys.argv[1]).acquire(); "
         "print('locked', flush=True); time.sleep(60)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(LockHeld, match=f"pid {holder.pid}"):
            RunLock(path).acquire()
    finally:
        holder.kill()
        holder.wait()
    lock = RunLock(path).acquire()  # SIGKILL left no stuck lock
    lock.release()


def test_refresh_exits_75_while_another_run_holds_the_lock(tmp_path, capsys):
    data = tmp_path / "data"
    with RunLock(data / "refresh.lock"):
        code = refresh(db=tmp_path / "archive.db", data=data, mirror="http://127.0.0.1:9")
    assert code == EXIT_LOCKED
    assert "another run holds" in capsys.readouterr().out


@pytest.fixture
def tmpfs(tmp_path):
    """Mount a real, tiny tmpfs (root only): read-only or nearly full file systems, not simulated ones."""
    mounted = []

    def mount(name: str, options: str):
        point = tmp_path / name
        point.mkdir()
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root): {result.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", str(point)], check=True)


def test_read_only_data_is_detected_before_anything_changes(tmpfs, tmp_path):
    data = tmpfs("ro", "ro,size=1m")
    with pytest.raises(StageFailed, match="not writable") as info:
        preflight(data, tmp_path / "archive.db")
    assert info.value.code == EXIT_PREFLIGHT


def test_disk_nearly_full_is_detected_before_anything_changes(tmpfs, tmp_path, capsys):
    data = tmpfs("small", "size=2m")
    db = tmp_path / "archive.db"
    db.write_bytes(b"")
    assert refresh(db=db, data=data, mirror="http://127.0.0.1:9") == EXIT_PREFLIGHT
    assert "MiB free" in capsys.readouterr().out
    assert list(data.iterdir()) == [], "nothing was written to DATA"


def test_build_from_an_empty_data_folder_fails_loudly_and_publishes_nothing(tmp_path):
    db = tmp_path / "archive.db"
    result = subprocess.run([sys.executable, "-m", "frontdoor", "build", "--db", str(db), "--data", str(tmp_path / "nothing")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "no captures" in result.stderr
    assert not db.exists()
