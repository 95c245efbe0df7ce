"""Put finished files on disk so that a reader never sees half of a unit's output.

A unit's files (its DOCX and its PDF) are written to hidden temporaries beside their targets first; only
when every one is complete are they renamed into place, one after the other, and if a rename fails the ones
already renamed are put back as they were. Temporaries carry the writing process's id, so the next write
into the folder removes those a killed build left behind (and never those of a build still running).
Files get the user's umask (0644 normally): a published document must be readable by the web server.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Mapping

from ..errors import JuesuanError, os_reason

TEMP_SUFFIX = ".juesuan-tmp"
_TEMP = re.compile(r"^\.(\d+)\.[0-9a-f]+\.(?:new|old)" + re.escape(TEMP_SUFFIX) + "$")
STALE_SECONDS = 24 * 3600          # a temporary this old is stale even if its process id was reused


class OutputError(JuesuanError):
    """A file could not be written: the folder is missing, read-only, full, or not a folder."""


def write_atomic(path: Path, content: bytes) -> None:
    """Write one file: complete or not at all."""
    write_together({Path(path): content})


def write_together(files: Mapping[Path, bytes]) -> None:
    """Write every file, or — when any of them cannot be written — leave each target as it was."""
    for folder in {Path(p).parent for p in files}:
        _prepare(folder)
    temps: dict[Path, Path] = {}
    try:
        for target, content in files.items():
            temps[Path(target)] = _write_temp(Path(target), content)
        _commit(temps)
    except OSError as exc:
        raise OutputError(_explain(exc)) from exc
    finally:
        for temp in temps.values():
            _unlink(temp)


def _prepare(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise OutputError(f"输出位置 {folder} 已有同名的文件，不是文件夹；请换一个输出文件夹（-o）") from exc
    except OSError as exc:
        raise OutputError(_explain(exc)) from exc
    if not folder.is_dir():
        raise OutputError(f"输出位置 {folder} 不是文件夹；请换一个输出文件夹（-o）")
    remove_stale(folder)


def _temp_name(folder: Path, kind: str) -> Path:
    return folder / f".{os.getpid()}.{secrets.token_hex(6)}.{kind}{TEMP_SUFFIX}"


def _write_temp(target: Path, content: bytes) -> Path:
    temp = _temp_name(target.parent, "new")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)     # 0o666 & ~umask
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _unlink(temp)
        raise
    return temp


def _commit(temps: dict[Path, Path]) -> None:
    """Rename each temporary over its target; on a failure, restore the targets already replaced."""
    done: list[tuple[Path, Path | None]] = []        # (target, a copy of what it held before, or None)
    try:
        for target, temp in temps.items():
            backup = _keep(target)
            done.append((target, backup))
            os.replace(temp, target)
    except BaseException:
        for target, backup in reversed(done):
            if backup is not None:
                os.replace(backup, target)
            else:
                _unlink(target)
        raise
    finally:
        for _, backup in done:
            if backup is not None:
                _unlink(backup)
    for folder in {t.parent for t in temps}:
        _sync(folder)


def _keep(target: Path) -> Path | None:
    """A second name for the target's current content (a hard link, or a copy where links are not allowed)."""
    if not target.is_file():
        return None
    backup = _temp_name(target.parent, "old")
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)
    return backup


def remove_stale(folder: Path) -> None:
    """Remove the temporaries of writes that never finished (their process is gone, or they are a day old)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        found = _TEMP.match(entry.name)
        if found is None:
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
        except OSError:
            continue
        if old or not _alive(int(found.group(1))):
            _unlink(Path(entry.path))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True                 # exists, owned by someone else
    return True


def _sync(folder: Path) -> None:
    """Make the renames durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _explain(exc: OSError) -> str:
    reason = os_reason(exc, "写入")
    where = exc.filename if exc.filename else ""
    place = Path(str(where)).parent if where and _TEMP.match(Path(str(where)).name) else where
    return f"无法写入{f' {place}' if place else ''}：{reason}。已有的文件保持原样。（cannot write: {exc.strerror or exc}）"
