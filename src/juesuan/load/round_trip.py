"""The YAML that edits an officer's data file in place (`juesuan new`, the workbench): ruamel's round-trip
mode, keeping her comments, key order and quoting, and never re-wrapping her long lines."""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver


class Plain(str):
    """A number or date written exactly as the officer typed it, unquoted (`62.43`, `1.00`, `2025-09-23`): our
    reader keeps every scalar as its text, so the digits she typed are the figure, never a float's rendering."""


def _plain(representer, data: Plain):
    text = str(data)
    return representer.represent_scalar(VersionedResolver().resolve(ScalarNode, text, (True, False)), text)


RoundTripRepresenter.add_representer(Plain, _plain)


def editor() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml
