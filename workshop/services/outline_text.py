"""The outline as plain text (docs/outline-format.md): parse it, import it, export it back.

Parsing builds plain data first and checks every limit, so a malformed text changes nothing.
"""

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.extensions import db
from workshop.formats import lazy_number
from workshop.models import Conflict, DomainError, Facilitator, Group, Question, Section, Workshop
from workshop.models.base import unix_breaks
from workshop.models.outline import (
    MAX_QUESTIONS,
    MAX_SECTIONS,
    OUTLINE_LINES_MAX,
    OUTLINE_TEXT_MAX,
)
from workshop.services import outline as outline_service
from workshop.services.outline_problems import (
    LineProblems,
    line_error,
    mixed_styles,
    unexpected_line,
)
from workshop.services.workshops import create_workshop

HEADING_LINE = re.compile(r"^(#+)(.*)$")
GUIDANCE_LINE = re.compile(r"^>(?: ?)(.*)$")
BULLET_LINE = re.compile(r"^[-*•]\s+(\S.*)$")
MARKER = re.compile(r"^(\d{1,4}|[A-Z]{1,6}|[a-z]{1,2})([.)])\s+(\S.*)$")
# Anything a reader could take for a marker: such headings are written with a leading backslash.
MARKER_LOOKALIKE = re.compile(r"^(\d+|[A-Za-z]+)[.)](\s|$)")
ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
ESCAPE = "\\"


def format_example() -> str:
    """A short example of everything the format can say, in the current language.

    Only the words are translated; the markers are fixed here, so every language's example
    parses as the format describes.
    """
    lines = [
        ("# I. ", _("International work")),
        ("1. ", _("Who can the institute work for and keep its independence?")),
        ("> ", _("Think of countries, companies and funders.")),
        ("2. ", _("What is essential due diligence for such efforts?")),
        ("# II. ", _("National work")),
        ("## A. ", _("Independence")),
        ("> ", _("How can the institute, strategically:")),
        ("a) ", _("Secure its independence and keep its influence?")),
        ("b) ", _("Fulfil its mandate to promote human rights?")),
        ("## B. ", _("Any other business")),
        ("- ", _("Is something missing?")),
    ]
    return "".join(marker + words + "\n" for marker, words in lines)


@dataclass
class ParsedQuestion:
    line: int
    text: str
    style: str
    guidance: list[str] = field(default_factory=list)


@dataclass
class ParsedSection:
    line: int
    heading: str
    number_style: str
    level: int
    prompt: list[str] = field(default_factory=list)
    question_style: str | None = None
    questions: list[ParsedQuestion] = field(default_factory=list)
    blocks: list["ParsedSection"] = field(default_factory=list)
    # Stands in for a wrong heading (or a question before any heading), so the lines under it
    # are checked as they will be once it is fixed (the text is refused anyway).
    stand_in: bool = False


# --- parsing ---


def split_lines(text: str) -> list[str]:
    """Lines as the facilitator sees them: \\r\\n and \\r accepted, a leading BOM ignored."""
    if not isinstance(text, str):
        raise DomainError("outline_text_invalid", _l("Send the outline as text."))
    if len(text) > OUTLINE_TEXT_MAX:
        raise DomainError(
            "outline_text_too_large",
            _l(
                "The outline text may be at most %(max)s characters.",
                max=lazy_number(OUTLINE_TEXT_MAX),
            ),
        )
    text = unix_breaks(text.removeprefix("\ufeff"))
    lines = text.split("\n")
    if len(lines) > OUTLINE_LINES_MAX:
        raise DomainError(
            "outline_text_too_large",
            _l(
                "The outline text may be at most %(max)s lines.", max=lazy_number(OUTLINE_LINES_MAX)
            ),
        )
    return lines


def parse_outline_text(text: str) -> list[ParsedSection]:
    """The sections of an outline text, checked against every limit, or a DomainError that
    names every wrong line (outline_problems.py)."""
    sections: list[ParsedSection] = []
    problems = LineProblems()
    current: ParsedSection | ParsedQuestion | None = None
    for number, raw in enumerate(split_lines(text), start=1):
        content = raw.strip()
        if not content:
            continue
        try:
            current = parse_line(number, content, raw, sections, current)
        except DomainError as error:
            problems.add(error)
            current = stand_in(number, content, sections)
    if not sections and not problems:
        raise DomainError(
            "outline_text_empty",
            _l("The outline needs at least one section heading: a line starting with # ."),
        )
    check_outline(sections, problems)
    problems.raise_if_any()
    return sections


def stand_in(number: int, content: str, sections: list[ParsedSection]):
    """What a wrong line is taken for while the lines after it are read, so that they are judged
    as they will be once it is fixed and one mistake is reported once."""
    heading = HEADING_LINE.match(content)
    if heading is None and (sections or GUIDANCE_LINE.match(content)):
        # A wrong question or guidance: the > lines after it go with it, unjudged.
        return ParsedQuestion(line=number, text="", style="none")
    # A wrong heading, or a question before any heading: what follows is under a stand-in.
    as_block = heading is not None and len(heading.group(1)) > 1 and bool(sections)
    section = ParsedSection(
        line=number, heading="", number_style="none", level=2 if as_block else 1, stand_in=True
    )
    (sections[-1].blocks if as_block else sections).append(section)
    return section


def parse_line(number, content, raw, sections, current):
    """Read one non-blank line into the tree; returns what a following > line belongs to."""
    heading = HEADING_LINE.match(content)
    if heading:
        return parse_heading(number, len(heading.group(1)), heading.group(2).strip(), sections)
    guidance = GUIDANCE_LINE.match(raw.lstrip())
    if guidance:
        if current is None:
            raise line_error(
                number,
                _l("a line starting with > belongs to the heading or question above it."),
            )
        (current.prompt if isinstance(current, ParsedSection) else current.guidance).append(
            guidance.group(1).rstrip()
        )
        return current
    return parse_question(number, content, sections)


def parse_heading(number: int, level: int, rest: str, sections: list[ParsedSection]):
    if level > 2:
        raise line_error(
            number, _l("there are two levels of headings: # for a section, ## for a block.")
        )
    if not rest:
        raise line_error(number, _l("a heading needs its text after the #."))
    siblings = sections if level == 1 else last_section(number, sections).blocks
    style, heading = split_heading_marker(rest, len(siblings) + 1, siblings)
    section = ParsedSection(line=number, heading=heading, number_style=style, level=level)
    siblings.append(section)
    return section


def last_section(number: int, sections: list[ParsedSection]) -> ParsedSection:
    if not sections:
        raise line_error(number, _l("a block (##) must come after a section heading (#)."))
    return sections[-1]


def split_heading_marker(rest: str, position: int, siblings) -> tuple[str, str]:
    """(number style, heading text) of a heading line's text; \\ keeps a marker-like text."""
    if rest.startswith(ESCAPE):
        return "none", rest[1:].strip()
    marker = match_marker(rest)
    if marker is None:
        return "none", rest
    previous = siblings[-1].number_style if siblings else None
    return marker_style(marker.group(1), position, previous), marker.group(3).strip()


def parse_question(number: int, content: str, sections: list[ParsedSection]) -> ParsedQuestion:
    bullet = BULLET_LINE.match(content)
    marker = None if bullet else match_marker(content)
    if bullet is None and marker is None:
        raise unexpected_line(number, content)
    if not sections:
        raise line_error(number, _l("a question must come under a section heading (# …)."))
    owner = sections[-1].blocks[-1] if sections[-1].blocks else sections[-1]
    position = len(owner.questions) + 1
    if bullet is not None:
        style, text = "none", bullet.group(1).strip()
    elif marker is not None:  # one of the two matched (checked above)
        style = marker_style(marker.group(1), position, owner.question_style)
        text = marker.group(3).strip()
    if owner.question_style not in (None, style):
        raise mixed_styles(number, owner.question_style, style)
    owner.question_style = style
    question = ParsedQuestion(line=number, text=text, style=style)
    owner.questions.append(question)
    return question


def match_marker(content: str) -> re.Match[str] | None:
    """A number marker (1. a) A. I.) at the start of a line; longer capitals only as roman."""
    marker = MARKER.match(content)
    if marker is None:
        return None
    letters = marker.group(1)
    if letters.isupper() and len(letters) > 2 and not ROMAN.match(letters):
        return None
    return marker


def marker_style(marker: str, position: int, previous: str | None) -> str:
    """The numbering style a marker is written in; the number itself comes from position.

    Upper-case letters are ambiguous (I. is roman 1 or the ninth letter): the reading that gives
    the expected number wins, then the style of the item above, then roman for I, V, X, ….
    """
    if marker.isdigit():
        return "decimal"
    if marker.islower():
        return "lower"
    candidates = {"upper": alpha_value(marker)}
    if ROMAN.match(marker):
        candidates["roman"] = roman_value(marker)
    for style, value in candidates.items():
        if value == position:
            return style
    if previous in candidates:
        return previous
    return "roman" if "roman" in candidates and len(marker) > 1 else "upper"


def alpha_value(letters: str) -> int:
    value = 0
    for letter in letters.upper():
        value = value * 26 + (ord(letter) - ord("A") + 1)
    return value


def roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for index, letter in enumerate(numeral):
        value = values[letter]
        following = values[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


# --- checking the parsed tree against the outline's limits ---


def check_outline(sections: list[ParsedSection], problems: LineProblems) -> None:
    every_section = [s for section in sections for s in (section, *section.blocks)]
    all_sections = [s for s in every_section if not s.stand_in]
    if len(all_sections) > MAX_SECTIONS:
        problems.add(
            line_error(
                all_sections[MAX_SECTIONS].line,
                _l("an outline can have at most %(max)d sections and blocks.", max=MAX_SECTIONS),
            )
        )
    questions = [q for section in every_section for q in section.questions]
    if len(questions) > MAX_QUESTIONS:
        over = sorted(q.line for q in questions)[MAX_QUESTIONS]
        problems.add(
            line_error(
                over, _l("an outline can have at most %(max)d questions.", max=MAX_QUESTIONS)
            )
        )
    for section in every_section:
        if not section.stand_in:
            clean_at(problems, section.line, outline_service.clean_heading, section.heading)
            clean_at(
                problems, section.line, outline_service.clean_prompt, "\n".join(section.prompt)
            )
        for question in section.questions:
            clean_at(problems, question.line, outline_service.clean_question_text, question.text)
            guidance = "\n".join(question.guidance)
            clean_at(problems, question.line, outline_service.clean_guidance, guidance)


def clean_at(problems: LineProblems, line: int, cleaner, value: str) -> None:
    try:
        cleaner(value)
    except DomainError as error:
        problems.add(line_error(line, error.message))


# --- importing ---


def import_outline(workshop: Workshop, text: str) -> None:
    """Replace the workshop's outline with the one in `text` (only while it has no notes)."""
    if outline_service.workshop_has_notes(workshop):
        raise Conflict(
            "outline_has_notes",
            _l(
                "Groups have written notes already, so the outline cannot be replaced. "
                "Edit it part by part instead."
            ),
        )
    parsed = parse_outline_text(text)
    for section in outline_service.top_sections(workshop):
        db.session.delete(section)
    db.session.flush()
    reset_group_choices(workshop)
    build_outline(workshop, parsed)
    outline_service.commit_outline(workshop.id)


def create_workshop_from_outline(
    owner: Facilitator, title: str, text: str, language: str = "en"
) -> Workshop:
    """A new draft workshop with the outline in `text`; nothing is created if the text is bad."""
    parsed = parse_outline_text(text)
    workshop = create_workshop(owner, {"title": title, "language": language})
    build_outline(workshop, parsed)
    db.session.commit()
    return workshop


def reset_group_choices(workshop: Workshop) -> None:
    """The old questions are gone, so groups that chose some work on all the new ones."""
    for group in db.session.scalars(select(Group).where(Group.workshop_id == workshop.id)):
        group.all_questions = True
        group.chosen_questions = []
        group.chosen_sections = []


def build_outline(workshop: Workshop, parsed: list[ParsedSection], parent=None) -> None:
    for position, item in enumerate(parsed):
        section = Section(
            workshop_id=workshop.id,
            parent=parent,
            position=position,
            heading=outline_service.clean_heading(item.heading),
            prompt=outline_service.clean_prompt("\n".join(item.prompt)),
            number_style=item.number_style,
            question_style=item.question_style or default_question_style(item),
        )
        db.session.add(section)
        for question_position, question in enumerate(item.questions):
            db.session.add(
                Question(
                    workshop_id=workshop.id,
                    section=section,
                    position=question_position,
                    text=outline_service.clean_question_text(question.text),
                    guidance=outline_service.clean_guidance("\n".join(question.guidance)),
                )
            )
        build_outline(workshop, item.blocks, parent=section)


def default_question_style(section: ParsedSection) -> str:
    """A section with no questions of its own: number like its first block's, or 1. 2. 3."""
    for block in section.blocks:
        if block.question_style:
            return block.question_style
    return outline_service.DEFAULT_QUESTION_STYLE


# --- exporting ---


def export_outline(workshop: Workshop) -> str:
    """The outline in the text format; importing it gives the same outline back."""
    lines: list[str] = []
    for section in outline_service.numbered_outline(workshop):
        write_section(lines, section)
    return "".join(line + "\n" for line in lines)


def write_section(lines: list[str], node: dict) -> None:
    lines.append("#" * node["level"] + " " + heading_text(node))
    lines.extend(quoted(node["prompt"]))
    for question in node["questions"]:
        lines.append(f"{question['label'] or '-'} {question['text']}")
        lines.extend(quoted(question["guidance"]))
    for block in node["blocks"]:
        write_section(lines, block)


def heading_text(node: dict) -> str:
    if node["label"]:
        return f"{node['label']} {node['heading']}"
    heading = node["heading"]
    if heading.startswith(ESCAPE) or MARKER_LOOKALIKE.match(heading):
        return ESCAPE + heading
    return heading


def quoted(text: str) -> list[str]:
    if not text:
        return []
    return [f"> {line}" if line else ">" for line in text.split("\n")]
