"""Files kzcn writes for a user (`export sqlite`, `--output`): an existing name is never taken without --force, and a
new file gets the permissions the user's umask gives any other."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Sets the process's umask for one test, and restores it after."""
    before = os.umask(0o022)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(before)


def test_a_symbolic_link_whose_file_is_gone_is_replaced_only_with_force(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "kb.sqlite"
    target.symlink_to(tmp_path / "moved-away.sqlite")
    result = cli("export", "sqlite", str(target))
    assert (result.exit_code, result.stderr) == (2, f"kzcn: {target} exists; add --force to replace it\n")
    assert os.readlink(target) == str(tmp_path / "moved-away.sqlite")
    output = cli("facts", "--json", "--output", str(target))
    assert (output.exit_code, output.stderr) == (2, f"kzcn: {target} exists; add --force to replace it\n")
    assert target.is_symlink()
    assert cli("export", "sqlite", str(target), "--force").exit_code == 0
    assert not target.is_symlink()
    assert sqlite3.connect(target).execute("SELECT count(*) FROM sources").fetchone()[0] > 0


@pytest.mark.parametrize(
    ("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)], ids=["umask-022", "umask-077", "umask-002"]
)
def test_a_written_file_has_the_mode_the_umask_gives(
    cli: Run, tmp_path: Path, umask: Callable[[int], None], mask: int, mode: int
) -> None:
    umask(mask)
    database, listing = tmp_path / "kb.sqlite", tmp_path / "facts.json"
    assert cli("export", "sqlite", str(database)).exit_code == 0
    assert cli("facts", "--json", "--output", str(listing)).exit_code == 0
    assert [stat.S_IMODE(path.stat().st_mode) for path in (database, listing)] == [mode, mode]


# -- issue 20: files that cannot be lost ----------------------------------------------------------------------------

NOT_REGULAR = "is not a regular file (a device, FIFO, socket or system file); kzcn writes regular files only"


@pytest.mark.parametrize("target", ["/dev/null", "/dev/stdout", "/proc/self/fd/1", "fifo"])
def test_devices_fifos_and_standard_streams_are_never_written_even_with_force(
    cli: Run, tmp_path: Path, target: str
) -> None:
    # Case 6: as root, `-o /dev/null --force` replaced the device with a regular file.
    if target == "fifo":
        target = str(tmp_path / "fifo")
        os.mkfifo(target)
    before = os.lstat(target)
    for command in (["facts", "--json", "--output", target, "--force"], ["export", "sqlite", target, "--force"]):
        result = cli(*command)
        what = "database file" if command[0] == "export" else "file"
        assert (result.exit_code, result.stdout, result.stderr) == (
            2,
            "",
            f"kzcn: {target} {NOT_REGULAR}, so name a {what} to write\n",
        )
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_a_dash_means_stdout_for_output_and_no_file_for_a_database(cli: Run, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    assert cli("revenue", "--json", "-o", "-").stdout == cli("revenue", "--json").stdout
    result = cli("export", "sqlite", "-")
    assert (result.exit_code, result.stderr) == (
        2,
        "kzcn: '-' (stdout) cannot take a database file; name the database file to write\n",
    )
    empty = cli("revenue", "--json", "-o", "")
    assert (empty.exit_code, empty.stderr) == (2, "kzcn: the file name is empty; name the file to write\n")
    assert set(os.listdir(tmp_path)) <= {"cache"}  # no file named "-" (case 9) nor any other


def test_a_file_that_appears_while_writing_is_kept_without_force(tmp_path: Path) -> None:
    # Case 7: the existence check came before the work and the rename after, so a file created meanwhile was
    # silently replaced, exit 0.
    from kzcn.export.files import OutputFileError, replacing

    target = tmp_path / "out.json"
    with pytest.raises(OutputFileError) as caught, replacing(str(target)) as temporary:
        Path(temporary).write_text("kzcn's\n")
        target.write_text("theirs\n")  # another program creates the file while kzcn works
    assert (
        str(caught.value)
        == f"{target} appeared while kzcn was writing it and was left as it is; add --force to replace it"
    )
    assert target.read_text() == "theirs\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.json"]
    with replacing(str(target), force=True) as temporary:
        Path(temporary).write_text("kzcn's\n")
    assert target.read_text() == "kzcn's\n"
    new = tmp_path / "new.json"
    with replacing(str(new)) as temporary:
        Path(temporary).write_text("new\n")
    assert (new.read_text(), new.stat().st_nlink) == ("new\n", 1)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new.json", "out.json"]


def test_without_hard_links_the_new_name_is_still_created_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzcn.export.files import OutputFileError, replacing

    def no_links(*_: Any) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    new = tmp_path / "new.json"
    with replacing(str(new)) as temporary:
        Path(temporary).write_text("new\n")
    assert new.read_text() == "new\n"
    with pytest.raises(OutputFileError, match="appeared while kzcn was writing it"), replacing(str(new)) as temporary:
        Path(temporary).write_text("second\n")
    assert new.read_text() == "new\n"
    assert [path.name for path in tmp_path.iterdir()] == ["new.json"]


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_a_termination_signal_while_exporting_leaves_nothing_behind(tmp_path: Path, signal_name: str) -> None:
    # Case 9: SIGTERM during `export sqlite` left a 5 MB .kzcn-XXXX.sqlite behind (Ctrl-C cleaned up).
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import os, sys, time\n"
        "from kzcn.export.files import replacing\n"
        "with replacing(sys.argv[1]) as temporary:\n"
        "    open(temporary, 'w').write('partial')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(30)\n"
    )
    target = tmp_path / "kb.sqlite"
    child = subprocess.Popen([sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"
    assert len(list(tmp_path.iterdir())) == 1  # the temporary file
    number = getattr(signal, signal_name)
    child.send_signal(number)
    started = time.monotonic()
    assert child.wait(timeout=20) == -number  # ended by the signal, as without kzcn's cleanup
    assert time.monotonic() - started < 20
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("target", "message"), [
    ("", "kzcn: the file name is empty; name the knowledge base to create\n"),
    ("/dev/kzcn-new.yaml", "kzcn: /dev/kzcn-new.yaml is under /dev, /proc or /sys; kzcn init writes regular files only\n"),
])  # fmt: skip
def test_init_writes_no_empty_name_and_nothing_under_dev(cli: Run, target: str, message: str) -> None:
    # The adversarial round of issue 20: `init /dev/newinit.yaml` made a file in /dev; `init ''` exited 74.
    result = cli("init", target)
    assert (result.exit_code, result.stderr) == (2, message)
    assert not os.path.exists("/dev/kzcn-new.yaml")


def test_init_and_export_sqlite_say_what_they_wrote(cli: Run, tmp_path: Path) -> None:
    # Issue 23, item 9: both printed nothing on success, while -o says "wrote".
    made = tmp_path / "new.yaml"
    result = cli("init", str(made))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"kzcn: wrote {made}; kzcn --facts {made} check verifies it\n",
    )
    database = tmp_path / "kb.sqlite"
    exported = cli("--facts", str(made), "export", "sqlite", str(database))
    assert (exported.exit_code, exported.stdout, exported.stderr) == (0, "", f"kzcn: wrote {database}\n")
