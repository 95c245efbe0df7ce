"""Refuse an override that names a block its parent does not have.

Jinja silently ignores a block the extended template never defines: a county that writes
``{% block s07_three_publc %}`` would publish the default section unchanged and never know. Before
rendering, every template that overrides one of the default layout's and extends another is read, and
each of its blocks must exist somewhere up its chain of parents; otherwise a TemplateError names the file, the line, and the
nearest block name.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Sequence

from jinja2 import nodes

from ..errors import TemplateError


def check_blocks(env, folders: Sequence[Path]) -> None:
    """Check each template that overrides one of the default layout's (the last folder, complete) from an
    earlier folder. Only the default's own names are looked up, so a layout folder is never walked: a
    layout named "/" costs as little as any other."""
    default = Path(list(folders)[-1])
    for path in sorted(default.rglob("*.j2")):
        name = path.relative_to(default).as_posix()
        index = env.loader.where(name)[0]
        if index < len(folders) - 1:
            _check(env, name, Path(folders[index]) / name)


def _check(env, name: str, path: Path) -> None:
    tree = env.parse(*env.loader.get_source(env, name)[:2])
    parent = next(iter(tree.find_all(nodes.Extends)), None)
    if parent is None or not isinstance(parent.template, nodes.Const):
        return
    known = _blocks(env, env.join_path(parent.template.value, name), set())
    for block in _outermost(tree):
        if block.name not in known:
            near = difflib.get_close_matches(block.name, sorted(known), n=1, cutoff=0.6)
            hint = f"是否想写「{near[0]}」？" if near else f"可用的块有：{'、'.join(sorted(known))}"
            raise TemplateError(f"{path}:{block.lineno}：所继承的模板「{parent.template.value}」中没有名为"
                                f"「{block.name}」的块，这一段不会印出。{hint}")


def _outermost(node):
    """The blocks of an extending template that replace its parent's (those nested in them are new)."""
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Block):
            yield child
        else:
            yield from _outermost(child)


def _blocks(env, name: str, seen: set[str]) -> set[str]:
    """Every block a template and the templates it extends define."""
    if name in seen:
        return set()
    seen.add(name)
    source, filename = env.loader.get_source(env, name)[:2]
    tree = env.parse(source, name, filename)
    found = {block.name for block in tree.find_all(nodes.Block)}
    for parent in tree.find_all(nodes.Extends):
        if isinstance(parent.template, nodes.Const):
            found |= _blocks(env, env.join_path(parent.template.value, name), seen)
    return found
