"""The annex page's votes panel: the latest finished vote's ranked results and the publication."""

from workshop.annex.text import parse_items
from workshop.annex.votes import finished_vote
from workshop.models import Workshop
from workshop.services import groups
from workshop.services.plenary_state import current_publication, vote_dict


def annex_vote_panel(workshop: Workshop) -> dict:
    """{chart: the results chart's data or None, publication: the version published or None}."""
    vote = finished_vote(workshop.id)
    published = current_publication(workshop)
    return {
        "chart": results_chart(vote_dict(vote, workshop), workshop) if vote else None,
        "publication": published.version_number if published else None,
    }


def results_chart(shown: dict, workshop: Workshop) -> dict:
    """A vote's points ranked with their dots and voters (templates/votes/_chart.html), from the
    vote as read (`vote_dict`) or as published (a publication's `results`); a point's `items` are
    its text as list items with their "- " sub-points, as templates/annex/_point.html shows them."""
    text_of = {point["id"]: point["text"] for point in shown.get("points", [])}
    by_group = shown.get("by_group")
    points = [
        {
            **result,
            "id": result["point_id"],
            "text": text_of[result["point_id"]],
            "items": parse_items(text_of[result["point_id"]]),
            "groups": dots_by_group(workshop, by_group, result["point_id"]),
        }
        for result in shown.get("results", [])
        if result["point_id"] in text_of
    ]
    return {"points": points, "voters": shown.get("voters", 0), "by_group": by_group is not None}


def dots_by_group(workshop: Workshop, by_group: dict | None, point_id: int) -> list[dict]:
    """A point's dots per group, named — only in a named workshop (the server's `by_group`)."""
    if by_group is None:
        return []
    names = {str(group.id): group.name for group in groups.list_groups(workshop)}
    counts = by_group.get(str(point_id), {})
    return [{"name": names.get(gid, ""), "dots": dots} for gid, dots in counts.items()]
