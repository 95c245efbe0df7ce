"""The YAML that edits an officer's data file in place (`juesuan new`, the workbench): ruamel's round-trip
mode, keeping her comments, key order and quoting, and never re-wrapping her long lines."""

from __future__ import annotations

from ruamel.yaml import YAML


def editor() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml
