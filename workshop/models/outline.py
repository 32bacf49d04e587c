"""The outline: sections on two levels (section → block) and the numbered questions under them."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model

HEADING_MAX = 300
PROMPT_MAX = 1000
QUESTION_MAX = 1000
GUIDANCE_MAX = 2000
# How a level is numbered: none, 1. 2. 3., A. B. C., a) b) c), I. II. III.
NUMBER_STYLES = ("none", "decimal", "upper", "lower", "roman")
MAX_SECTIONS = 200
MAX_QUESTIONS = 500
# The outline as pasted text (docs/outline-format.md).
OUTLINE_TEXT_MAX = 100_000  # characters
OUTLINE_LINES_MAX = 5_000

# The change that tells the live pages to draw their questions again (docs/realtime.md).
OUTLINE_CHANGED = "outline:changed"


def roman(number: int) -> str:
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    result = ""
    for value, numeral in numerals:
        while number >= value:
            result += numeral
            number -= value
    return result


def alpha(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA."""
    result = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        result = chr(ord("A") + remainder) + result
    return result


def format_number(style: str, number: int) -> str:
    """The label of the number-th item (1-based) in a level numbered with `style`."""
    if style == "decimal":
        return f"{number}."
    if style == "upper":
        return f"{alpha(number)}."
    if style == "lower":
        return f"{alpha(number).lower()})"
    if style == "roman":
        return f"{roman(number)}."
    return ""


def join_labels(labels: list[str]) -> str:
    """A question's or block's full label from its parents' and its own: "A.", "1." → "A.1"."""
    return ".".join(label.rstrip(".)") for label in labels if label)


def name_questions(tree: list[dict]) -> None:
    """Set every question's `full_label`: its name in the workshop ("A.1"), unique in it.

    `tree` is an outline as plain data: sections with "label", "number", "questions" and
    "blocks"; questions with "label" and "number". The name is the labels from the top ("II.A.1";
    an unnumbered question is named by its number). Where two would be named alike — "1" in each
    of two unnumbered sections — every unnumbered level is named by its position instead ("2.1",
    the first question of the second section), the top one left out when it stands alone.
    """
    paths = list(_question_paths(tree, []))
    names = [join_labels([label for label, _ in path]) or str(path[-1][1]) for _, path in paths]
    if len(set(names)) < len(names):
        skip = 1 if len(tree) == 1 and not tree[0]["label"] else 0
        names = [_positioned(path[skip:]) for _, path in paths]
    if len(set(names)) < len(names):  # siblings whose styles write one label ("I." and "I.")
        names = [".".join(str(number) for _, number in path) for _, path in paths]
    for (question, _), name in zip(paths, names, strict=True):
        question["full_label"] = name


def _question_paths(sections: list[dict], above: list[tuple[str, int]]):
    for section in sections:
        path = [*above, (section["label"], section["number"])]
        for question in section["questions"]:
            yield question, [*path, (question["label"], question["number"])]
        yield from _question_paths(section["blocks"], path)


def _positioned(path: list[tuple[str, int]]) -> str:
    return ".".join(label.rstrip(".)") or str(number) for label, number in path)


class Section(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    heading: Mapped[str] = mapped_column(String(HEADING_MAX))
    prompt: Mapped[str] = mapped_column(Text, default="")
    # How this section's own label is numbered among its siblings.
    number_style: Mapped[str] = mapped_column(String(10), default="none")
    # How the questions directly under this section are numbered.
    question_style: Mapped[str] = mapped_column(String(10), default="decimal")

    parent: Mapped[Section | None] = relationship(remote_side=[id], back_populates="blocks")
    blocks: Mapped[list[Section]] = relationship(
        back_populates="parent", order_by="Section.position", cascade="all, delete-orphan"
    )
    questions: Mapped[list[Question]] = relationship(
        back_populates="section", order_by="Question.position", cascade="all, delete-orphan"
    )

    @property
    def level(self) -> int:
        return 1 if self.parent_id is None else 2


class Question(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[int] = mapped_column(
        ForeignKey("section.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    guidance: Mapped[str] = mapped_column(Text, default="")

    section: Mapped[Section] = relationship(back_populates="questions")
