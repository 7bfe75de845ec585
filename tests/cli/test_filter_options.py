"""The filter options as the command line declares and names them (kzcn/cli/filters.py)."""

from __future__ import annotations

from kzcn.cli.filters import flags


def test_flags_name_the_options_as_typed_the_search_left_out() -> None:
    assert flags("kind") == "--kind"
    assert flags("text", "kind") == "--kind"
    assert flags("kind", "year") == "--kind and --year"
    assert flags("text", "topic", "kind", "year") == "--topic, --kind and --year"
