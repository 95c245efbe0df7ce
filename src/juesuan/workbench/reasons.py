"""The reasons an officer writes beside their figures: what the document says at each place, whether a reason is
required there, last year's as a suggestion, and saving hers into the data file.

The data file stays the source of truth: a reason is written into its 变动原因 or 预决算差异原因 block with
ruamel's round-trip mode, so her comments, key order and quoting stay as they were, and the file is replaced
atomically. Saving an empty text removes the entry (the document then says less, and `check` says whether it may).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ..check.command import context_for
from ..check.config import load_config
from ..check.rules.narrative import BUDGET_REASONS, PENDING, REASONS, ReasonSlot, reason_slots
from ..errors import JuesuanError
from ..inputs import Options, load
from ..tables.labels import norm
from .yamlfile import load_for_edit, save_edited

MAX_REASON = 500                    # characters: a reason is a clause or two, never a page


@dataclass(frozen=True)
class Reason:
    slot: ReasonSlot
    suggestion: str                 # last year's reason, or the one `juesuan new` copied (待确认：…), to accept

    @property
    def missing(self) -> bool:
        """A required reason not written yet, or one copied from last year and not yet confirmed."""
        return self.slot.needed and (not self.slot.text or self.slot.text.startswith(PENDING))


def reasons(path: Path) -> tuple[list[Reason], Decimal]:
    """Every reason slot of the unit with its suggestion, and the amount from which a reason is required."""
    loaded = load(path, Options())
    config, settings = load_config(loaded.options)
    ctx = context_for(path, loaded.options, settings, loaded=loaded)
    ctx.config = config
    if ctx.report is None:
        return [], config.reason_threshold
    before = {}
    if ctx.prior is not None:
        data = ctx.prior.data
        before = {(REASONS, norm(k)): v for k, v in data.reasons.items()}
        before |= {(BUDGET_REASONS, norm(k)): v for k, v in data.budget_reasons.items()}
    found = []
    for slot in reason_slots(ctx):
        pending = slot.text.removeprefix(PENDING).strip() if slot.text.startswith(PENDING) else ""
        found.append(Reason(slot, pending or str(before.get((slot.block, norm(slot.key)), "")).strip()))
    return found, config.reason_threshold


def save_reason(path: Path, block: str, key: str, text: str) -> None:
    """Write `text` as the reason `key` of `block` in the data file (an empty text removes it)."""
    if block not in (REASONS, BUDGET_REASONS) or not key.strip():
        raise JuesuanError(f"无法保存：没有「{block} → {key}」这一处原因（unknown reason slot）")
    text = " ".join(text.split())
    if len(text) > MAX_REASON:
        raise JuesuanError(f"原因太长（{len(text)} 字，最多 {MAX_REASON} 字）：只写主要原因，数字由程序算")
    doc = load_for_edit(path)
    mapping = doc.get(block)
    if not isinstance(mapping, CommentedMap):
        mapping = CommentedMap()
        doc[block] = mapping
    written = next((k for k in mapping if norm(str(k)) == norm(key)), key)
    if text:
        mapping[written] = text
    elif written in mapping:
        del mapping[written]
    save_edited(path, doc)
