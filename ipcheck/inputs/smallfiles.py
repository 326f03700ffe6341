"""Reading the small UTF-8 files ipcheck keeps beside the user's work (config, reviews): the
size refused before reading, every failure one line naming the file (and the line of a bad
byte)."""
from __future__ import annotations

from ipcheck.errors import IpcheckError, Message, msg, os_reason


def read_utf8(path: str, what: Message, max_bytes: int, shown: str | None = None) -> str:
    """The text of the ``what`` file at ``path`` (a BOM is dropped); ``shown`` names it in errors."""
    name = shown or path
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise IpcheckError(msg("error.small_not_found", what=what), path=name) from None
    except OSError as exc:
        raise IpcheckError(msg("error.small_unreadable", what=what, reason=os_reason(exc)), path=name) from None
    if len(data) > max_bytes:
        raise IpcheckError(msg("error.small_too_large", what=what, n=max_bytes // (1024 * 1024)), path=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise IpcheckError(msg("error.small_not_utf8", what=what), path=name, line=line) from None
