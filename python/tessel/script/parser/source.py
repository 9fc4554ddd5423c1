"""Script source text and error reports that point into it."""

import ast
import inspect
import linecache
import re
import textwrap
from typing import Optional, Type

from ...error import ParseError, TesselError


class Source:
    """The text being parsed, with where it came from.

    Parameters
    ----------
    text
        Python-syntax script text, possibly indented (it is dedented).
    file
        The file name shown in errors.
    first_line
        The line of ``text``'s first line in ``file``, so errors name real file lines.
    """

    def __init__(self, text: str, file: str = "<string>", first_line: int = 1):
        self.text = textwrap.dedent(text)
        self.file = file
        self.first_line = first_line
        self.lines = self.text.splitlines()
        # Dedenting shifts columns; remember by how much to report the original ones.
        original = text.splitlines()
        self.column_shift = 0
        for before, after in zip(original, self.lines):
            if after.strip():
                self.column_shift = len(before) - len(after)
                break

    @classmethod
    def of(cls, obj) -> "Source":
        """The source of a Python class or function defined in a file."""
        try:
            lines, first_line = inspect.getsourcelines(obj)
            file = inspect.getsourcefile(obj) or "<unknown>"
        except (OSError, TypeError) as err:
            found = _class_source_from_methods(obj) if inspect.isclass(obj) else None
            if found is not None:
                return cls(*found)
            raise ParseError(
                f"cannot read the source of {getattr(obj, '__name__', obj)!r}: {err}; "
                "use tessel.script.from_source(text) for code without a source file"
            ) from None
        return cls("".join(lines), file, first_line)

    def parse(self) -> ast.Module:
        """The Python AST of the text; a syntax error becomes a ParseError at its line."""
        try:
            return ast.parse(self.text, filename=self.file)
        except SyntaxError as err:
            raise self.error(err.msg, line=err.lineno or 1, column=(err.offset or 1) - 1) from None

    def error(self, message: str, node: Optional[ast.AST] = None, line: int = 0,
              column: int = 0, end_column: Optional[int] = None,
              kind: Type[TesselError] = ParseError) -> TesselError:
        """A ParseError (or ``kind``) at ``node`` (or at line/column of the text) with a caret
        under it; ``line`` and ``column`` attributes give the location."""
        if node is not None and hasattr(node, "lineno"):
            line, column = node.lineno, node.col_offset
            if getattr(node, "end_lineno", None) == node.lineno:
                end_column = node.end_col_offset
        line = max(line, 1)
        text_line = self.lines[line - 1] if line <= len(self.lines) else ""
        width = max(1, (end_column - column) if end_column is not None else 1)
        file_line = line + self.first_line - 1
        gutter = f"{file_line:>5} | "
        report = (
            f"{self.file}:{file_line}:{column + 1 + self.column_shift}: error: {message}\n"
            f"{gutter}{text_line}\n"
            f"{' ' * (len(gutter) - 2)}| {' ' * column}{'^' * width}"
        )
        err = kind(report)
        err.line, err.column = file_line, column + 1 + self.column_shift
        return err


def _class_source_from_methods(klass):
    """(text, file, first line) of a class whose module has no file (code run by exec, as
    documentation builders do): its methods' code objects still name a file whose lines
    ``linecache`` holds, and the class statement is the nearest one above them."""
    codes = [value.__code__ for value in vars(klass).values() if inspect.isfunction(value)]
    if not codes:
        return None
    file = codes[0].co_filename
    lines = linecache.getlines(file)
    pattern = re.compile(rf"\s*class\s+{re.escape(klass.__name__)}\b")
    start = min(code.co_firstlineno for code in codes) - 1
    for index in range(min(start, len(lines)) - 1, -1, -1):
        if pattern.match(lines[index]):
            # Decorators above the class statement belong to it, as in inspect.getsource.
            while index > 0 and lines[index - 1].lstrip().startswith("@"):
                index -= 1
            block = inspect.getblock(lines[index:])
            return "".join(block), file, index + 1
    return None
