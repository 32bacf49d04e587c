"""The annex page's votes panel: the latest finished vote's ranked results and the publication."""

from workshop.annex.votes import finished_vote
from workshop.models import Vote, Workshop
from workshop.services.plenary_state import current_publication, vote_dict


def annex_vote_panel(workshop: Workshop) -> dict:
    """{chart: the results chart's data or None, publication: the version published or None}."""
    vote = finished_vote(workshop.id)
    published = current_publication(workshop)
    return {
        "chart": results_chart_data(vote, workshop) if vote else None,
        "publication": published.version_number if published else None,
    }


def results_chart_data(vote: Vote, workshop: Workshop) -> dict:
    """The vote's points ranked with their dots and voters (templates/votes/_chart.html)."""
    shown = vote_dict(vote, workshop)
    text_of = {point["id"]: point["text"] for point in shown["points"]}
    points = [
        {**result, "id": result["point_id"], "text": text_of[result["point_id"]]}
        for result in shown["results"]
        if result["point_id"] in text_of
    ]
    return {"points": points, "voters": shown["voters"]}
