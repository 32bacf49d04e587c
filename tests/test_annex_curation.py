"""Compiling notes into the annex and the secretary's curation, seen in the exported document."""

import pytest
from annex_helpers import (
    add_note,
    call,
    delete_note,
    edit_note,
    exported,
    point_ids,
    question_ids,
    set_workshop,
)

from workshop.annex import curate, duplicates
from workshop.annex.header import update_annex_header
from workshop.annex.versions import approve_annex
from workshop.models import DomainError


def bullets(markdown: str) -> list[str]:
    """The top-level bullet lines of a Markdown export, in order."""
    return [line[2:] for line in markdown.splitlines() if line.startswith("- ")]


@pytest.fixture
def workshop(make_workshop):
    return make_workshop(questions=2, groups=3)


def test_points_start_from_all_groups_notes_in_group_order_then_time(app, workshop):
    add_note(app, workshop, "Third group early", group=2, minute=1)
    add_note(app, workshop, "First group late", group=0, minute=9)
    add_note(app, workshop, "Second group", group=1, minute=5)
    add_note(app, workshop, "First group early", group=0, minute=2)
    add_note(app, workshop, "Other question", question=1, group=0)

    markdown = exported(app, workshop)

    assert bullets(markdown) == [
        "First group early",
        "First group late",
        "Second group",
        "Third group early",
        "Other question",
    ]
    assert "Group 1" not in markdown  # no attribution by default, as in minutes


def test_dash_lines_of_a_note_become_nested_sub_points(app, workshop):
    add_note(app, workshop, "Partners we can work with:\n- UN bodies\n- NGOs\nAnd a new thought")

    markdown = exported(app, workshop)

    assert "- Partners we can work with:\n  - UN bodies\n  - NGOs\n- And a new thought" in markdown


def test_until_curating_starts_points_follow_note_edits_and_deletions(app, workshop):
    kept = add_note(app, workshop, "Typo in teh note")
    gone = add_note(app, workshop, "Deleted later")
    exported(app, workshop)

    edit_note(app, kept, "Typo fixed in the note")
    delete_note(app, gone)

    assert bullets(exported(app, workshop)) == ["Typo fixed in the note"]


def test_curated_wording_survives_later_notes_and_note_edits(app, workshop):
    note = add_note(app, workshop, "Work with civil society")
    [point] = point_ids(app, workshop)
    call(app, curate.edit_point, workshop, point, "Cooperate with civil society organisations")

    edit_note(app, note, "Participant rewrote this")
    late = add_note(app, workshop, "A note written after curating", group=1)

    assert bullets(exported(app, workshop)) == ["Cooperate with civil society organisations"]
    [new_point] = point_ids(app, workshop, pending=True)
    call(app, curate.decide_new_point, workshop, new_point, take_in=True)
    assert bullets(exported(app, workshop)) == [
        "Cooperate with civil society organisations",
        "A note written after curating",
    ]
    assert late  # the note itself is untouched


def test_a_new_note_left_out_stays_out_and_is_not_offered_again(app, workshop):
    add_note(app, workshop, "First")
    [first] = point_ids(app, workshop)
    call(app, curate.set_point_excluded, workshop, first, False)  # no change: not curating yet
    call(app, curate.move_point, workshop, first, "up")  # at the top: nothing to do
    call(app, curate.edit_point, workshop, first, "First, reworded")
    add_note(app, workshop, "Unwanted")
    [new_point] = point_ids(app, workshop, pending=True)

    call(app, curate.decide_new_point, workshop, new_point, take_in=False)

    assert bullets(exported(app, workshop)) == ["First, reworded"]
    assert point_ids(app, workshop, pending=True) == []
    with pytest.raises(DomainError) as refused:
        call(app, curate.decide_new_point, workshop, new_point, take_in=True)
    assert refused.value.code == "annex_point_not_new"


def test_editor_excludes_includes_and_reorders_points(app, workshop):
    for text in ("Alpha", "Beta", "Gamma"):
        add_note(app, workshop, text)
    alpha, beta, gamma = point_ids(app, workshop)

    call(app, curate.set_point_excluded, workshop, beta, True)
    call(app, curate.move_point, workshop, gamma, "up")
    call(app, curate.move_point, workshop, gamma, "up")
    assert bullets(exported(app, workshop)) == ["Gamma", "Alpha"]

    call(app, curate.set_point_excluded, workshop, beta, False)
    call(app, curate.move_point, workshop, alpha, "down")
    assert bullets(exported(app, workshop)) == ["Gamma", "Beta", "Alpha"]


def test_merging_points_keeps_their_sources_and_takes_the_editors_wording(app, workshop):
    from workshop.annex.page import annex_page
    from workshop.extensions import db
    from workshop.models import Workshop

    first = add_note(app, workshop, "Independence matters", group=0)
    add_note(app, workshop, "Between", group=0)
    second = add_note(app, workshop, "Stay independent of donors", group=1)
    one, between, two = point_ids(app, workshop)

    merged = call(app, curate.merge_points, workshop, [two, one], "Independence, also from donors")

    assert merged == one  # the first point keeps its place
    assert bullets(exported(app, workshop)) == ["Independence, also from donors", "Between"]
    with app.app_context():
        page = annex_page(db.session.get(Workshop, workshop))
        point = page.sections[0]["questions"][0]["points"][0]
    assert [s["note_id"] for s in point["sources"]] == [first, second]
    assert [s["group"] for s in point["sources"]] == ["Group 1", "Group 2"]
    assert between


def test_merging_without_wording_makes_one_point_of_each_points_text(app, workshop):
    add_note(app, workshop, "One", group=0)
    add_note(app, workshop, "Two\n- detail", group=1)
    one, two = point_ids(app, workshop)

    call(app, curate.merge_points, workshop, [one, two])

    # One bullet (the lines as they were would stay two), every word and sub-point kept.
    assert "- One; Two\n  - detail" in exported(app, workshop)
    assert len(point_ids(app, workshop)) == 1


def test_merging_refuses_points_of_different_questions_and_single_points(app, workshop):
    add_note(app, workshop, "Here", question=0)
    add_note(app, workshop, "There", question=1)
    [here], [there] = point_ids(app, workshop, 0), point_ids(app, workshop, 1)

    for ids, code in (([here, there], "annex_merge_questions"), ([here], "annex_merge_too_few")):
        with pytest.raises(DomainError) as refused:
            call(app, curate.merge_points, workshop, ids)
        assert refused.value.code == code


def test_editor_adds_a_point_by_hand_and_may_delete_only_such_points(app, workshop):
    add_note(app, workshop, "From a note")
    question = question_ids(app, workshop)[0]

    manual = call(app, curate.add_point, workshop, question, "Added by the secretary")
    assert bullets(exported(app, workshop)) == ["From a note", "Added by the secretary"]

    [from_note, _manual] = point_ids(app, workshop)
    with pytest.raises(DomainError) as refused:
        call(app, curate.delete_point, workshop, from_note)
    assert refused.value.code == "annex_point_from_notes"
    call(app, curate.delete_point, workshop, manual)
    assert bullets(exported(app, workshop)) == ["From a note"]


def test_point_wording_has_a_limit_and_may_not_be_empty(app, workshop):
    add_note(app, workshop, "Note")
    [point] = point_ids(app, workshop)
    for text, code in (("   ", "annex_point_empty"), ("x" * 10001, "annex_point_too_long")):
        with pytest.raises(DomainError) as refused:
            call(app, curate.edit_point, workshop, point, text)
        assert refused.value.code == code


def test_a_point_of_another_workshop_is_not_found(app, make_workshop, workshop):
    other = make_workshop()
    add_note(app, other, "Someone else's")
    [foreign] = point_ids(app, other)
    with pytest.raises(DomainError) as refused:
        call(app, curate.edit_point, workshop, foreign, "Mine now")
    assert refused.value.status == 404


def test_group_marks_and_grouping_per_group_are_optional(app, workshop):
    add_note(app, workshop, "Red point", group=0)
    add_note(app, workshop, "Blue point", group=1)
    add_note(app, workshop, "Blue again", group=1)
    red, blue, _again = point_ids(app, workshop)
    call(app, curate.merge_points, workshop, [red, blue], "Shared point")

    call(app, update_annex_header, workshop, {"attribution": "mark"})
    assert bullets(exported(app, workshop)) == [
        "Shared point *(Group 1, Group 2)*",
        "Blue again *(Group 2)*",
    ]

    call(app, update_annex_header, workshop, {"attribution": "grouped"})
    markdown = exported(app, workshop)
    assert "#### Group 2\n\n- Blue again\n\n#### Several groups\n\n- Shared point" in markdown


def test_duplicates_are_suggested_across_groups_and_can_be_accepted_or_dismissed(app, workshop):
    add_note(app, workshop, "Samarbejde med civilsamfundets organisationer", group=0)
    add_note(app, workshop, "Samarbejde med civilsamfundsorganisationer", group=1)
    add_note(app, workshop, "Samarbejde med civilsamfundets organisationer!", group=0)
    add_note(app, workshop, "Budgettet skal være gennemsigtigt", group=2)

    # Points are in group order: group 1 (two notes), then group 2, then group 3.
    first, same_group, second, unrelated = point_ids(app, workshop)
    pairs = suggested(app, workshop)
    assert (first, second) in pairs
    assert (same_group, second) in pairs
    assert (first, same_group) not in pairs  # the same group: not a duplicate across groups
    assert not any(unrelated in pair for pair in pairs)

    call(app, duplicates.dismiss_duplicate, workshop, second, same_group)
    assert (second, same_group) not in suggested(app, workshop)

    call(app, duplicates.accept_duplicate, workshop, second, first)
    assert bullets(exported(app, workshop)) == [
        "Samarbejde med civilsamfundets organisationer",
        "Samarbejde med civilsamfundets organisationer!",
        "Budgettet skal være gennemsigtigt",
    ]


def suggested(app, workshop: int) -> list[tuple[int, int]]:
    from workshop.annex.sync import compile_annex
    from workshop.extensions import db
    from workshop.models import Workshop

    with app.app_context():
        workshop_row = db.session.get(Workshop, workshop)
        found = duplicates.suggest_duplicates(workshop_row, compile_annex(workshop_row))
        return [(s.first_point_id, s.second_point_id) for q in found.values() for s in q]


def test_a_pair_across_groups_is_found_below_many_within_one_group(app, workshop, monkeypatch):
    # Only the best pair of a question is kept between page views here: it is within group 1,
    # so the question is weighed again in full to find the pair across groups below it.
    monkeypatch.setattr(duplicates, "PAIRS_KEPT_PER_QUESTION", 1)
    add_note(app, workshop, "Samarbejde med civilsamfundets organisationer", group=0)
    add_note(app, workshop, "Samarbejde med civilsamfundets organisationer!", group=0)
    add_note(app, workshop, "Et tættere samarbejde med civilsamfundsorganisationerne", group=1)
    first, same_group, other_group = point_ids(app, workshop)

    pairs = suggested(app, workshop)
    assert (first, other_group) in pairs and (same_group, other_group) in pairs
    assert (first, same_group) not in pairs
    assert suggested(app, workshop) == pairs  # and again from what was kept


def test_a_reworded_point_is_weighed_again_on_the_next_view(app, workshop):
    add_note(app, workshop, "Samarbejde med civilsamfundets organisationer", group=0)
    add_note(app, workshop, "Samarbejde med civilsamfundsorganisationer", group=1)
    first, second = point_ids(app, workshop)
    assert suggested(app, workshop) == [(first, second)]

    call(app, curate.edit_point, workshop, second, "Budgettet skal være gennemsigtigt")
    assert suggested(app, workshop) == []
    call(app, curate.edit_point, workshop, second, "Samarbejde med civilsamfundsorganisationer")
    assert suggested(app, workshop) == [(first, second)]


def test_approved_version_stays_as_it_was_and_further_edits_start_a_new_draft(
    app, workshop, make_facilitator
):
    from workshop.extensions import db
    from workshop.models import Facilitator

    add_note(app, workshop, "Approved wording")
    with app.app_context():
        approver = db.session.get(Facilitator, make_facilitator(name="Secretary Sam"))
        version = approve_annex(
            db.session.get(__import__("workshop").models.Workshop, workshop), approver
        )
        assert (version.number, version.approved_by_name) == (1, "Secretary Sam")
    approved_markdown = exported(app, workshop, version=1)
    approved_word = exported(app, workshop, "docx", version=1)
    assert "*Version 1, approved" in approved_markdown

    [point] = point_ids(app, workshop)
    call(app, curate.edit_point, workshop, point, "Changed after approval")
    add_note(app, workshop, "Later note")
    call(app, update_annex_header, workshop, {"title": "A new title"})

    assert exported(app, workshop, version=1) == approved_markdown
    assert exported(app, workshop, "docx", version=1) == approved_word
    draft = exported(app, workshop)
    assert "*Draft of version 2*" in draft
    assert "Changed after approval" in draft
    assert "Approved wording" not in draft


def test_approving_twice_without_a_change_is_refused_and_unknown_versions_are_not_found(
    app, workshop
):
    call(app, approve_annex, workshop, None)
    with pytest.raises(DomainError) as twice:
        call(app, approve_annex, workshop, None)
    assert twice.value.code == "annex_already_approved"
    with pytest.raises(DomainError) as missing:
        exported(app, workshop, version=7)
    assert missing.value.status == 404


def test_header_takes_the_workshops_values_until_the_editor_changes_them(app, workshop):
    import datetime

    set_workshop(
        app,
        workshop,
        language="da",
        date=datetime.date(2025, 3, 4),
        document_number="2025-117",
        reference="J.nr. 14/00321",
        annex_title="Gruppernes noter",
    )
    markdown = exported(app, workshop)
    assert "Dato: 4. marts 2025\\\n" in markdown  # fixed words and date in the meeting's language
    assert "2025-117" in markdown and "J.nr. 14/00321" in markdown
    assert "# Gruppernes noter" in markdown

    call(
        app,
        update_annex_header,
        workshop,
        {"label_word": "BILAG", "label_number": "3", "title": "Noter fra grupperne"},
    )
    set_workshop(app, workshop, annex_title="Changed on the workshop", document_number="2025-118")
    markdown = exported(app, workshop)
    assert markdown.startswith("**BILAG 3**")
    assert "# Noter fra grupperne" in markdown  # the editor's title stays
    assert "2025-118" in markdown  # an untouched field still follows the workshop


def test_reordering_the_groups_reorders_points_not_yet_curated(app, workshop):
    from workshop.extensions import db
    from workshop.models import Group

    add_note(app, workshop, "From the first group", group=0)
    add_note(app, workshop, "From the second group", group=1)
    assert bullets(exported(app, workshop)) == ["From the first group", "From the second group"]

    with app.app_context():
        first, second = db.session.scalars(
            db.select(Group).where(Group.workshop_id == workshop).order_by(Group.position)
        ).all()[:2]
        first.position, second.position = second.position, first.position
        db.session.commit()

    assert bullets(exported(app, workshop)) == ["From the second group", "From the first group"]
