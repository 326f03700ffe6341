"""What a batch wrote into its output folder, kept in the folder as ``.ipcheck-written``
(file name -> SHA-256 of the bytes written), so a rerun into the same folder removes the reports
of pairs no longer in the batch: only files ipcheck wrote itself, and only while they still hold
what it wrote. A user's own file, or a report someone edited since, is never deleted."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass

from ipcheck.outputs import write_atomic

MANIFEST = ".ipcheck-written"        # JSON, without the extension a glob for reports would match
VERSION = 1


@dataclass(frozen=True)
class Pruned:
    """Files removed (written by an earlier run, not by this one) and files kept because they
    changed since ipcheck wrote them."""

    removed: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()


def fingerprint(path: str) -> str | None:
    """The SHA-256 of the regular file at ``path``, None when it is not one (or unreadable)."""
    try:
        if os.path.islink(path) or not os.path.isfile(path):
            return None
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


def previous(folder: str) -> dict[str, str]:
    """The files an earlier run recorded in ``folder`` (empty when none, or unreadable)."""
    try:
        with open(os.path.join(folder, MANIFEST), encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items()
            if isinstance(k, str) and isinstance(v, str) and k == os.path.basename(k) and k not in ("", ".", "..")}


def record(folder: str, names: list[str]) -> dict[str, str]:
    """Write the manifest of ``names`` (files in ``folder`` this run wrote) and return it."""
    files = {n: h for n in sorted(set(names)) if (h := fingerprint(os.path.join(folder, n))) is not None}
    write_atomic(os.path.join(folder, MANIFEST),
                 json.dumps({"version": VERSION, "files": files}, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    return files


def prune(folder: str, before: dict[str, str], now: list[str]) -> Pruned:
    """Remove the files an earlier run wrote (``before``) that this run did not (``now``), when
    they still hold exactly what was written; name the ones left because they changed."""
    removed, kept = [], []
    for name, digest in sorted(before.items()):
        if name in now:
            continue
        path = os.path.join(folder, name)
        current = fingerprint(path)
        if current is None:
            continue
        if current != digest:
            kept.append(name)
            continue
        try:
            os.unlink(path)
            removed.append(name)
        except OSError:
            kept.append(name)
    return Pruned(tuple(removed), tuple(kept))
