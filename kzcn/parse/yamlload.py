"""A knowledge base's YAML, read safely: parser events to plain data with positions, within limits of depth, aliases
and problems (reading the file: files.py; its UTF-8: utf8.py)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from kzcn.errors import KnowledgeBaseError, Problem
from kzcn.parse.positions import Positions, entry_index, line_of, packed, unpacked

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Any, NoReturn

    from kzcn.parse.positions import Position

MAX_DEPTH = 64
"""Deeper nesting is refused: the schema needs five levels, and deep nesting only serves attacks."""

MAX_ALIAS_EXPANSION = 100_000
"""Values that aliases may add beyond the document's own nodes: bounds a "billion laughs" document."""

MAX_PROBLEMS = 50
"""Problems listed before the rest are counted in one line, so a broken file cannot flood a terminal."""

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {None, "!", _TAG + "map", _TAG + "seq"}
_STR, _MERGE = _TAG + "str", _TAG + "merge"  # made once: each scalar compares its tag with them


@dataclass
class LoadedYaml:
    """A parsed document: plain Python data and, for every container, where each of its values stands."""

    data: Any
    """The document: dicts, lists, str, int, float, bool, None, date and datetime."""
    positions: Positions
    """Where each container's keys, values and items stand (kzcn/parse/positions.py)."""
    root: Position = (1, 1, None)
    """Where the document's top value starts."""


def parse(path: str, text: str | bytes, *, libyaml: bool = True) -> LoadedYaml:
    """The one YAML document in `text` as plain data, by safe loading only; every problem found is raised at once.

    The parser's events come from libyaml where PyYAML has it, else (or with libyaml=False) from PyYAML's own
    pure-Python parser; kzcn composes both alike, with positions, limits and duplicate-key checks. `text` may be
    UTF-8 bytes checked by kzcn.parse.utf8.checked_utf8: libyaml reads them as they are (given a str, PyYAML
    encodes it to UTF-8 for libyaml first), so a large file is never held as text as well."""
    import yaml

    return _Composer(path, yaml).compose(text, libyaml=libyaml)


class _Stop(Exception):
    """Parsing cannot go on (a syntax error, too deep, too large): report what was found so far."""


class _Frame:
    """A mapping or list being built: what is in it so far, and what its closing event needs."""

    __slots__ = ("anchor", "container", "key", "key_at", "key_text", "marks", "position", "size", "texts")

    def __init__(self, container: Any, anchor: str | None, position: int) -> None:
        self.container = container
        """The dict or list itself."""
        self.marks: list[int] = []
        """Its positions, packed (positions.packed): a key's and its value's per mapping entry, one per list item."""
        self.texts: dict[int, str] | None = None
        """The source text of the positions (by place in `marks`) of scalars read as something other than text."""
        self.key: Any = _NO_KEY
        """A mapping's key read and waiting for its value, else _NO_KEY."""
        self.key_at = position
        """Where that pending key stands, packed; the container's own start until there is one."""
        self.key_text: str | None = None
        """The pending key's source text, where YAML read it as something other than text."""
        self.anchor = anchor
        """The anchor the container defines, if any, recorded when it closes."""
        self.size = 1
        """Nodes in and under it, itself included: what an alias to it adds towards MAX_ALIAS_EXPANSION."""
        self.position = position
        """Where the container starts, packed."""

    def keep_text(self, place: int, text: str) -> None:
        """The source text of the position at `place` in `marks`."""
        self.texts = self.texts or {}
        self.texts[place] = text


class _Composer:
    """Builds plain data from parser events with an explicit stack, so no input can exhaust the C stack."""

    def __init__(self, path: str, yaml: Any) -> None:
        self.path = path
        self.yaml = yaml
        self.problems: list[Problem] = []
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.positions = Positions()
        self.anchors: dict[str, tuple[Any, int]] = {}
        """Each anchor defined so far: its value and its size in nodes."""
        self.expansion = 0
        """The nodes aliases have repeated so far, bounded by MAX_ALIAS_EXPANSION."""
        self.tags: dict[tuple[str, Any], str] = {}
        """The tag each plain scalar resolved to, by its text and style."""

    def compose(self, text: str | bytes, *, libyaml: bool = True) -> LoadedYaml:
        yaml = self.yaml
        # Both loaders emit the same events for the same document; resolution and construction below are ours, so
        # results are identical. (Where the two parsers disagree on the document itself, tests/parse/
        # test_event_sources.py lists the cases.)
        loader = (getattr(yaml, "CSafeLoader", None) if libyaml else None) or yaml.SafeLoader
        if isinstance(text, bytes) and loader is yaml.SafeLoader:
            text = text.decode("utf-8")  # PyYAML's own reader would guess the encoding of bytes: they are UTF-8
        parser = loader(text)
        try:
            # Events straight from the parser, which gives None after the last: yaml.parse wraps the same calls in a
            # generator and asks check_event() before each (a cold parse of 30,000 facts 0.1 s slower).
            result = self._build(iter(parser.get_event, None))
        except _Stop:
            result = None
        except yaml.YAMLError as error:
            self._syntax_problem(error)
            result = None
        finally:
            parser.dispose()
        if self.problems or result is None:
            raise KnowledgeBaseError(cap_problems(self.problems))
        return result

    def _build(self, events: Any) -> LoadedYaml | None:
        yaml = self.yaml
        # Scalars are most of the events: they are handled here, with everything local; the rarer events each have
        # a method of their own.
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        document_start = yaml.DocumentStartEvent

        positions, tags = self.positions, self.tags
        anchors = self.anchors
        stack: list[_Frame] = []
        documents = 0
        root: tuple[Any, int, str | None] | None = None  # the value, where it stands (packed), its source text

        for event in events:
            kind = type(event)
            if kind is scalar_event or kind is alias_event:
                mark = event.start_mark
                at = packed(mark.line + 1, mark.column + 1)
                if kind is scalar_event:
                    # Most scalars are text whose tag was resolved before (see _scalar): taken here, no call made.
                    value, text = event.value, None
                    if event.tag is not None or tags.get((value, event.implicit)) != _STR:
                        value, text = self._scalar(event, at)
                    size = 1
                    if event.anchor is not None:
                        anchors[event.anchor] = (value, 1)
                else:
                    (value, size), text = self._alias(event.anchor, at), None
                if not stack:
                    root = (value, at, text)
                else:
                    self._add(stack[-1], value, at, text, size)
            elif kind is mapping_start or kind is sequence_start:
                stack.append(self._open(event, mapping=kind is mapping_start, depth=len(stack)))
            elif kind in collection_end:
                frame = stack.pop()
                container, size, position = frame.container, frame.size, frame.position
                positions.add(container, frame.marks, frame.texts)
                if frame.anchor is not None:
                    anchors[frame.anchor] = (container, size)
                if not stack:
                    root = (container, position, None)
                else:
                    self._add(stack[-1], container, position, None, size)
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    self._second_document(event)
        if root is None:
            self.problems.append(Problem(self.path, "holds no YAML document (only comments or blank lines?)"))
            return None
        return LoadedYaml(root[0], positions, (*unpacked(root[1]), root[2]))

    def _alias(self, anchor: str, position: int) -> tuple[Any, int]:
        """The value an alias repeats and its size in nodes; _Stop for an unknown anchor, or when aliases have
        expanded past MAX_ALIAS_EXPANSION."""
        if anchor not in self.anchors:
            self._problem(position, f"alias *{anchor} names no anchor defined before it")
            raise _Stop
        value, size = self.anchors[anchor]
        self.expansion += size
        if self.expansion > MAX_ALIAS_EXPANSION:
            self._problem(
                position,
                f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values "
                "(a 'billion laughs' document?); write the values out instead",
            )
            raise _Stop
        return value, size

    def _open(self, event: Any, *, mapping: bool, depth: int) -> _Frame:
        """A mapping or list that starts; _Stop past MAX_DEPTH."""
        mark = event.start_mark
        position = packed(mark.line + 1, mark.column + 1)
        if event.tag not in _COLLECTION_TAGS:
            self._problem(position, f"tag {event.tag} is not allowed; kzcn reads plain mappings and lists only")
        if depth >= MAX_DEPTH:
            self._problem(position, f"nested deeper than {MAX_DEPTH} levels; a knowledge base needs far fewer")
            raise _Stop
        return _Frame({} if mapping else [], event.anchor, position)

    def _second_document(self, event: Any) -> NoReturn:
        """_Stop at the start of a second document: a knowledge base is one."""
        mark = event.start_mark
        self._problem(
            packed(mark.line + 1, mark.column + 1),
            "a second YAML document starts here; a knowledge base is one document",
        )
        raise _Stop

    def _add(self, frame: _Frame, value: Any, at: int, text: str | None, size: int) -> None:
        """The value read at `at` (packed; `text`: its source text where YAML read it as something other than
        text) goes into the container being built: a list's next item, a mapping's pending key or its value."""
        frame.size += size
        container = frame.container
        marks = frame.marks
        if isinstance(container, list):
            container.append(value)
            if text is not None:
                frame.keep_text(len(marks), text)
            marks.append(at)
            return
        if frame.key is _NO_KEY:
            if isinstance(value, (dict, list)):
                self._problem(at, "a mapping key must be a plain value, not a list or mapping")
                value = f"<invalid key at line {line_of(at)}>"
            elif value == "<<" and text == "<<":
                self._problem(at, "merge keys (<<) are not supported; write the fields out")
            frame.key, frame.key_at, frame.key_text = value, at, text
            return
        key = frame.key
        frame.key = _NO_KEY
        if key in container:
            first = line_of(marks[2 * entry_index(container, key)])
            self._problem(
                frame.key_at,
                f"duplicate key {shown(key)}: it is already set at line {first}; a key may appear once per mapping",
            )
            return
        container[key] = value
        if frame.key_text is not None:
            frame.keep_text(len(marks), frame.key_text)
        if text is not None:
            frame.keep_text(len(marks) + 1, text)
        marks.append(frame.key_at)
        marks.append(at)

    def _scalar(self, event: Any, at: int) -> tuple[Any, str | None]:
        """The scalar's value, and its source text where YAML reads it as something other than text."""
        value = event.value
        tag = event.tag
        if tag is None or tag == "!":
            # Resolution depends on the text and its style alone, and most plain scalars repeat (kinds, topics,
            # units): each is resolved once (a cold parse 9% faster at 10,000 facts).
            key = (value, event.implicit)
            tag = self.tags.get(key)
            if tag is None:
                tag = self.tags[key] = self.resolver.resolve(self.yaml.ScalarNode, value, event.implicit)
        elif tag not in _SCALAR_TAGS:
            self._problem(at, f"tag {tag} is not allowed; kzcn never constructs objects from tags")
            return value, None
        if tag == _STR:
            return value, None
        if tag == _MERGE:
            return "<<", value
        node = self.yaml.ScalarNode(tag, value)
        try:
            return self.constructor.construct_object(node), value
        except (self.yaml.YAMLError, ValueError, TypeError, OverflowError, KeyError) as error:
            self._problem(
                at,
                f"cannot read {shortened(value)!r} as {tag.rsplit(':', 1)[-1]}: {error}; quote it to keep it as text",
            )
            return value, None

    def _problem(self, at: int, message: str) -> None:
        line, column = unpacked(at)
        self.problems.append(Problem(self.path, message, line, column))

    def _syntax_problem(self, error: Any) -> None:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        message = " ".join(part for part in (getattr(error, "context", None), getattr(error, "problem", None)) if part)
        message = f"YAML syntax error: {message or error}"
        if mark is not None:
            self.problems.append(Problem(self.path, message, mark.line + 1, mark.column + 1))
        else:
            self.problems.append(Problem(self.path, message.splitlines()[0]))


def shortened(text: str) -> str:
    """The text, or its start, end and length when it is longer than 40 characters."""
    return text if len(text) <= 40 else f"{text[:20]}...{text[-10:]} ({len(text):,} characters)"


def integer_text(value: int) -> str:
    """The integer in decimal: shortened past 40 digits, and described past Python's integer-string limit."""
    try:
        digits = str(value)
    except ValueError:
        # Python refuses to print an integer of more than sys.get_int_max_str_digits() digits (4,300 by default),
        # and YAML reads 0x..., 0b... and 1:2:3 integers of any length without that check.
        return f"of more than {sys.get_int_max_str_digits():,} digits"
    return digits if len(digits) <= 40 else f"{digits[:20]}... ({len(digits):,} digits)"


def shown(value: object) -> str:
    """repr(value) for a message; an integer goes through integer_text, since repr of a huge one raises."""
    if isinstance(value, int) and not isinstance(value, bool):
        text = integer_text(value)
        return text if text[0] in "-0123456789" else f"integer {text}"
    return repr(value)


def cap_problems(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS problems, and one closing line that counts the rest."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem(problems[0].file, f"... and {rest} more problems")]


_NO_KEY = object()
