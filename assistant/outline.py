"""A plan's outline and full text, rebuilt from its indexed chunks (what citations quote).

Anchors are derived from the section path, so the viewer can open any cited section:
``/viewer?doc=<id>&section=<section path>`` finds the anchor of that path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.types import SECTION_SEPARATOR, Chunk


def section_anchor(path: str) -> str:
    """A stable HTML id for a section path: "s-" and 10 hex digits of its hash."""
    return "s-" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:10]


@dataclass
class OutlineSection:
    """One section: its path, own title, depth, and own text in order."""

    path: str
    title: str
    level: int
    anchor: str
    texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def outline_of(chunks: Iterable[Chunk]) -> list[OutlineSection]:
    """Every section of one plan in document order, parents before their children (a
    heading without text of its own still appears, so the outline is complete)."""
    sections: dict[str, OutlineSection] = {}
    for chunk in sorted(chunks, key=lambda c: c.position):
        parts = chunk.section.split(SECTION_SEPARATOR)
        for depth in range(1, len(parts) + 1):
            path = SECTION_SEPARATOR.join(parts[:depth])
            if path not in sections:
                sections[path] = OutlineSection(path, parts[depth - 1], depth, section_anchor(path))
        sections[chunk.section].texts.append(chunk.text)
    return list(sections.values())
