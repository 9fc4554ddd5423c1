"""
Contribute to this document
===========================

Every page of this site is a program, and the site is part of the test suite:
a page that stops running, or a how-to that loses a section, fails ``make test``.
This how-to shows what a page is made of, runs the checks a new how-to must
pass, and shows where those checks run.
"""

# %%
# S0 — Elements
# -------------
#
# * **A tutorial is a Python file** in the
#   `sphinx-gallery <https://sphinx-gallery.github.io>`_ format: the module
#   docstring holds the title and introduction; each cell starts with ``# %%``;
#   its comment lines are reStructuredText and the code after them runs. The
#   site shows each cell's printed output below it.
# * **Where pages live**: the folder of a tutorial is its section of the site:
#   ``get_started/``, ``how_to/`` and ``topic_guides/``. Each folder has a
#   ``GALLERY_HEADER.rst`` that introduces the section. Pages that are not
#   programs (Install, the API reference) are ``.rst`` files under ``docs/``.
# * **C++** lives in ``.cc`` files next to the tutorials, compiled and run by
#   CTest, and shown in a page with ``literalinclude`` of that same file.
# * **The sections**: every how-to has three, as headings, in this order:
#   S0 (elements), S1 (transformations and their effect, with measured
#   numbers), S2 (how it fits into the overall flow).
#
# The sections of the site today, counted from the tree:

from pathlib import Path

REPO = Path.cwd().parent  # tutorials run in their own folder
for section in ("get_started", "how_to", "topic_guides"):
    folder = REPO / section
    programs = sorted(p.name for p in folder.glob("*.py")) + sorted(p.name for p in folder.glob("*.cc"))
    print(f"{section + '/':15} {len(programs)} tutorial(s): {', '.join(programs) or '-'}")

# %%
# S1 — Transformations and their effect
# -------------------------------------
#
# A new how-to starts from the template that the section checker accepts.
# The checker is the module the test suite uses, ``tests/docs/howto_sections.py``,
# loaded here from its file so this page runs exactly what CI runs.

import importlib.util
import time

spec = importlib.util.spec_from_file_location("howto_sections", REPO / "tests" / "docs" / "howto_sections.py")
howto_sections = importlib.util.module_from_spec(spec)
spec.loader.exec_module(howto_sections)

print(howto_sections.TEMPLATE)

# %%
# The template passes. Cut its last section, and the checker names what is
# missing; that message is what ``make test`` prints for such a how-to.

good = howto_sections.TEMPLATE
without_s2 = good[: good.index("# %%\n# S2")]
print("template:          ", howto_sections.check_howto(good) or "ok")
print("template minus S2: ", howto_sections.check_howto(without_s2))
assert howto_sections.check_howto(good) == []
assert howto_sections.check_howto(without_s2) == ["missing section heading S2"]

# %%
# The same check over every how-to in the tree, this page included, timed:

start = time.perf_counter()
results = {p.name: howto_sections.check_howto(p.read_text()) for p in sorted((REPO / "how_to").glob("*.py"))}
elapsed_ms = (time.perf_counter() - start) * 1e3
for name, problems in results.items():
    print(f"{name}: {problems or 'ok'}")
print(f"checked {len(results)} how-to(s) in {elapsed_ms:.2f} ms")
assert results["contribute_to_this_document.py"] == []  # the others fail their own tests

# %%
# S2 — How it fits into the overall flow
# --------------------------------------
#
# A page is checked three times, by the commands every contributor runs:
#
# 1. **pytest** (``tests/docs/``) runs every tutorial as a script in its own
#    folder with network access disabled (one test each), checks every how-to's
#    sections, and rejects tutorials that test for ``CI``, skip themselves when
#    a package is missing, or catch their own failures.
# 2. **The Sphinx build** executes every tutorial again with sphinx-gallery,
#    stops at the first one that fails, and treats every warning as an error.
# 3. **CI** runs ``.ci/run``, which is ``make test``: C++ tests, pytest, then
#    the strict Sphinx build.
#
# The tests that pytest collects for this page:

import re
import subprocess
import sys

collected = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "tests/docs"],
                           cwd=REPO, capture_output=True, text=True, check=True).stdout
mine = [line for line in collected.splitlines() if "contribute_to_this_document" in line]
total = int(re.search(r"(\d+) tests? collected", collected).group(1))
print("\n".join(mine))
print(f"{len(mine)} of the {total} docs tests are about this page")

# %%
# To add a page: copy the template into the folder of its section, run it
# (``cd how_to && ../.venv/bin/python my_page.py``), then ``make docs`` to see
# it on the site and ``make test`` before sending it for review.
