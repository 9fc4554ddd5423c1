"""C++ in the docs is compiled: every C++ tutorial is a CTest test, and pages include
C++ from compiled files (literalinclude) instead of pasting it."""

import os
import re
import subprocess

import pytest

from docs_tree import REPO, SECTIONS, cpp_tutorials, pages, rel, tutorials

PASTED_CPP = re.compile(r"^\s*(?:#\s*)?\.\.\s+(?:code-block|code|sourcecode)::\s*(?:c\+\+|cpp|cxx|c|h|hpp)\s*$",
                        re.M | re.I)


def test_every_cpp_tutorial_is_a_ctest_test():
    if not cpp_tutorials():
        return  # nothing to check yet; the loop below is the check
    build = REPO / os.environ.get("TESSEL_BUILD_DIR", "build")
    listed = subprocess.run(["ctest", "--test-dir", str(build), "-N", "-L", "tutorial"],
                            capture_output=True, text=True, check=True).stdout
    for source in cpp_tutorials():
        name = f"tutorial.{source.parent.name}.{source.stem}"
        assert re.search(rf"Test\s+#\d+: {re.escape(name)}$", listed, re.M), \
            f"{rel(source)} is not a CTest test {name} in {rel(build)} (run `make build`)"


@pytest.mark.parametrize("path", pages() + tutorials(), ids=rel)
def test_no_pasted_cpp(path):
    pasted = PASTED_CPP.findall(path.read_text())
    assert not pasted, f"{rel(path)} pastes C++; literalinclude a compiled .cc/.h file instead"


def test_pasted_cpp_pattern():
    assert PASTED_CPP.search("text\n\n.. code-block:: c++\n\n   int x;\n")
    assert PASTED_CPP.search("# .. code-block:: cpp\n")
    assert not PASTED_CPP.search(".. literalinclude:: deploy.cc\n   :language: cpp\n")
    assert SECTIONS  # the folders the tutorials live in
