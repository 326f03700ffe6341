"""Traditional -> simplified Chinese, one character for one, for matching (never for quoting).

``ipcheck.reading.text.normalise`` maps characters one for one so offsets are shared with the
original; this table fits that rule, so plan terms in simplified (专利申请) match a summary
republished in traditional (專利申請) while evidence is quoted as written. Characters whose
conversion is not one character for one, or that are also ordinary simplified characters
(乾 of 乾坤), are left alone. The table is generated: tools/gen_t2s.py.
"""
from __future__ import annotations

from ipcheck.inputs.formats.t2s_table import PAIRS

# code point -> simplified character; no value is also a key (so mapping twice changes nothing)
T2S: dict[int, str] = {ord(t): s for t, s in zip(PAIRS[0::2], PAIRS[1::2])}


def to_simplified(s: str) -> str:
    """``s`` with every traditional character of the table made simplified; same length."""
    return s.translate(T2S)
