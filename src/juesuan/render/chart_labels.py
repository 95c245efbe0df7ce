"""Chart label geometry that needs no drawing: where a long Chinese label breaks, and how a column of
labels of different heights is stacked near the heights its wedges want without overlapping.

Why separate: these are pure functions of strings and numbers, so they are tested on their own, and the
drawing code (charts.py) only measures and places.
"""

from __future__ import annotations

# A line may break after these: the joints of budget and class names (一般公共预算|财政拨款收入,
# 国有资本经营|预算支出, 灾害防治及|应急管理支出), so a wrapped label still reads as words.
BREAK_AFTER = ("预算", "经营", "基金", "资源", "工业", "国债", "及", "与", "和", "、")


def text_width(text: str) -> float:
    """Width in CJK characters: ASCII (figures, %, spaces) is half as wide."""
    return sum(0.5 if ch.isascii() else 1 for ch in text)


def wrap_label(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, broken at a joint where one makes the longest line
    shortest, else in the middle; lines that already fit are left whole."""
    if len(text) <= width:
        return [text]
    joints = {i + len(word) for word in BREAK_AFTER for i in range(len(text)) if text.startswith(word, i)}
    usable = sorted(j for j in joints if 2 <= j <= width and len(text) - j >= 2)
    if usable:
        cut = min(usable, key=lambda j: (max(j, len(text) - j), -j))  # ties: the later joint keeps 预算 whole
    else:
        cut = min(width, (len(text) + 1) // 2)
    return [text[:cut], *wrap_label(text[cut:], width)]


def label_lines(name: str, share: str, width: int | None) -> str:
    """A pie label: the name wrapped at `width` (None: on one line), the share on its last line when that
    line still fits, else below."""
    if width is None:
        return f"{name} {share}"
    lines = wrap_label(name, width)
    if text_width(lines[-1]) + 0.5 + text_width(share) <= width + 1:
        lines[-1] = f"{lines[-1]} {share}"
    else:
        lines.append(share)
    return "\n".join(lines)


def stack(wanted: list[float], heights: list[float], gap: float, low: float, high: float) -> list[float] | None:
    """Centres for labels listed top to bottom, as near `wanted` as they can be while at least `gap` apart
    and all within [`low`, `high`]; None when the column is taller than that range.

    Labels that would collide are merged into a block laid out tightly and centred on what its members
    want (least squares), merging again while blocks collide.
    """
    if sum(heights) + gap * (len(heights) - 1) > high - low:
        return None
    blocks: list[list[int]] = []  # indices into wanted, each block consecutive
    for index in range(len(wanted)):
        blocks.append([index])
        while len(blocks) > 1 and _bottom(blocks[-2], wanted, heights, gap, low, high) - gap < _top(
                blocks[-1], wanted, heights, gap, low, high):
            blocks[-2:] = [blocks[-2] + blocks[-1]]
    centres = []
    for block in blocks:
        top = _top(block, wanted, heights, gap, low, high)
        centres += [top - offset for offset in _offsets(block, heights, gap)]
    return centres


def _offsets(block: list[int], heights: list[float], gap: float) -> list[float]:
    """Each member's centre below the block's top edge."""
    offsets, below = [], 0.0
    for index in block:
        offsets.append(below + heights[index] / 2)
        below += heights[index] + gap
    return offsets


def _top(block, wanted, heights, gap, low, high) -> float:
    offsets = _offsets(block, heights, gap)
    tall = offsets[-1] + heights[block[-1]] / 2
    top = sum(wanted[i] + offset for i, offset in zip(block, offsets)) / len(block)
    return min(high, max(top, low + tall))


def _bottom(block, wanted, heights, gap, low, high) -> float:
    tall = sum(heights[i] for i in block) + gap * (len(block) - 1)
    return _top(block, wanted, heights, gap, low, high) - tall
