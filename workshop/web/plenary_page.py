"""The live pages' plenary data besides the room: words, questions, sections, groups' names."""

from flask_babel import gettext as _

from workshop.models import Workshop
from workshop.services import groups
from workshop.services.outline_tree import iter_sections, numbered_outline, outline_questions
from workshop.web.live_strings import per_language, plural


def plenary_page_data(
    workshop: Workshop, texts_of: set[int] | None = None, outline: list[dict] | None = None
) -> dict:
    """The plenary's data blob for one live page (templates/live/_plenary_data.html).

    `texts_of`: the only questions whose text the page may carry (a participant's page carries
    the texts of its group's questions and of those shared or voted on now, no others).
    `outline`: the workshop's numbered outline, if the page has built it already.
    """
    outline = numbered_outline(workshop) if outline is None else outline
    return {
        "strings": plenary_strings(),
        "questions": [
            {
                "id": q["id"],
                "label": q["full_label"],
                "text": q["text"] if texts_of is None or q["id"] in texts_of else "",
            }
            for q in outline_questions(outline)
        ],
        # For the facilitator's choice of what to share; a participant's page has no use for them.
        "sections": [
            {"id": s["id"], "label": s["full_label"], "heading": s["heading"]}
            for s in iter_sections(outline)
        ]
        if texts_of is None
        else [],
        "groups": [{"id": g.id, "name": g.name} for g in groups.list_groups(workshop)],
    }


def participant_question_ids(page) -> set[int]:
    """The questions a participant's page may name: its group's, and those shared or voted on."""
    room = page.room.get("room") or {}
    ids = {q["id"] for section in iter_sections(page.outline) for q in section["questions"]}
    for part in (room.get("share"), room.get("vote")):
        ids.update((part or {}).get("question_ids", []))
    return ids


@per_language
def plenary_strings() -> dict:
    """Every word the plenary's scripts show (shares, dots, results), translated here."""
    return {**share_strings(), **chart_strings(), **dot_strings(), **control_strings()}


def share_strings() -> dict:
    return {
        "share_no_points": _("No points on this question."),
        "several_groups": _("Several groups or added in editing"),
        "announce_shared": _("The facilitator shares every group's points."),
        "announce_share_withdrawn": _("The shared points are no longer shown."),
        "announce_share_updated": _("The shared points were updated."),
        "announce_point_shared": _("%(group)s added a point to what is shared."),
        "announce_published": _("The approved annex is published: you can read and download it."),
        "announce_unpublished": _("The annex is no longer published."),
        "published_version": _("Version %(version)s of the annex is approved and published."),
        "read_annex": _("Read the annex"),
        "download_docx": _("Download as Word"),
        "download_pdf": _("Download as PDF"),
    }


def chart_strings() -> dict:
    return {
        "chart_caption": plural("%(count)s person voted.", "%(count)s people voted."),
        "chart_dots_count": plural("%(count)s dot", "%(count)s dots"),
        "chart_chosen_by": _("chosen by %(share)s of voters"),
        "chart_empty": _("No dots were placed."),
        "chart_rank": _("Rank"),
        "chart_point": _("Point"),
        "chart_dots": _("Dots"),
        "chart_share": _("Share of voters"),
        "chart_by_group": _("By group"),
        "by_group_item": _("%(group)s: %(dots)s"),
        "results_heading": _("Results"),
        "totals_heading": _("Totals so far"),
        # Below the bars that fit on the projector: the points left out.
        "more_points": plural("+%(count)s more point", "+%(count)s more points"),
    }


def dot_strings() -> dict:
    return {
        "vote_open": _(
            "Vote open: place your %(dots)s dots on the points you find most important, "
            "at most %(max)s on one point."
        ),
        "vote_closed": _("The vote is closed. The results come soon."),
        "vote_revealed": _("The vote is over. Here are the results."),
        "announce_vote_open": _("A vote is open: place your dots."),
        "announce_vote_closed": _("The vote is closed."),
        "announce_vote_revealed": _("The results of the vote are shown."),
        "dots_left_of": plural(
            "%(count)s of %(total)s dots left", "%(count)s of %(total)s dots left"
        ),
        "dots_left": plural("%(count)s dot left.", "%(count)s dots left."),
        "your_dots": plural("Your dots: %(count)s", "Your dots: %(count)s"),
        "add_dot": _("Add a dot"),
        "take_back_dot": _("Take back a dot"),
        "dot_placed": _("Dot placed on “%(point)s”."),
        "dot_taken_back": _("Dot taken back from “%(point)s”."),
        "dot_waiting": _("waiting to be sent"),
        "no_dots_left": _("You have no dots left. Take one back to place it elsewhere."),
        "dot_cap_reached": _("At most %(max)s dots on one point."),
        "dot_not_counted": _("A dot on “%(point)s” was not counted: %(reason)s"),
        "dot_not_taken_back": _("A dot on “%(point)s” was not taken back: %(reason)s"),
        "dismiss": _("Dismiss"),
    }


def control_strings() -> dict:
    """The facilitator's share and vote controls on the dashboard."""
    return {
        "share_none": _("Nothing is shared."),
        "share_now_raw": _("Shared with everyone: the groups' notes of %(what)s"),
        "share_now_curated": _("Shared with everyone: the annex's points of %(what)s"),
        "scope_all": _("every question"),
        "vote_none": _("No vote yet."),
        "vote_now_open": _("The vote is open."),
        "vote_now_closed": _("The vote is closed; the results are not shown yet."),
        "vote_now_revealed": _("The results are shown to everyone."),
        "participation_none": _("Nobody has placed dots yet."),
        "participation": plural(
            "%(count)s person has placed dots.", "%(count)s people have placed dots."
        ),
        "vote_settings": _("%(dots)s dots each, at most %(max)s on one point."),
        "action_failed": _("That did not work: %(reason)s"),
        "dots_invalid": _("Give a whole number from 1 to 50."),
        "cap_invalid": _("Give a whole number from 1 to the dots per participant."),
        "connection_lost": _("No connection to the server. Try again in a moment."),
    }
