"""Printing script text, with syntax colouring when the output is a terminal."""

import sys


def print_script(text: str, style: str = "auto") -> None:
    """Print ``text``; colour it with Pygments when ``style`` asks for it.

    ``style`` is ``"auto"`` (colour only on a terminal), ``"color"`` or ``"plain"``.
    """
    colour = style == "color" or (style == "auto" and sys.stdout.isatty())
    if colour:
        from pygments import highlight
        from pygments.formatters import TerminalFormatter
        from pygments.lexers import PythonLexer

        text = highlight(text, PythonLexer(), TerminalFormatter()).rstrip("\n")
    print(text)
