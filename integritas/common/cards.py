"""The shapes every app's home-page cards and public-page sections take.

Each app builds its own cards from its own data (`<app>/cards.py`); the portal only gathers them.
"""

from dataclasses import dataclass, field


@dataclass
class Card:
    """One home-page card: a headline value, a line of text, and where to act."""

    title: str
    value: str = ""
    text: str = ""
    url: str = ""
    tone: str = "secondary"  # bootstrap contextual colour
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, url)


@dataclass
class PublicRow:
    label: str
    url: str = ""
    detail: str = ""


@dataclass
class PublicSection:
    """One section of the public transparency page."""

    title: str
    text: str = ""
    rows: list[PublicRow] = field(default_factory=list)
