"""How output meets the terminal, by the conventions people know: colour from ``--color
auto|always|never`` (``--no-color``), else NO_COLOR, else FORCE_COLOR, else whether stdout is a
terminal; width from COLUMNS, else the terminal's, else a fixed 120 so piped output is stable."""
from __future__ import annotations

import os
import sys
from typing import Callable, Mapping, TextIO, TypeVar

import click

from ipcheck.i18n import display_width

COLOR_CHOICES = ("auto", "always", "never")
PIPE_WIDTH = 120            # piped output: the same bytes whatever window the user has
UNKNOWN_WIDTH = 80          # a terminal that reports no size (0 x 0: `script`, serial consoles)
MIN_WIDTH = 20              # narrower than this, a table is only ellipses
F = TypeVar("F", bound=Callable[..., object])


def use_color(choice: str | None, environ: Mapping[str, str] | None = None,
              stream: TextIO | None = None) -> bool:
    """Colour or not. The flag decides when given (``always``/``never``); with ``auto``: a
    non-empty NO_COLOR (no-color.org) turns colour off, a non-empty FORCE_COLOR (force-color.org)
    on, else colour exactly when ``stream`` (stdout) is a terminal."""
    if choice in ("always", "never"):
        return choice == "always"
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR", ""):
        return False
    if env.get("FORCE_COLOR", ""):
        return True
    out = sys.stdout if stream is None else stream
    try:
        return out.isatty()
    except (AttributeError, ValueError):        # a closed or unusual stream
        return False


def terminal_width(environ: Mapping[str, str] | None = None, stream: TextIO | None = None) -> int:
    """Columns to lay tables out in: COLUMNS when it is a positive number, else the terminal's
    width when ``stream`` (stdout) is one (80 when it reports none), else 120."""
    env = os.environ if environ is None else environ
    columns = env.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), MIN_WIDTH)
    out = sys.stdout if stream is None else stream
    try:
        if out.isatty():
            reported = os.get_terminal_size(out.fileno()).columns
            return max(reported, MIN_WIDTH) if reported > 0 else UNKNOWN_WIDTH
    except (AttributeError, ValueError, OSError):
        pass
    return PIPE_WIDTH


def color_option(func: F) -> F:
    """``--color [auto|always|never]`` (``--color`` alone: always) and ``--no-color``."""
    func = click.option("--no-color", "no_color", is_flag=True, help="Never colour (the same as --color never).")(func)
    return click.option("--color", "color", type=click.Choice(COLOR_CHOICES), is_flag=False, flag_value="always",
                        default=None, metavar="[auto|always|never]",
                        help="Colour the terminal output: auto (default: when stdout is a terminal, "
                             "unless NO_COLOR is set; FORCE_COLOR forces it), always or never. "
                             "--color alone means always.")(func)


def color_choice(color: str | None, no_color: bool) -> str:
    """The one choice the two flags make: --no-color is never; else --color's, else auto."""
    if no_color:
        return "never"
    return color or "auto"


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` cells (on the left when ``right``)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill
