"""Checks that a how-to has the sections S0, S1, S2 as headings, in order, each non-empty.

A how-to is a sphinx-gallery script: a module docstring (title and introduction),
then cells that start with ``# %%``, whose comment lines are reStructuredText.
The contribute how-to (how_to/contribute_to_this_document.py) runs this module.
"""

import ast
import re

REQUIRED = ("S0", "S1", "S2")

TEMPLATE = '''"""
How to <do the thing>
=====================

One paragraph: what you will have at the end, and what you need first.
"""

# %%
# S0 — Elements
# -------------
# The abstractions this how-to uses, each with one line on what it is.

import tessel

# %%
# S1 — Transformations and their effect
# -------------------------------------
# What you do with them, printing numbers measured when the page is built.

print(tessel.__version__)

# %%
# S2 — How it fits into the overall flow
# --------------------------------------
# How the piece composes with the default pipeline and the build.
'''

_CELL = re.compile(r"^# ?%%|^#{20,}\s*$")
_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+.:_])\1+\s*$")
_SECTION = re.compile(r"^(S\d)\b")


def lines_of(source):
    """The script as ``(kind, line)`` pairs, kind ``"text"`` (reST) or ``"code"``."""
    module = ast.parse(source)
    out, rest = [], source.splitlines()
    body = module.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        out += [("text", line) for line in body[0].value.value.splitlines()]
        rest = rest[body[0].end_lineno:]
    in_text = False
    for line in rest:
        if _CELL.match(line):
            in_text = True
        elif in_text and line.startswith("#"):
            out.append(("text", re.sub(r"^# ?", "", line)))
        else:
            in_text = False
            out.append(("code", line))
    return out


def sections(source):
    """The ``S<n>`` section headings as ``(name, is_empty)``, in the order they appear."""
    lines = lines_of(source)
    found, has_content = [], []  # has_content[i]: section i has a non-blank line
    i = 0
    while i < len(lines):
        kind, line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ("code", "")
        is_heading = (kind == "text" and line.strip() and nxt[0] == "text"
                      and _UNDERLINE.match(nxt[1]) and len(nxt[1].rstrip()) >= len(line.rstrip()))
        match = _SECTION.match(line.strip()) if is_heading else None
        if match:
            found.append(match.group(1))
            has_content.append(False)
            i += 2
            continue
        if found and line.strip() and not (kind == "text" and _UNDERLINE.match(line)):
            has_content[-1] = True
        i += 1
    return [(name, not content) for name, content in zip(found, has_content)]


def check_howto(source):
    """Problems with a how-to's sections, as messages; an empty list means it is fine."""
    found = sections(source)
    names = [name for name, _ in found]
    problems = [f"missing section heading {s}" for s in REQUIRED if s not in names]
    problems += [f"section {s} appears {names.count(s)} times" for s in REQUIRED if names.count(s) > 1]
    present = [s for s in names if s in REQUIRED]
    if len(set(present)) == len(present) and present != sorted(present):
        problems.append(f"sections out of order: {', '.join(present)} (expected {', '.join(REQUIRED)})")
    problems += [f"section {name} is empty" for name, empty in found if empty and name in REQUIRED]
    return problems
