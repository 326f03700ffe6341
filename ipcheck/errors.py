"""The few exceptions ipcheck raises for bad input; each renders as one user-facing line."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the file allows."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if not self.path:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class IpcheckError(Exception):
    """An expected failure caused by the user's input or options (exit status 2)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    @property
    def problems(self) -> tuple[Problem, ...]:
        text = f"{self.message} ({self.hint})" if self.hint else self.message
        return (Problem(self.path or "", self.line, text),)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class PlanError(IpcheckError):
    """A plan file that cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self._problems = tuple(problems)
        first = self._problems[0] if self._problems else Problem("plan", None, "invalid plan")
        super().__init__(first.message, first.path, first.line)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._problems


class PlanUnreadable(PlanError):
    """A plan file that cannot be read at all (missing, a folder, too large, binary, not text),
    as opposed to one read and found invalid: `ipcheck plan validate` exits 2 for it, 1 for
    problems in a plan, as linters do."""


class DocumentError(IpcheckError):
    """A summary or plan document that cannot be read as text."""


class OutputError(IpcheckError):
    """A report that cannot be written where it was asked to go."""
