"""The docs stand alone: nothing sends a reader outside the repository (ADR 0035)."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".git", ".venv", "node_modules", "var", "__pycache__", "staticfiles"}
TEXT_SUFFIXES = {".md", ".py", ".html", ".toml", ".yaml", ".yml", ".txt", ".cfg", ".js"}
# Where the words are the subject, not a pointer: the ADRs that tell this story and the
# tests that feed the pointer to the checks.
MENTIONS_ALLOWED = {
    "docs/adr/0034-one-format-for-shipped-rule-values.md",
    "docs/adr/0035-docs-stand-alone.md",
    "minzheng/core/tests/test_rule_values.py",
    "tests/docs/test_docs_stand_alone.py",
}
OUTSIDE = re.compile(r"\.\./shared\b|shared/(docs|seeds)\b")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _files() -> list[Path]:
    found = []
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        found += [
            Path(folder, name)
            for name in names
            if Path(name).suffix in TEXT_SUFFIXES or name == "Makefile"
        ]
    return found


def _markdown() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_no_file_points_outside_the_repository() -> None:
    pointing = [
        str(path.relative_to(ROOT))
        for path in _files()
        if str(path.relative_to(ROOT)) not in MENTIONS_ALLOWED
        and OUTSIDE.search(path.read_text(encoding="utf-8", errors="replace"))
    ]

    assert pointing == []


def test_every_relative_link_of_the_docs_resolves() -> None:
    broken = []
    for page in _markdown():
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            if not (page.parent / target.split("#")[0]).exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")

    assert broken == []


def test_the_readme_lists_every_adr() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    numbers = sorted(path.name[:4] for path in (ROOT / "docs" / "adr").glob("[0-9]*.md"))
    listed = set(re.findall(r"^- \[?(\d{4})", readme, flags=re.MULTILINE))

    assert len(numbers) >= 24
    assert [n for n in numbers if n not in listed] == []
