"""The few exceptions ipcheck raises for bad input; each carries its words as a catalogue key and
parameters (a Message), rendered once in the user's language where it is caught (the CLI). A
warning is a Message too (a ``warning.*`` key), rendered in the report's language by the reporters."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

Param = Union[str, int, "Message"]


@dataclass(frozen=True)
class Message:
    """What to say, not yet said: an ``error.*`` catalogue key and its parameters. A parameter
    is a text shown as it is (a path, a value from the file, PyYAML's or pypdf's own words), a
    number, or a Message of its own (a hint, a kind of value) rendered in the same language."""

    key: str
    params: tuple[tuple[str, Param], ...] = ()

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (English by default: logs, index.json, ``str(exc)``)."""
        from ipcheck.catalogue import CATALOGUE
        table = CATALOGUE.get(lang) or CATALOGUE["en"]
        template = table.get(self.key) or CATALOGUE["en"].get(self.key) or self.key
        return template.format(**{name: value.text(lang) if isinstance(value, Message) else value
                                  for name, value in self.params})

    @property
    def code(self) -> str:
        """The stable code the key names: its second part ("warning.multi_year.since" -> "multi_year")."""
        parts = self.key.split(".")
        return parts[1] if len(parts) > 1 else self.key

    def as_json(self) -> dict[str, Any]:
        """The message as plain data (index.json keeps a failed pair's error this way)."""
        return {"key": self.key, "params": {name: value.as_json() if isinstance(value, Message) else value
                                            for name, value in self.params}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Message":
        """The message ``as_json`` gave."""
        return cls(data["key"], tuple((name, cls.from_json(value) if isinstance(value, dict) else value)
                                      for name, value in data["params"].items()))

    def __str__(self) -> str:
        return self.text()


def msg(key: str, **params: Param) -> Message:
    """``Message(key, params)`` written as a call: ``msg("error.too_large", size="6 MB", limit="5 MB")``."""
    return Message(key, tuple(params.items()))


def hinted(message: Message, hint: Message | None) -> Message:
    """``message (hint)``, or ``message`` alone when there is no hint."""
    return message if hint is None else msg("error.hinted", message=message, hint=hint)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the file allows."""

    path: str
    line: int | None
    said: Message

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return self.said.text()

    def text(self, lang: str = "en") -> str:
        """``FILE[:LINE]: message`` in ``lang`` (the message alone when there is no file)."""
        if not self.path:
            return self.said.text(lang)
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.said.text(lang)}"

    def __str__(self) -> str:
        return self.text()


class IpcheckError(Exception):
    """An expected failure caused by the user's input or options (exit status 2)."""

    def __init__(self, said: Message | str, path: str | None = None, line: int | None = None,
                 hint: Message | None = None) -> None:
        if isinstance(said, str):      # only ipcheck's own rule files (lang.RuleError): for developers, English
            said = msg("error.as_written", text=said)
        super().__init__(said.text())
        self.said = said
        self.hint_said = hint
        self.path = path
        self.line = line

    @property
    def message(self) -> str:
        """What is wrong, in English (without the hint)."""
        return self.said.text()

    @property
    def hint(self) -> str | None:
        """What to do about it, in English."""
        return self.hint_said.text() if self.hint_said is not None else None

    @property
    def problems(self) -> tuple[Problem, ...]:
        return (Problem(self.path or "", self.line, hinted(self.said, self.hint_said)),)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class PlanError(IpcheckError):
    """A plan file that cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self._problems = tuple(problems)
        first = self._problems[0] if self._problems else Problem("plan", None, msg("error.plan_invalid"))
        super().__init__(first.said, first.path, first.line)

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


def os_reason(exc: OSError) -> Param:
    """Why the system refused a file, as a Message when the catalogue knows the words (its
    errno), else the system's own text."""
    import errno
    known = {errno.EACCES: "error.reason.permission_os", errno.ENOENT: "error.reason.no_file",
             errno.EISDIR: "error.reason.is_dir"}
    key = known.get(exc.errno) if exc.strerror else None
    return msg(key) if key else (exc.strerror or str(exc))
