"""Run a command as a person at a keyboard runs it: stdout and stderr on a pseudo-terminal (the
standard library's ``pty``), a fixed window size and COLUMNS so tables wrap the same everywhere,
and a timeout so a hang fails fast instead of stalling the suite. POSIX only."""
from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

COLUMNS, ROWS = 100, 40
TIMEOUT = 60.0


@dataclass(frozen=True)
class PtyResult:
    """What the terminal showed (stdout and stderr interleaved, as a person sees them, with
    "\\r\\n" read as "\\n") and the exit status."""

    status: int
    output: str


def ipcheck_command() -> list[str]:
    """The ``ipcheck`` console script installed beside this Python (what README runs), else
    ``python -m ipcheck``."""
    script = Path(sys.executable).with_name("ipcheck")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "ipcheck"]


def run_in_pty(args: Sequence[str], cwd: str | os.PathLike, *, env: Mapping[str, str] | None = None,
               columns: int | None = COLUMNS, rows: int = ROWS, stdin: bytes | None = None,
               replies: Sequence[bytes] = (), prompts: tuple[bytes, ...] = (),
               timeout: float = TIMEOUT) -> PtyResult:
    """Run ``args`` in ``cwd`` with a terminal of ``columns`` x ``rows`` as stdout and stderr.
    COLUMNS is set to ``columns`` unless ``columns`` is None (then only the window size says how
    wide the terminal is) or 0 (a terminal that reports no size at all, as `script` gives one).
    ``stdin``: bytes piped in (else the terminal is stdin too). ``replies`` are typed one by one,
    each when the screen ends with one of ``prompts``, as a person answers a question. The
    process is killed, and AssertionError raised, after ``timeout`` seconds."""
    environ = {k: v for k, v in (os.environ if env is None else env).items() if k not in ("COLUMNS", "LINES")}
    environ.setdefault("TERM", "xterm-256color")
    if columns:
        environ["COLUMNS"] = str(columns)
    master, slave = pty.openpty()
    window = (0, 0) if columns == 0 else (rows, columns or COLUMNS)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *window, 0, 0))
    try:
        proc = subprocess.Popen(list(args), cwd=cwd, env=environ, stdout=slave, stderr=slave,
                                stdin=slave if stdin is None else subprocess.PIPE, start_new_session=True)
    finally:
        os.close(slave)
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
    chunks, deadline, typed = [], time.monotonic() + timeout, list(replies)
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise AssertionError(f"timed out after {timeout:g} s: {' '.join(map(str, args))}")
            ready, _, _ = select.select([master], [], [], min(left, 1.0))
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:            # EIO: the child closed the terminal (Linux)
                break
            if not data:
                break
            chunks.append(data)
            if typed and b"".join(chunks).rstrip().endswith(prompts):
                os.write(master, typed.pop(0))
                chunks.append(b"\n")
        status = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        os.close(master)
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return PtyResult(status, text)
