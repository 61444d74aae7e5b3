"""The small value types of the document model: column types, status tones, statuses, and the
colours every renderer uses for them."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ColumnType(str, enum.Enum):
    """What a table column holds, which decides how it is written and how Excel stores it."""

    TEXT = "text"
    INTEGER = "integer"  #: a count (Excel: a number)
    NUMBER = "number"  #: a rate or other decimal (Excel: a number)
    PERCENT = "percent"  #: a proportion between 0 and 1, shown as a percentage
    DATE = "date"  #: a ``datetime.date`` (Excel: a date)
    RAG = "rag"  #: a :class:`Status`, shown as its text and colour


class Tone(str, enum.Enum):
    """The colour family of a status. A status is always written as text too: the colour only
    repeats what the text says."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"
    GREY = "grey"


@dataclass(frozen=True)
class Colours:
    text: str
    fill: str


#: Each tone as a tag: text on a fill, meeting WCAG 2.2 AA contrast for text (4.5:1; a test checks
#: it). The tag's text carries the meaning; its colour repeats it.
TONE_COLOURS: dict[Tone, Colours] = {
    Tone.RED: Colours(text="#ffffff", fill="#aa2a16"),
    Tone.AMBER: Colours(text="#0b0c0c", fill="#f0a830"),
    Tone.GREEN: Colours(text="#ffffff", fill="#00703c"),
    Tone.BLUE: Colours(text="#ffffff", fill="#1d70b8"),
    Tone.GREY: Colours(text="#ffffff", fill="#505a5f"),
}


@dataclass(frozen=True)
class Status:
    """A status as a reader sees it: a label ("Breached", "Amber") and the tone it is coloured in."""

    label: str
    tone: Tone

    def __post_init__(self) -> None:
        if not self.label.strip():
            raise ValueError("a status needs a label: colour alone does not say anything to a reader")
        object.__setattr__(self, "tone", Tone(self.tone))

    @staticmethod
    def of(value: Status | str) -> Status:
        """A status from its name: the RAG ratings ("red", "R", "Amber"…) and the compliance statuses
        ("breached", "overdue", "due soon", "met", "completed", "not yet due"…)."""
        if isinstance(value, Status):
            return value
        key = " ".join(str(value).replace("_", " ").replace("-", " ").lower().split())
        try:
            return KNOWN[key]
        except KeyError:
            names = ", ".join(sorted({s.label for s in KNOWN.values()}))
            raise ValueError(
                f"{value!r} is not a status the reports know (one of: {names}); give a Status(label, tone) for any other"
            ) from None

    def __str__(self) -> str:
        return self.label


RED = Status("Red", Tone.RED)
AMBER = Status("Amber", Tone.AMBER)
GREEN = Status("Green", Tone.GREEN)
BLUE = Status("Blue", Tone.BLUE)
BREACHED = Status("Breached", Tone.RED)
OVERDUE = Status("Overdue", Tone.RED)
LATE = Status("Late", Tone.RED)
DUE_SOON = Status("Due soon", Tone.AMBER)
MET = Status("Met", Tone.GREEN)
ON_TRACK = Status("On track", Tone.GREEN)
COMPLETED = Status("Completed", Tone.BLUE)
NOT_YET_DUE = Status("Not yet due", Tone.GREY)

KNOWN: dict[str, Status] = {
    "red": RED,
    "r": RED,
    "amber": AMBER,
    "a": AMBER,
    "green": GREEN,
    "g": GREEN,
    "blue": BLUE,
    "b": BLUE,
    "breached": BREACHED,
    "overdue": OVERDUE,
    "late": LATE,
    "not met": Status("Not met", Tone.RED),
    "due soon": DUE_SOON,
    "at risk": Status("At risk", Tone.AMBER),
    "met": MET,
    "on track": ON_TRACK,
    "done": Status("Done", Tone.GREEN),
    "completed": COMPLETED,
    "achieved": Status("Achieved", Tone.BLUE),
    "not yet due": NOT_YET_DUE,
    "open": Status("Open", Tone.GREY),
    "not applicable": Status("Not applicable", Tone.GREY),
}

#: The charts' categorical colours: the Government Analysis Function's accessible palette, in its
#: order (each at least 3:1 against white; segments are also separated by white gaps).
SERIES_COLOURS = ("#12436d", "#28a197", "#801650", "#f46a25", "#3d3d3d", "#a285d1")
#: The target line and markers.
TARGET_COLOUR = "#0b0c0c"
#: Text and axes in charts.
INK = "#0b0c0c"
SECONDARY_INK = "#505a5f"
GRID = "#d9dadb"


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio of two ``#rrggbb`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
