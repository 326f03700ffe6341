"""Writing reports safely: atomically, never over an input, never half-written."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ipcheck.errors import OutputError, msg


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_writable(path: str | os.PathLike, inputs: tuple[str, ...] = ()) -> None:
    """Refuse ``path`` when it is one of the ``inputs`` (also through a link or another
    spelling); callers writing several reports check them all before writing any."""
    target = Path(path)
    for src in inputs:
        if _same(target, Path(src)) or target.resolve() == Path(src).resolve():
            raise OutputError(msg("error.over_input"), path=str(path))


def write_atomic(path: str | os.PathLike, text: str | bytes, inputs: tuple[str, ...] = ()) -> None:
    """Write ``text`` (UTF-8 with \\n line ends; bytes as they are) to ``path`` via a
    temporary file in the same folder and a rename.

    An interrupted run leaves the previous report intact; an output that is one of the
    ``inputs`` is refused, so ipcheck never overwrites what the user gave it.
    """
    check_writable(path, inputs)
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(msg("error.no_output_folder"), path=str(path))
    if target.is_dir():
        raise OutputError(msg("error.output_is_folder"), path=str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(msg("error.cannot_write", reason=str(exc.strerror)), path=str(path)) from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as fb:
                fb.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
