"""Budgets for work a county's layout can make endless: rendering its templates and laying out what they give.

A layout is data a bureau edits, so it may loop for ever, build a gigabyte string or print a million pages.
The Jinja sandbox already keeps templates away from files and private attributes; this adds:

* `BoundedSandbox`: the operators and calls that multiply memory (`"x" * 10**9`, `2 ** 10**9`,
  `s.ljust(10**9)`, `"%999999999s"|format`, `range(10**9)`) are refused with a message;
* `bounded(seconds, what)`: a deadline for a piece of work. When it passes, an exception is raised in the
  working thread (CPython's PyThreadState_SetAsyncExc, checked between bytecodes, so a tight template
  loop stops too); in the main thread the address space is also capped, so an allocation that slips past
  the sandbox fails with MemoryError instead of exhausting the machine.
"""

from __future__ import annotations

import ctypes
import re
import resource
import threading
from contextlib import contextmanager
from typing import Any, Iterator

from jinja2 import pass_environment
from jinja2.filters import do_center, do_format, do_indent, do_wordwrap
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import JuesuanError

MAX_ITEMS = 1_000_000           # characters of a string, items of a list, made in one operation
MAX_RANGE = 10_000              # a loop over more items than any document has rows is a mistake
MAX_POWER_BITS = 4_096
MAX_HTML = 20 * 1024 * 1024     # characters of rendered HTML (a 50-page document has about 50,000)
TEMPLATE_SECONDS = 10.0         # rendering the bundled layout takes about 0.5 s
WRITING_SECONDS, PER_KCHAR = 15.0, 0.25    # writing runs at ~15,000 HTML characters a second (the samples' 54–69 k
                                            # in 3–6 s, a 322-page unit's 301 k in 20 s): room for a 4× slower machine
MEMORY_HEADROOM = 2 * 1024 ** 3  # bytes of address space a render or a writer may add (a PDF needs ~0.4 GB)

_WIDE_FORMAT = re.compile(r"\d{5,}")         # a width or precision of 10,000 or more in a format spec
_PADDING = {"ljust", "rjust", "center", "zfill", "expandtabs"}


def writing_seconds(html_chars: int) -> float:
    """How long writing a unit's files may take: in proportion to its rendered document, tables and annexes alike."""
    return WRITING_SECONDS + PER_KCHAR * html_chars / 1000


class LimitExceeded(JuesuanError):
    """A layout asked for more time, memory or output than any document needs."""


class Timeout(LimitExceeded):
    """Raised inside the working thread when its deadline passes (see `bounded`); a LimitExceeded with a
    message of its own, so that wherever it lands it is reported, never a traceback."""

    def __init__(self, *args: Any):
        super().__init__(*(args or ("处理超时，已停止（模板中是否有过大的循环或过多的内容？）",)))


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with the operations that can exhaust memory refused before they run."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.filters.update(center=_bounded_center, indent=_bounded_indent, wordwrap=_bounded_wordwrap,
                            format=_bounded_format)
        self.globals["range"] = _bounded_range

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for items, times in ((left, right), (right, left)):
                if _size(items) is not None and isinstance(times, int) and _size(items) * times > MAX_ITEMS:
                    raise LimitExceeded(f"模板中的乘法会生成超过 {MAX_ITEMS} 个字符或元素的内容，已拒绝")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 \
                    and abs(left).bit_length() * right > MAX_POWER_BITS:
                raise LimitExceeded("模板中的乘方结果过大，已拒绝")
        elif operator == "+":
            if _size(left) is not None and _size(right) is not None and _size(left) + _size(right) > MAX_ITEMS:
                raise LimitExceeded(f"模板中的拼接会生成超过 {MAX_ITEMS} 个字符或元素的内容，已拒绝")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        if getattr(__obj, "__name__", "") in _PADDING and isinstance(getattr(__obj, "__self__", None), str):
            _check_widths(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any):
        """`"{:>999999999}".format(1)`: the sandbox wraps str.format when it is looked up; check it there."""
        owner = getattr(value, "__self__", None)
        if getattr(value, "__name__", "") in ("format", "format_map") and isinstance(owner, str):
            _check_widths((owner,), {})
        return super().wrap_str_format(value)


def _check_widths(args, kwargs) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and value > MAX_ITEMS or isinstance(value, str) and _WIDE_FORMAT.search(value):
            raise LimitExceeded("模板要求的宽度过大，已拒绝")


def _bounded_range(*args: int) -> range:
    span = range(*args)
    if len(span) > MAX_RANGE:
        raise LimitExceeded(f"模板中的 range 超过 {MAX_RANGE} 项，已拒绝")
    return span


def _bounded_center(value: str, width: int = 80) -> str:
    _check_widths((width,), {})
    return do_center(value, width)


@pass_environment
def _bounded_indent(environment, value: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    _check_widths((width,), {})
    return do_indent(value, width, first, blank)


@pass_environment
def _bounded_wordwrap(environment, value: str, width: int = 79, *args: Any, **kwargs: Any) -> str:
    _check_widths((width,), {})
    return do_wordwrap(environment, value, width, *args, **kwargs)


def _bounded_format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_widths((value,), {})
    return do_format(value, *args, **kwargs)


# -- deadlines ------------------------------------------------------------------------------------------

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = [ctypes.c_ulong, ctypes.c_void_p]
_set_async_exc.restype = ctypes.c_int


@contextmanager
def bounded(seconds: float, what: str) -> Iterator[None]:
    """Run the body within `seconds` (and, in the main thread, MEMORY_HEADROOM more address space);
    LimitExceeded says `what` took too long or too much memory."""
    thread = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "timer": None}

    def expire() -> None:
        with lock:
            if state["done"]:
                return
            _set_async_exc(thread, id(Timeout))
            state["timer"] = _start(1.0, expire)       # again, in case the work swallowed the first one

    restore = _cap_memory()
    state["timer"] = _start(seconds, expire)
    try:
        yield
    except Timeout:
        raise LimitExceeded(f"{what}超过 {seconds:g} 秒仍未完成，已停止（模板中是否有过大的循环或过多的内容？）") from None
    except MemoryError:
        raise LimitExceeded(f"{what}所需内存过多，已停止（模板是否生成了过大的内容？）") from None
    finally:
        try:
            with lock:
                state["done"] = True
                state["timer"].cancel()
                _set_async_exc(thread, None)       # one that is still pending must never land later
        finally:
            restore()


def _start(seconds: float, action) -> threading.Timer:
    timer = threading.Timer(seconds, action)
    timer.daemon = True
    timer.start()
    return timer


def _cap_memory():
    """Lower the address-space limit to what the process uses plus MEMORY_HEADROOM; the undo function."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError):
        return lambda: None
    cap = used + MEMORY_HEADROOM
    if soft != resource.RLIM_INFINITY and soft <= cap or hard != resource.RLIM_INFINITY and hard < cap:
        return lambda: None
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
