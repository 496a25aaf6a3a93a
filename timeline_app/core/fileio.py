"""Writing files the safe way: whole or not at all, with ordinary permissions."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from timeline_app.core.errors import UserError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write `data` to `path` through a temporary file in the same folder (flush, fsync, rename).

    A failure at any point leaves the previous file, if any, untouched and no temporary file
    behind. The new file gets the permissions an ordinary `open()` would give it (0644 under the
    usual umask), not mkstemp's private 0600. Problems the user can fix raise `UserError`.
    """
    target = Path(path)
    folder = target.absolute().parent
    if not folder.is_dir():
        raise UserError(f"{target}: folder {folder} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UserError(f"{target}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"{target}: cannot write there ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:  # the rename itself is durable only once the folder is synced
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def check_writable(path: str | Path) -> None:
    """A UserError now, before any work is done, for a file that could not be written later."""
    target = Path(path)
    folder = target.absolute().parent
    if not folder.is_dir():
        raise UserError(f"{target}: folder {folder} does not exist")
    if target.is_dir():
        raise UserError(f"{target}: is a folder")
    if not os.access(target if target.exists() else folder, os.W_OK):
        raise UserError(f"{target}: cannot write there (permission denied)")
