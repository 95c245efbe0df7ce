"""Read a data file for editing and write it back as the officer left it: ruamel's round-trip mode keeps her
comments, key order and quoting; the file is replaced atomically, and only when the result still reads."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from ..errors import DataError, JuesuanError
from ..load.round_trip import editor
from ..load.yaml_reader import read_yaml
from ..write.atomic import write_atomic


def load_for_edit(path: Path) -> CommentedMap:
    try:
        doc = editor().load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise JuesuanError(f"无法保存：数据文件 {path} 读不出来（{exc}）") from exc
    if not isinstance(doc, CommentedMap):
        raise JuesuanError(f"无法保存：数据文件 {path} 不是「名称: 内容」的形式")
    return doc


def save_edited(path: Path, doc: CommentedMap) -> None:
    out = io.StringIO()
    editor().dump(doc, out)
    content = out.getvalue().encode("utf-8")
    probe = path.with_name(f".{path.name}.check")          # never write what the next build could not read
    try:
        probe.write_bytes(content)
        read_yaml(probe)
    except DataError as exc:
        raise JuesuanError("无法保存：保存后的文件读不出来（" + exc.problems[0].message + "）") from exc
    finally:
        probe.unlink(missing_ok=True)
    write_atomic(path, content)
