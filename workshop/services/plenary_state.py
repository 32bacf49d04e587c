"""Reading the plenary: the share, the vote with its results, a participant's own dots, and
what each audience may see of them (docs/realtime.md, "Plenary: share and vote").

The feed keeps every part in full; `shaped_plenary` leaves out, per audience, what it may not
see: author names outside a named workshop, and a vote's totals before they are public.
Nothing here ever names who placed a dot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import distinct, func, select

from workshop.extensions import db
from workshop.models import Annex, AnnexVersion, Change, Dot, Publication, Share, Vote, Workshop
from workshop.models.plenary import SHARE_CHANGED, SHARE_POINT
from workshop.models.room import aware
from workshop.services.plenary_points import named_questions, raw_points

if TYPE_CHECKING:  # changes.py imports this module to shape the feed
    from workshop.services.changes import Viewer


def timestamp(value) -> str | None:
    value = aware(value)
    return value.isoformat() if value is not None else None


# --- the share ---


def current_share(workshop: Workshop) -> Share | None:
    return db.session.scalar(
        select(Share)
        .where(Share.workshop_id == workshop.id, Share.withdrawn_at.is_(None))
        .order_by(Share.id.desc())
        .limit(1)
    )


def shared_now(workshop: Workshop) -> dict | None:
    """The current share, as its last `share:changed` carried it (or None); a raw share with
    its notes as they are now, since it follows them (its `share:point` changes)."""
    share = current_share(workshop)
    if share is None:
        return None
    payload = db.session.scalar(
        select(Change.payload)
        .where(Change.workshop_id == workshop.id, Change.kind == SHARE_CHANGED)
        .order_by(Change.seq.desc())
        .limit(1)
    )
    shared = (payload or {}).get("share")
    if shared is not None and share.source == "raw" and share.question_ids is not None:
        # Read after the caller's last_seq: a note newer than it comes again as a change, and a
        # client applies a point idempotently (by its id).
        shared = {**shared, "points": raw_points(workshop, shared["question_ids"])}
    return shared


def share_dict(
    share: Share, question_ids: list[int], points: list[dict], questions: list[dict]
) -> dict:
    return {
        "id": share.id,
        "source": share.source,
        "scope": share.scope,
        "target_id": share.target_id,
        "question_ids": question_ids,
        "questions": questions,
        "shared_at": timestamp(share.shared_at),
        "points": points,
    }


# --- the vote ---


def current_vote(workshop: Workshop) -> Vote | None:
    """The room's vote: the latest one opened."""
    return db.session.scalar(
        select(Vote)
        .where(Vote.workshop_id == workshop.id)
        .order_by(Vote.id.desc())
        .limit(1)
        .execution_options(populate_existing=True)
    )


def counted_dots(vote_id: int):
    return (Dot.vote_id == vote_id, Dot.removed_at.is_(None))


def vote_results(vote: Vote) -> list[dict]:
    """The points ranked: most dots first, then the points' own order; equal counts share a rank."""
    rows = db.session.execute(
        select(Dot.point_id, func.count(), func.count(distinct(Dot.participant_id)))
        .where(*counted_dots(vote.id))
        .group_by(Dot.point_id)
    )
    counts = {point_id: (dots, voters) for point_id, dots, voters in rows}
    ranked = sorted(vote.points, key=lambda point: -counts.get(point.id, (0, 0))[0])
    results: list[dict] = []
    for point in ranked:
        dots, voters = counts.get(point.id, (0, 0))
        tied = results and results[-1]["dots"] == dots
        rank = results[-1]["rank"] if tied else len(results) + 1
        results.append({"point_id": point.id, "dots": dots, "voters": voters, "rank": rank})
    return results


def voter_count(vote_id: int) -> int:
    """How many people have placed at least one dot (the participation)."""
    query = select(func.count(distinct(Dot.participant_id))).where(*counted_dots(vote_id))
    return db.session.scalar(query) or 0


def dots_by_group(vote_id: int) -> dict[str, dict[str, int]]:
    rows = db.session.execute(
        select(Dot.point_id, Dot.group_id, func.count())
        .where(*counted_dots(vote_id), Dot.group_id.is_not(None))
        .group_by(Dot.point_id, Dot.group_id)
    )
    breakdown: dict[str, dict[str, int]] = {}
    for point_id, group_id, count in rows:
        breakdown.setdefault(str(point_id), {})[str(group_id)] = count
    return breakdown


def tally(vote: Vote, workshop: Workshop) -> dict:
    """The vote's counts: {results, voters} and, in a named workshop, by_group."""
    counts: dict = {"results": vote_results(vote), "voters": voter_count(vote.id)}
    if workshop.names_visible_to_peers:
        counts["by_group"] = dots_by_group(vote.id)
    return counts


def vote_dict(vote: Vote, workshop: Workshop) -> dict:
    """The whole vote, as facilitators see it (`shaped_vote` trims it for others)."""
    return {
        "id": vote.id,
        "status": vote.status,
        "source": vote.source,
        "scope": vote.scope,
        "target_id": vote.target_id,
        **vote_questions(vote, workshop),
        "dots_per_participant": vote.dots_per_participant,
        "max_per_point": vote.max_per_point,
        "show_totals": vote.show_totals,
        "timer": vote.timer,
        "opened_at": timestamp(vote.opened_at),
        "closed_at": timestamp(vote.closed_at),
        "revealed_at": timestamp(vote.revealed_at),
        "points": [point_dict(point) for point in vote.points],
        **tally(vote, workshop),
    }


def vote_questions(vote: Vote, workshop: Workshop) -> dict:
    """The questions of the vote's points, in outline order: their ids, and their numbers and
    texts (as a share names them), for a page that knew only its own group's questions."""
    present = [point.question_id for point in vote.points if point.question_id is not None]
    questions = named_questions(workshop, present)
    return {"question_ids": [question["id"] for question in questions], "questions": questions}


def point_dict(point) -> dict:
    return {
        "id": point.id,
        "position": point.position,
        "question_id": point.question_id,
        "group_id": point.group_id,
        "text": point.text,
    }


def my_dots(vote: Vote, participant_id: int) -> dict:
    """A participant's own dots (with their client ids) and how many they have left."""
    rows = db.session.execute(
        select(Dot.id, Dot.point_id)
        .where(*counted_dots(vote.id), Dot.participant_id == participant_id)
        .order_by(Dot.placed_seq)
    ).all()
    dots = [{"id": dot_id, "point_id": point_id} for dot_id, point_id in rows]
    return {"dots": dots, "left": max(0, vote.dots_per_participant - len(dots))}


# --- what each audience sees ---

TALLY_KEYS = ("results", "voters")


def shaped_vote(vote: dict, for_facilitators: bool) -> dict:
    """A vote (or a dots change) as one audience may see it; never who placed a dot."""
    public = vote.get("status") == "revealed" or vote.get("show_totals")
    shaped = dict(vote)
    if not for_facilitators and not public:
        for key in TALLY_KEYS:
            shaped.pop(key, None)
    if not for_facilitators and vote.get("status") != "revealed":
        shaped.pop("by_group", None)
    return shaped


def without_author(point: dict) -> dict:
    return {key: value for key, value in point.items() if key != "author_name"}


def shaped_share(share: dict | None, names_visible: bool) -> dict | None:
    if share is None or names_visible:
        return share
    return {**share, "points": [without_author(point) for point in share["points"]]}


def shaped_plenary(message: dict, names_visible: bool, for_facilitators: bool) -> dict:
    """Trim a change's plenary parts (share, a shared point, vote, a dots tally) for one
    audience."""
    if "share" in message:
        message["share"] = shaped_share(message["share"], names_visible)
    if message.get("kind") == SHARE_POINT and not names_visible:
        message["point"] = without_author(message["point"])
    if isinstance(message.get("vote"), dict):
        message["vote"] = shaped_vote(message["vote"], for_facilitators)
    if "vote_id" in message and not for_facilitators:
        message = shaped_vote(message, for_facilitators=False)
    return message


# --- the publication ---


def current_publication(workshop: Workshop) -> Publication | None:
    return db.session.scalar(
        select(Publication)
        .where(Publication.workshop_id == workshop.id, Publication.withdrawn_at.is_(None))
        .order_by(Publication.id.desc())
        .limit(1)
    )


# What participants may download of a published annex.
PUBLISHED_FORMATS = ("docx", "pdf")


def publication_dict(publication: Publication | None, approved_at=None) -> dict | None:
    if publication is None:
        return None
    workshop_id = publication.workshop_id
    return {
        "version": publication.version_number,
        "approved_at": timestamp(approved_at),
        "published_at": timestamp(publication.published_at),
        "include_votes": publication.include_votes,
        "results": publication.results.get("results") if publication.include_votes else None,
        "downloads": {fmt: f"/w/{workshop_id}/annex/{fmt}" for fmt in PUBLISHED_FORMATS},
    }


def approved_at_of(workshop: Workshop, publication: Publication):
    return db.session.scalar(
        select(AnnexVersion.approved_at)
        .join(Annex, Annex.id == AnnexVersion.annex_id)
        .where(Annex.workshop_id == workshop.id, AnnexVersion.number == publication.version_number)
    )


def published_now(workshop: Workshop) -> dict | None:
    publication = current_publication(workshop)
    if publication is None:
        return None
    return publication_dict(publication, approved_at_of(workshop, publication))


# --- the plenary's keys of the room object, for one reader ---


def vote_for(workshop: Workshop, viewer: Viewer) -> dict | None:
    """The room's vote as this reader may see it; a participant's answer adds `mine`."""
    vote = current_vote(workshop)
    if vote is None:
        return None
    shaped = shaped_vote(vote_dict(vote, workshop), viewer.is_facilitator)
    if viewer.participant_id is not None:
        shaped["mine"] = my_dots(vote, viewer.participant_id)
    return shaped


def share_for(workshop: Workshop, viewer: Viewer) -> dict | None:
    names_visible = viewer.is_facilitator or workshop.names_visible_to_peers
    return shaped_share(shared_now(workshop), names_visible)


def plenary_view(workshop: Workshop, viewer: Viewer) -> dict:
    """{share, vote, publication} of the room object (displays get no publication)."""
    return {
        "share": share_for(workshop, viewer),
        "vote": vote_for(workshop, viewer),
        "publication": None if viewer.is_display else published_now(workshop),
    }
