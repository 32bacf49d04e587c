"""The wrong lines of an outline text: what is wrong with each, gathered so that one refusal
reports them all."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from workshop.models import DomainError
from workshop.models.outline import format_number

# How many wrong lines one refusal lists; the rest are counted ("…and 12 more lines").
LISTED_PROBLEMS_MAX = 20


def line_error(line: int, problem) -> DomainError:
    """One wrong line: "Line 3: <what is wrong>"."""
    return DomainError(
        "outline_text_invalid",
        _l("Line %(line)d: %(problem)s", line=line, problem=problem),
        line=line,
    )


def unexpected_line(line: int, content: str) -> DomainError:
    shown = content if len(content) <= 60 else content[:57] + "…"
    return line_error(
        line,
        _l(
            "expected a section heading (# …), a block heading (## …), a question starting "
            "with its number (1. …, a) …, A. …) or with - , or guidance starting with >, "
            "but found “%(text)s”.",
            text=shown,
        ),
    )


def mixed_styles(number: int, expected: str, found: str) -> DomainError:
    # "-" is "not numbered": said as such, not as a numbering style of its own.
    if not format_number(found, 1) or not format_number(expected, 1):
        return line_error(
            number,
            _l(
                "the questions under one heading are either all numbered or none: "
                "a question starting with “-” cannot stand with numbered ones."
            ),
        )
    return line_error(
        number,
        _l(
            "the questions under one heading are numbered in one style: this one is "
            "numbered like “%(found)s” but the one above like “%(expected)s”.",
            found=format_number(found, 1),
            expected=format_number(expected, 1),
        ),
    )


class LineProblems:
    """The wrong lines met while reading a text, the first problem of each line kept."""

    def __init__(self) -> None:
        self.by_line: dict[int, DomainError] = {}

    def add(self, error: DomainError) -> None:
        self.by_line.setdefault(error.details["line"], error)

    def __bool__(self) -> bool:
        return bool(self.by_line)

    def raise_if_any(self) -> None:
        if self.by_line:
            raise outline_text_invalid([self.by_line[line] for line in sorted(self.by_line)])


def outline_text_invalid(errors: list[DomainError]) -> DomainError:
    """One refusal for every wrong line: its message says each (up to LISTED_PROBLEMS_MAX) on a
    line of its own; details give the first line, the listed lines and how many more there are.
    """
    listed, more = errors[:LISTED_PROBLEMS_MAX], len(errors) - LISTED_PROBLEMS_MAX
    problems = [{"line": e.details["line"], "message": str(e.message)} for e in listed]
    details = {"line": problems[0]["line"], "problems": problems, "more_problems": max(more, 0)}
    if len(errors) == 1:
        return DomainError("outline_text_invalid", errors[0].message, **details)
    sentences = [
        ngettext("%(num)d line needs fixing:", "%(num)d lines need fixing:", len(errors)),
        *(problem["message"] for problem in problems),
    ]
    if more > 0:
        sentences.append(
            ngettext(
                "…and %(num)d more wrong line after these.",
                "…and %(num)d more wrong lines after these.",
                more,
            )
        )
    return DomainError("outline_text_invalid", "\n".join(sentences), **details)


def problem_sentences(error: DomainError) -> list[str]:
    """A refusal as sentences for a page's list of errors: each wrong line is one."""
    return str(error.message).split("\n")
