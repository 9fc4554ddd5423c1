"""Sphinx configuration for tessel's site: executed tutorials, Python and C++ reference."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
sys.path.insert(0, str(REPO / "python"))  # the in-tree package, as the venv's .pth does

import tessel  # noqa: E402  (after the path is set)

project = "tessel"
author = "the tessel developers"
copyright = "tessel developers"
release = version = tessel.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_gallery.gen_gallery",
    "breathe",
]
exclude_patterns = ["_build", "_doxygen", "**/sg_execution_times.rst"]
html_theme = "furo"
html_title = f"tessel {release}"

# Python reference: numpydoc docstrings, members in source order.
napoleon_google_docstring = False
napoleon_numpy_docstring = True
autodoc_member_order = "bysource"
autodoc_typehints = "description"

# Tutorials: each section folder with at least one .py is a gallery under docs/_gallery/.
# Every build executes all tutorials afresh, so the old output only risks stale pages.
shutil.rmtree(DOCS / "_gallery", ignore_errors=True)
SECTIONS = ["get_started", "how_to", "topic_guides"]
GALLERIES = [s for s in SECTIONS if any((REPO / s).glob("*.py"))]
sphinx_gallery_conf = {
    "examples_dirs": [f"../{s}" for s in GALLERIES],
    "gallery_dirs": [f"_gallery/{s}" for s in GALLERIES],
    "filename_pattern": r"\.py$",  # every tutorial executes, not only plot_*
    "ignore_pattern": r"__init__\.py",
    "abort_on_example_error": True,
    "only_warn_on_example_error": False,
    "run_stale_examples": True,  # outputs must reflect the current build, not the last one
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    "write_computation_times": False,
}

# C++ reference: Doxygen XML over include/tessel, rendered by Breathe.
DOXYGEN_XML = DOCS / "_doxygen" / "xml"
breathe_projects = {"tessel": str(DOXYGEN_XML)}
breathe_default_project = "tessel"
breathe_default_members = ("members",)


def run_doxygen(app):
    """Regenerates the Doxygen XML; any Doxygen warning fails the build."""
    shutil.rmtree(DOCS / "_doxygen", ignore_errors=True)  # no XML of deleted headers
    result = subprocess.run(["doxygen", "Doxyfile"], cwd=DOCS, capture_output=True, text=True)
    if result.returncode != 0 or result.stderr.strip():
        raise RuntimeError(f"doxygen failed (exit {result.returncode}):\n{result.stderr}")


def drop_empty_galleries(app, docname, source):
    """Leaves galleries without tutorials out of the toctrees, so no page is empty."""
    for section in set(SECTIONS) - set(GALLERIES):
        source[0] = re.sub(rf"^[ \t]+\S*_gallery/{section}/index[ \t]*\n", "", source[0], flags=re.M)


def setup(app):
    # Before sphinx-gallery (priority 500): a header's Doxygen warning fails before tutorials run.
    app.connect("builder-inited", run_doxygen, priority=400)
    app.connect("source-read", drop_empty_galleries)
