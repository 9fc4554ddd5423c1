"""Where the docs' content lives: tutorials, how-tos, C++ tutorials, pages."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SECTIONS = ("get_started", "how_to", "topic_guides")
OFFLINE = Path(__file__).resolve().parent / "offline"  # sitecustomize that refuses network


def tutorials():
    """Every Python tutorial: each .py file directly under a section folder."""
    return sorted(p for s in SECTIONS for p in (REPO / s).glob("*.py") if p.name != "__init__.py")


def howtos():
    return [p for p in tutorials() if p.parent.name == "how_to"]


def cpp_tutorials():
    return sorted(p for s in SECTIONS for p in (REPO / s).glob("*.cc"))


def pages():
    """Every hand-written page: .rst under docs/ (not generated ones) and the sections' headers."""
    generated = ("_build", "_gallery", "_doxygen")
    rst = [p for p in (REPO / "docs").rglob("*.rst") if not set(p.relative_to(REPO / "docs").parts) & set(generated)]
    headers = [p for s in SECTIONS for p in (REPO / s).glob("*") if p.name in ("GALLERY_HEADER.rst", "README.txt")]
    return sorted(rst + headers)


def rel(path):
    return str(Path(path).relative_to(REPO))
