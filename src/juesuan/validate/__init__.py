"""Validate: turn the plain tree read from YAML into a typed YearData, or list every problem at once."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from ..errors import DataError, Problem
from ..load.yaml_reader import RawDocument, dotted
from .messages import translate
from .model import YearData
from .sanity import sanity

__all__ = ["validate", "YearData"]


def validate(raw: RawDocument, model: type[BaseModel] = YearData):
    """Validate a read document against `model` (the yearly data, or a county's settings);
    raise DataError naming file, line, column and field for each problem."""
    if not isinstance(raw.data, dict):
        raise DataError([Problem(raw.source.file, 1, 1, "", "文件内容应为「项目: 数值」形式的表单", "top level must be a mapping")])
    try:
        data = model.model_validate(raw.data)
    except ValidationError as exc:
        vocabulary = _aliases(model)
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            line, col = raw.source.locate(loc)
            zh, en = translate(error, vocabulary)
            problems.append(Problem(raw.source.file, line, col, dotted(loc), zh, en))
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise DataError(problems) from None
    problems = sanity(data, raw) if isinstance(data, YearData) else []
    if problems:
        raise DataError(problems)
    return data


def _aliases(model: type[BaseModel], seen: frozenset = frozenset(), parent: tuple[str, ...] = ()) -> dict:
    """Every key the data file may use, with the blocks it belongs under (for 'did you mean' and for a key
    written at the wrong level)."""
    if model in seen:
        return {}
    names: dict[str, set[tuple[str, ...]]] = {}
    for field in model.model_fields.values():
        if field.alias:
            names.setdefault(field.alias, set()).add(parent)
        for sub in _submodels(field.annotation):
            for key, parents in _aliases(sub, seen | {model}, parent + ((field.alias,) if field.alias else ())).items():
                names.setdefault(key, set()).update(parents)
    return names


def _submodels(annotation) -> list[type[BaseModel]]:
    found = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in getattr(annotation, "__args__", ()) or ():
        found += _submodels(arg)
    return found
