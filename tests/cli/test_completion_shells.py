"""Completion in real interactive shells (bash, zsh, fish) under a pseudo-terminal: what Tab inserts runs as one word.

Each test starts the shell with its completion script loaded, types a command, presses Tab, then Enter. `kzcn` is a
shell function there that prints each argument it gets as `<arg>`, while completion (`env ... kzcn`, as every
script Typer writes calls it) reaches the real kzcn through PATH. A shell that is not installed is skipped here and
fails in CI (CI=true), where .ci/run installs it.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from builders import dump, listing, small_kb
from kzcn.cli.completion import bash_word, zsh_word

SHELLS = ("bash", "zsh", "fish")
AWKWARD_ENTITIES = ("Pacific Ocean", "Cote d'Ivoire", 'Rock & "Roll" $HOME')


def needs(shell: str) -> None:
    """Skip without the shell here; in CI a missing shell is a failure, never a silent skip."""
    if shutil.which(shell) is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{shell} is not installed; .ci/run installs it (apt-get install -y zsh fish)")
        pytest.skip(f"{shell} is not installed")


@pytest.fixture
def awkward_kb(write_kb: object, tmp_path: Path) -> Path:
    data = small_kb()
    listing(data["facts"][0], "Cote d'Ivoire")
    listing(data["facts"][1], "Pacific Ocean", 'Rock & "Roll" $HOME')
    path = tmp_path / "awkward.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


class Terminal:
    """An interactive shell on a pseudo-terminal, 200 columns wide so no line wraps."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the shell
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        self.output = b""

    def wait_for(self, token: bytes, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while token not in self.output and time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:
                    break
        return token in self.output

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def close(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def start_shell(shell: str, tmp_path: Path, kb: Path) -> Terminal:
    """`shell`, interactive, with no user configuration, kzcn's completion script loaded and the printing `kzcn`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "kzcn"
    wrapper.write_text(f'#!/bin/sh\nexec {sys.executable} -m kzcn "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KZCN", "BASH_", "PS1", "ZDOTDIR"))}
    env.update(
        KZCN_FACTS=str(kb),
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(tmp_path),
        TERM="xterm",
        LANG="C.UTF-8",
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    script = subprocess.run(
        [str(wrapper)], capture_output=True, text=True, env={**env, "_KZCN_COMPLETE": f"source_{shell}"}, check=True
    ).stdout
    (tmp_path / f"kzcn.{shell}").write_text(script, encoding="utf-8")
    printing = "printf '<%s>\\n' \"$@\"; echo END-OF-ARGS"
    if shell == "bash":
        rc = tmp_path / "bashrc"
        rc.write_text(f"PS1='READY> '\nsource {tmp_path}/kzcn.bash\nkzcn() {{ {printing}; }}\n", encoding="utf-8")
        argv = ["bash", "--noprofile", "--rcfile", str(rc), "-i"]
    elif shell == "zsh":
        (tmp_path / ".zshrc").write_text(
            f"PS1='READY> '\nautoload -Uz compinit && compinit -u\nsource {tmp_path}/kzcn.zsh\n"
            f"kzcn() {{ {printing}; }}\n",
            encoding="utf-8",
        )
        env["ZDOTDIR"] = str(tmp_path)
        argv = ["zsh", "-i"]
    else:
        init = (
            f"function fish_prompt; echo -n 'READY> '; end; source {tmp_path}/kzcn.fish; "
            "function kzcn; printf '<%s>\\n' $argv; echo END-OF-ARGS; end"
        )
        argv = ["fish", "--no-config", "-i", "-C", init]
    return Terminal(argv, env)


def arguments_after_tab(shell: str, tmp_path: Path, kb: Path, typed: str, shown: str) -> list[str]:
    """What `kzcn` receives after `typed`, Tab (waiting until `shown` appears), and Enter."""
    terminal = start_shell(shell, tmp_path, kb)
    try:
        assert terminal.wait_for(b"READY> "), terminal.output[-2000:]
        terminal.type(typed + "\t")
        assert terminal.wait_for(shown.encode()), f"Tab completed nothing: {terminal.output[-2000:]!r}"
        terminal.type("\r")
        assert terminal.wait_for(b"END-OF-ARGS\r\n"), terminal.output[-2000:]
    finally:
        terminal.close()
    text = ANSI.sub("", terminal.output.decode("utf-8", errors="replace")).replace("\r", "")
    return re.findall(r"^<(.*)>$", text.partition("END-OF-ARGS")[0], flags=re.M)


ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>])")
"""Terminal control sequences: what the shells' line editors write besides text."""


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    ("typed", "entity"),
    [("Pac", "Pacific Ocean"), ("Cot", "Cote d'Ivoire"), ("Roc", 'Rock & "Roll" $HOME')],
    ids=["space", "apostrophe", "quotes-ampersand-dollar"],
)
def test_tab_inserts_a_multi_word_value_as_one_argument(
    shell: str, typed: str, entity: str, tmp_path: Path, awkward_kb: Path
) -> None:
    needs(shell)
    # The line editor shows the inserted value escaped or quoted; its last word's letters appear either way.
    shown = re.findall(r"\w+", entity)[-1]
    received = arguments_after_tab(shell, tmp_path, awkward_kb, f"kzcn facts --entity {typed}", shown)
    assert received == ["facts", "--entity", entity]


@pytest.mark.parametrize("shell", SHELLS)
def test_tab_still_completes_an_option_with_its_help(shell: str, tmp_path: Path, awkward_kb: Path) -> None:
    needs(shell)
    assert arguments_after_tab(shell, tmp_path, awkward_kb, "kzcn facts --enti", "entity") == ["facts", "--entity"]


@pytest.mark.parametrize("value", [*AWKWARD_ENTITIES, "a\\b", "x:y", "tab\there", "~home", "*.yaml", "Côte"])
def test_bash_word_reads_back_as_the_value(value: str) -> None:
    needs("bash")
    read = subprocess.run(["bash", "-c", f"printf '<%s>' {bash_word(value)}"], capture_output=True, text=True)
    assert read.stdout == f"<{value}>"


def test_zsh_word_quotes_each_layer_of_the_completion_spec() -> None:
    """Inside the single-quoted spec an apostrophe closes, escapes and reopens; inside an entry's double quotes
    ", $, ` and backslash are escaped; a colon, which would start the description, is escaped for _arguments."""
    assert zsh_word("Pacific Ocean") == '"Pacific Ocean"'
    assert zsh_word("Cote d'Ivoire") == "\"Cote d'\\''Ivoire\""
    assert zsh_word('Rock & "Roll" $HOME `x`') == '"Rock & \\"Roll\\" \\$HOME \\`x\\`"'
    assert zsh_word("x:y") == '"x\\\\:y"'
