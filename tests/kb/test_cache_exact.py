"""The parse cache module itself: where the cache lives, what a key covers, entry limits, and storing, reading and
pruning entries, each called directly."""

from __future__ import annotations

import math
import os
import re
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kzcn.parse.files
from builders import fact, knowledge_base, quote, source
from cache_entries import sealed
from kzcn.kb import cache
from kzcn.kb.cache_format import encode
from kzcn.model.records import Fact, KnowledgeBase, Quantity

KEY = "0123456789abcdef" * 4
OTHER_KEY = "fedcba9876543210" * 4


def small_model(statement: str = "The port handled 40 trains.") -> KnowledgeBase:
    trains = fact(
        id="trains",
        statement=statement,
        topics=("transport",),
        entities=("Port",),
        quotes=(quote(text="40 trains"),),
        quantity=Quantity(40, "trains"),
    )
    return knowledge_base(sources=(source(view_count=7, text=None),), facts=(trains,), path="kb.yaml")


def entry_bytes(kb: KnowledgeBase, key: str = KEY) -> bytes:
    """What an entry file holds: the format's first line, the seal of the user's secret, then the encoded
    knowledge base."""
    cache.make_cache_directory(str(cache_directory()))
    return sealed(cache_directory(), key, encode(kb))


def cache_directory() -> Path:
    directory = cache.cache_dir()
    assert directory is not None
    return Path(directory)


def entry_file(key: str = KEY) -> Path:
    return cache_directory() / f"{key}.kzcn-cache"


def listing(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


@pytest.fixture(autouse=True)
def no_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A home that does not exist, so that nothing here can reach the user's cache, whatever XDG_CACHE_HOME says."""
    monkeypatch.setenv("HOME", str(tmp_path / "no-home"))


# Where the cache lives.


def test_the_cache_is_kzcn_inside_an_absolute_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # the base need not exist, only its parent
    assert cache.cache_dir() == str(tmp_path / "xdg" / "kzcn")


def test_an_xdg_cache_home_inside_a_missing_directory_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "missing" / "cache"))
    assert cache.cache_dir() is None


@pytest.mark.parametrize("xdg", [None, ""], ids=["unset", "empty"])
def test_without_xdg_cache_home_the_cache_is_in_the_homes_dot_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME")
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache.cache_dir() == str(tmp_path / "home" / ".cache" / "kzcn")


def test_a_relative_home_is_no_cache_even_where_it_exists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "home").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "home")
    assert cache.cache_dir() is None


def test_without_a_cache_directory_nothing_is_stored_and_nothing_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    assert cache.store(KEY, small_model(), source_size=100) is None
    assert cache.load(KEY, source_size=100) is None
    assert list(tmp_path.iterdir()) == []


# What a key covers.


def make_package(root: Path) -> Path:
    """A package of three modules, with files and folders that are not modules; every mtime set."""
    package = root / "package"
    files = {
        "__init__.py": "",
        "a.py": "x = 1\n",
        "sub/b.py": "yy\n",
        "README.txt": "not a module\n",
        "sub/data.json": "{}\n",
        "__pycache__/a.cpython-311.pyc": "compiled",
        "__pycache__/left_over.py": "not kzcn's source\n",
    }
    for name, content in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        os.utime(path, ns=(1, 1_700_000_000_123_456_789 + len(name)))
    return package


PACKAGE_STAMP = b"\n".join(
    [
        b"__init__.py\x000\x001700000000123456800",
        b"a.py\x006\x001700000000123456793",
        b"sub/b.py\x003\x001700000000123456797",
    ]
)


def test_the_code_stamp_names_each_module_with_its_size_and_modification_time(tmp_path: Path) -> None:
    assert cache.code_stamp(str(make_package(tmp_path))) == PACKAGE_STAMP


def test_the_code_stamp_is_of_kzcns_own_package_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_PACKAGE", str(make_package(tmp_path)))
    monkeypatch.chdir(tmp_path)
    assert cache.code_stamp() == PACKAGE_STAMP


def test_a_symlinked_directory_in_the_package_is_not_walked(tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    (package / "a.py").write_text("x = 1\n", encoding="utf-8")
    os.utime(package / "a.py", ns=(1, 5))
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "c.py").write_text("", encoding="utf-8")
    (package / "linked").symlink_to(tmp_path / "elsewhere")
    (package / "loop").symlink_to(package)
    assert cache.code_stamp(str(package)) == b"a.py\x006\x005"


def test_a_module_name_that_is_not_utf8_is_stamped_byte_for_byte(tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    module = os.path.join(os.fsencode(package), b"caf\xe9.py")
    with open(module, "wb") as handle:
        handle.write(b"x = 1\n")
    os.utime(module, ns=(1, 5))
    assert cache.code_stamp(str(package)) == b"caf\xe9.py\x006\x005"


def test_a_key_is_64_hex_digits_of_the_content_and_the_path_as_given() -> None:
    key = cache.cache_key("kb.yaml", b"facts: []\n")
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert cache.cache_key("kb.yaml", b"facts: []\n") == key
    assert cache.cache_key("kb.yaml", b"facts: [] \n") != key
    assert cache.cache_key("./kb.yaml", b"facts: []\n") != key


def test_a_path_that_is_not_utf8_has_a_key_of_its_own() -> None:
    key = cache.cache_key("caf\udce9.yaml", b"facts: []\n")
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert key != cache.cache_key("caf\udce8.yaml", b"facts: []\n")


def test_the_key_follows_pythons_minor_version_but_not_its_micro_version(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = []
    for version in [(3, 11, 0, "final", 0), (3, 11, 9, "final", 0), (3, 12, 0, "final", 0)]:
        with monkeypatch.context() as patch:
            patch.setattr(sys, "version_info", version)
            keys.append(cache.cache_key("kb.yaml", b""))
    assert keys[0] == keys[1] != keys[2]


def test_the_key_follows_kzcns_version(monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache.cache_key("kb.yaml", b"")
    monkeypatch.setattr(cache, "__version__", "0.0.0+other")
    assert cache.cache_key("kb.yaml", b"") != key


def test_modules_that_cannot_be_listed_give_a_key_no_entry_will_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "_PACKAGE", str(tmp_path / "missing"))
    first, second = cache.cache_key("kb.yaml", b""), cache.cache_key("kb.yaml", b"")
    assert re.fullmatch(r"[0-9a-f]{64}", first) and re.fullmatch(r"[0-9a-f]{64}", second)
    assert first != second


# How large an entry may be.


@pytest.mark.parametrize(
    ("source_size", "limit"),
    [
        (0, 1_048_576),
        (1, 1_048_584),
        (1000, 1_056_576),
        (33_423_359, 268_435_448),
        (33_423_360, 268_435_456),  # 8 bytes a byte and 1 MiB reach 256 MiB here
        (10**9, 268_435_456),
    ],
)
def test_an_entry_may_take_8_bytes_a_source_byte_and_1_mib_up_to_256_mib(source_size: int, limit: int) -> None:
    assert cache.entry_limit(source_size) == limit


# Storing and loading.


def test_a_stored_knowledge_base_is_loaded_back_under_its_key() -> None:
    kb = small_model()
    assert cache.store(KEY, kb, source_size=100) is None
    assert entry_file().read_bytes() == entry_bytes(kb)
    assert listing(cache_directory()) == [f"{KEY}.kzcn-cache", "secret"]
    assert cache.load(KEY, source_size=100) == kb
    assert cache.load(OTHER_KEY, source_size=100) is None


def test_an_entry_of_exactly_the_limit_is_stored_and_read_and_one_a_byte_larger_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kb = small_model()
    size = len(entry_bytes(kb))
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", size)
    cache.store(KEY, kb, source_size=100)
    assert cache.load(KEY, source_size=100) == kb
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", size - 1)
    assert cache.load(KEY, source_size=100) is None
    cache.store(OTHER_KEY, kb, source_size=100)
    assert listing(cache_directory()) == [f"{KEY}.kzcn-cache", "secret"]


def test_an_entry_that_grows_past_its_limit_while_it_is_read_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    kb = small_model()
    cache.store(KEY, kb, source_size=100)
    real = kzcn.parse.files.read_capped

    def grown_meanwhile(handle: Any, expected: int, cap: int) -> bytes:
        # Another process appends after the size was taken; trailing spaces still make valid JSON.
        with open(entry_file(), "ab") as other:
            other.write(b" " * 8)
        return real(handle, expected, cap)

    with monkeypatch.context() as patch:
        patch.setattr(kzcn.parse.files, "read_capped", grown_meanwhile)
        patch.setattr(cache, "MAX_ENTRY_BYTES", len(entry_bytes(kb)))
        assert cache.load(KEY, source_size=100) is None
    assert entry_file().read_bytes() == entry_bytes(kb) + b" " * 8
    assert cache.load(KEY, source_size=100) is None  # within the limit, but no longer what its seal vouches for


def test_a_symlink_to_a_good_entry_is_not_followed(tmp_path: Path) -> None:
    kb = small_model()
    target = tmp_path / "good-entry"
    target.write_bytes(entry_bytes(kb))
    entry_file().symlink_to(target)
    assert cache.load(KEY, source_size=100) is None


def test_a_fifo_holding_a_good_entry_is_refused() -> None:
    cache_directory().mkdir(parents=True)
    os.mkfifo(entry_file())
    # Read and write ends in one descriptor: the open does not wait, and the entry waits in the pipe.
    writer = os.open(entry_file(), os.O_RDWR | os.O_NONBLOCK)
    try:
        os.write(writer, entry_bytes(small_model()))
        assert cache.load(KEY, source_size=100) is None
    finally:
        os.close(writer)


def test_a_fifo_without_a_writer_is_refused_without_waiting_for_one() -> None:
    cache_directory().mkdir(parents=True)
    os.mkfifo(entry_file())
    waited: list[bool] = []

    def writer_arrives() -> None:
        # Opening the write end without waiting succeeds only while a reader has the FIFO open: one that waits.
        try:
            descriptor = os.open(entry_file(), os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return
        waited.append(True)
        os.close(descriptor)

    rescue = threading.Timer(3.0, writer_arrives)
    rescue.start()
    try:
        assert cache.load(KEY, source_size=100) is None
    finally:
        rescue.cancel()
        rescue.join()
    assert waited == []


@pytest.mark.parametrize("flag", ["O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC"])
def test_entries_are_read_where_the_platform_lacks_an_open_flag(flag: str, monkeypatch: pytest.MonkeyPatch) -> None:
    kb = small_model()
    cache.store(KEY, kb, source_size=100)
    with monkeypatch.context() as patch:
        patch.delattr(os, flag)  # as on Windows
        assert cache.load(KEY, source_size=100) == kb


def test_storing_and_loading_raise_no_warnings() -> None:
    kb = small_model()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cache.store(KEY, kb, source_size=100)
        assert cache.load(KEY, source_size=100) == kb


def test_an_entry_is_written_in_the_cache_directory_whatever_tmpdir_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-directory"))
    kb = small_model()
    cache.store(KEY, kb, source_size=100)
    assert cache.load(KEY, source_size=100) == kb


def test_an_entry_is_written_as_a_hidden_temporary_file_beside_it_then_renamed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[str, str, list[str]]] = []
    real_replace = os.replace

    def replace(source: Any, target: Any) -> None:
        seen.append((os.path.dirname(source), os.path.basename(source), listing(cache_directory())))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    cache.store(KEY, small_model(), source_size=100)
    [(directory, name, files)] = seen
    assert directory == str(cache_directory())
    assert re.fullmatch(r"\.tmp-[a-z0-9_]+\.kzcn-cache", name)
    assert files == sorted([name, "secret"])
    assert listing(cache_directory()) == [f"{KEY}.kzcn-cache", "secret"]


def test_a_directory_in_the_place_of_an_entry_is_left_alone_and_no_temporary_file_remains() -> None:
    entry_file().mkdir(parents=True)
    assert cache.store(KEY, small_model(), source_size=100) is None
    assert listing(cache_directory()) == [f"{KEY}.kzcn-cache", "secret"]
    assert list(entry_file().iterdir()) == []
    assert cache.load(KEY, source_size=100) is None


def test_a_knowledge_base_with_a_non_finite_amount_is_not_cached() -> None:
    kb = small_model()
    fact = Fact(**{**vars(kb.facts[0]), "quantity": Quantity(math.inf, "trains")})
    assert cache.store(KEY, KnowledgeBase(kb.sources, (fact,), path="kb.yaml"), source_size=100) is None
    assert not cache_directory().exists()


# The cache directory.


def test_the_cache_base_and_kzcn_in_it_are_made_private(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        cache.make_cache_directory(tmp_path / "base" / "kzcn")
        cache.make_cache_directory(tmp_path / "base" / "kzcn")  # and again: both exist by now
    finally:
        os.umask(previous)
    assert (tmp_path / "base").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "base" / "kzcn").stat().st_mode & 0o777 == 0o700


def test_a_missing_directory_above_the_cache_base_is_never_made(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        cache.make_cache_directory(tmp_path / "missing" / "base" / "kzcn")
    assert list(tmp_path.iterdir()) == []


# Pruning.


def old_entries(directory: Path, count: int) -> list[str]:
    """`count` entries named as kzcn names them, the first the oldest."""
    directory.mkdir(parents=True, exist_ok=True)
    names = [f"{number:064x}.kzcn-cache" for number in range(count)]
    for number, name in enumerate(names):
        (directory / name).write_bytes(b"an old entry")
        os.utime(directory / name, ns=(1, (1_000_000 + number) * 10**9))
    return names


def test_storing_a_seventeenth_entry_removes_the_oldest() -> None:
    names = old_entries(cache_directory(), 16)
    cache.store(KEY, small_model(), source_size=100)
    assert listing(cache_directory()) == sorted([*names[1:], f"{KEY}.kzcn-cache", "secret"])


def test_a_symlink_named_like_an_entry_is_neither_counted_nor_removed(tmp_path: Path) -> None:
    names = old_entries(cache_directory(), 15)
    (tmp_path / "target").write_bytes(b"someone else's file")
    (cache_directory() / f"{OTHER_KEY}.kzcn-cache").symlink_to(tmp_path / "target")
    cache.store(KEY, small_model(), source_size=100)
    assert listing(cache_directory()) == sorted([*names, f"{KEY}.kzcn-cache", f"{OTHER_KEY}.kzcn-cache", "secret"])


def test_entries_another_process_removes_while_this_one_prunes_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    directory = cache_directory()
    names = old_entries(directory, 17)
    real_scandir = os.scandir

    class Racing:
        """The directory's listing, while another process removes one entry before it is looked at, and the
        oldest one after the listing, before this process removes it."""

        def __init__(self, path: Any) -> None:
            self.listing = real_scandir(path)

        def __enter__(self) -> Iterator[Any]:
            return self.entries()

        def entries(self) -> Iterator[Any]:
            for entry in self.listing:
                if entry.name == names[5]:
                    os.unlink(entry.path)
                yield entry

        def __exit__(self, *_: object) -> None:
            self.listing.close()
            os.unlink(directory / names[0])

    def scandir(path: Any) -> Any:
        return Racing(path) if Path(path) == directory else real_scandir(path)

    with monkeypatch.context() as patch:
        patch.setattr(os, "scandir", scandir)
        assert cache.store(KEY, small_model(), source_size=100) is None
    assert listing(directory) == sorted([*names[1:5], *names[6:], f"{KEY}.kzcn-cache", "secret"])
