"""The translated words the live pages' JavaScript shows; the JS itself holds no English.

Placeholders stay as %(name)s for the JS to fill in. Plural forms come as *_one / *_other pairs
(enough for English, Danish and Norwegian Bokmål); the JS picks one with Intl.PluralRules.
"""

import re
from collections.abc import Callable
from functools import wraps

from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def per_language(build: Callable[[], dict]) -> Callable[[], dict]:
    """Build a page's words once per interface language: they depend on nothing else, and a
    page load translated a hundred and more of them each time. Callers only read the dict."""
    built: dict[str, dict] = {}

    @wraps(build)
    def words() -> dict:
        language = str(get_locale())
        if language not in built:
            built[language] = build()
        return built[language]

    return words


def plural(singular: str, plural_text: str) -> dict[str, str]:
    """The one/other forms of a counted phrase, its %(name)s placeholders left in for the JS."""
    keep = {name: f"%({name})s" for name in PLACEHOLDER.findall(singular + plural_text)}
    return {
        "one": ngettext(singular, plural_text, 1, **keep),
        "other": ngettext(singular, plural_text, 2, **keep),
    }


def common_strings() -> dict[str, str]:
    """Connection, note states, note controls and announcements: both pages use these."""
    return {
        "connection_connecting": _("Connecting…"),
        "connection_online": _("Online"),
        "connection_catching_up": _("Catching up…"),
        "connection_reconnecting": _("Reconnecting…"),
        "connection_offline": _("Offline"),
        "connection_refused": _("Not connected"),
        "refused_reason": _("Not connected: %(reason)s"),
        "announce_offline": _(
            "You are offline. Your notes are kept on this device and sent when you are back online."
        ),
        "announce_reconnecting": _("Connection lost. Trying to reconnect…"),
        "announce_online": _("Back online."),
        "state_sending": _("Saving…"),
        "state_waiting": _("Waiting to be sent"),
        "state_saved": _("Saved"),
        "state_deleting": _("Being deleted…"),
        "state_failed": _("Not saved"),
        # Not "by someone else": a participant's other tab or device is the usual other writer.
        "state_stale": _("Changed elsewhere in the meantime"),
        "not_saved": _("Not saved: %(reason)s"),
        "current_text": _("The note now reads:"),
        "edit": _("Edit"),
        "edit_label": _("Edit the note"),
        "delete": _("Delete"),
        "save": _("Save"),
        "cancel": _("Cancel"),
        "send_again": _("Send again"),
        "discard_note": _("Discard this note"),
        "discard_change": _("Undo this change"),
        "use_my_text": _("Use my text"),
        "keep_current": _("Keep the current text"),
        "add_as_new": _("Add my text as a new note"),
        "confirm_delete": _("Delete this note?"),
        "note_empty": _("A note cannot be empty."),
        "note_too_long": _(
            "A note can be at most %(max)s characters long; this one has %(length)s."
        ),
        "closed_for_notes": _("The workshop is closed for new notes."),
        "not_started": _("The workshop has not started yet: notes can be added once it is live."),
        "announce_saved": _("Note saved."),
        "announce_edit_saved": _("Change saved."),
        "announce_deleted": _("Note deleted."),
        "announce_refused": _("A note was not saved: %(reason)s"),
        "announce_kept_offline": _(
            "Kept on this device while you are offline: it is sent when you are back online."
        ),
        "announce_closed": _("The workshop is now closed for new notes."),
        "announce_opened": _("The workshop is live: you can add notes now."),
        "announce_reopened": _("The workshop is open for notes again."),
        "announce_back_in_draft": _(
            "The workshop is back in preparation: notes can be added again once it is live."
        ),
        "new_notes": ngettext("%(count)s new note", "%(count)s new notes", 2, count="%(count)s"),
        "you": _("You"),
        "by_facilitator": _("%(name)s (facilitator)"),
        "facilitator": _("Facilitator"),
        "anonymous": _("Anonymous"),
        "storage_unavailable": _(
            "This browser cannot store unsent notes. Keep this page open until your notes show "
            "as saved."
        ),
    }


def room_strings() -> dict[str, str]:
    """The room at the top of the participant page and on the projector: step and timer."""
    return {
        "step_place": _("Step %(position)s of %(count)s"),
        "kind_information": _("Information"),
        "kind_group_round": _("Group round"),
        "kind_plenary": _("Plenary"),
        "kind_break": _("Break"),
        "announce_step": _("Now: %(title)s."),
        "one_minute_left": _("One minute left."),
        "time_up": _("Time is up."),
        # The timer's own changes, said aloud on the participant's page and the dashboard.
        "announce_timer_paused": _("The timer is paused with %(time)s left."),
        "announce_timer_resumed": _("The timer runs again: %(time)s left."),
        "announce_timer_stopped": _("The timer was stopped."),
        "announce_timer_started": _("The timer started: %(time)s left."),
        "announce_timer_changed": _("The timer was changed: %(time)s left."),
    }


@per_language
def participant_strings() -> dict:
    """What the participant's page adds: its group's presence, new-note announcements, the room."""
    return {
        **common_strings(),
        **room_strings(),
        # The question folds away when it is locked; its notes are kept behind "Show the notes".
        "reason_locked": _(
            "Locked by the facilitator: no new notes can be added. The notes written are kept."
        ),
        "reason_not_in_round": _("Not part of this round: notes can be added when it opens."),
        "reason_no_writing": _("Nobody writes during this step."),
        "show_notes": _("Show the notes"),
        "hide_notes": _("Hide the notes"),
        "announce_broadcast": _("Message from the facilitator: %(text)s"),
        "announce_focus": _("The facilitator brings everyone to question %(label)s."),
        # Said instead of moving the focus away from a box the participant is typing in.
        "focus_typing": _("What you are typing stays here: finish it, then go there."),
        "go_to_question": _("Go to question %(label)s"),
        "announce_locked": plural(
            "Question %(labels)s was locked by the facilitator.",
            "Questions %(labels)s were locked by the facilitator.",
        ),
        "announce_unlocked": plural(
            "Question %(labels)s was unlocked by the facilitator.",
            "Questions %(labels)s were unlocked by the facilitator.",
        ),
        "announce_text_kept": _(
            "Your unsent text there is kept: you can add it when the question is open again."
        ),
        # "Your unsent text": drafts whose box is not on the page (unsent-text.js).
        "unsent_under": _("Typed under question %(label)s: %(question)s"),
        "unsent_edit_under": _("Your change to a note under question %(label)s: %(question)s"),
        "unsent_somewhere": _("Typed under a question that is not on your page"),
        "announce_outline_changed": _(
            "The facilitator changed the questions: your page shows them as they are now."
        ),
        "moved_unsent": _(
            "What you had typed and not sent under a question this group does not have is kept "
            "under “Your unsent text”."
        ),
        "copy_text": _("Copy"),
        "remove_unsent": _("Remove"),
        "confirm_remove_unsent": _("Remove this unsent text? It cannot be brought back."),
        "new_note_from": _("New note from %(name)s."),
        "new_note_in_group": _("New note in your group."),
        "online_in_group": plural(
            "%(count)s online in your group", "%(count)s online in your group"
        ),
        "waiting": plural(
            "%(count)s change is waiting to be sent. It is kept on this device.",
            "%(count)s changes are waiting to be sent. They are kept on this device.",
        ),
    }


@per_language
def join_code_strings() -> dict:
    """The workshop and participants pages follow only the join code: the one sentence it needs."""
    return {"announce_join_code": announce_join_code()}


def announce_join_code() -> str:
    return _("New join code: %(code)s. The old code no longer works.")


@per_language
def dashboard_strings() -> dict:
    """What the facilitator's dashboard adds: cells, views, presence, status and the room."""
    return {
        **common_strings(),
        **room_strings(),
        "announce_join_code": announce_join_code(),
        # Said once the dashboard has drawn the changed outline (several edits: once).
        "announce_outline_changed": _(
            "The outline was changed: the dashboard shows the new questions."
        ),
        "plan_draft": _("The plan has not started."),
        "plan_finished": _("The plan is finished."),
        "plan_now": _("Now: step %(position)s of %(count)s — %(title)s"),
        # The name starts with the button's words ("Go here"): speech input says what it sees.
        "go_to_step": _("Go here: step %(position)s, %(title)s"),
        "go": _("Go here"),
        "current": _("(now)"),
        "minutes": plural("%(count)s min", "%(count)s min"),
        "plenary_now": _("The projector shows question %(position)s of %(count)s: %(text)s"),
        "plenary_now_labelled": _(
            "The projector shows question %(label)s (%(position)s of %(count)s): %(text)s"
        ),
        "show": _("Show"),
        # A lock's button says what pressing it does; the state stands beside it in words.
        "lock": _("Lock"),
        "unlock": _("Unlock"),
        "lock_name": _("Lock %(name)s"),
        "unlock_name": _("Unlock %(name)s"),
        "locked": _("locked"),
        "locked_with_section": _("locked with its section"),
        "announce_locked": _("Locked: %(name)s."),
        "announce_unlocked": _("Unlocked: %(name)s."),
        "show_question": _("Show question %(label)s on the projector"),
        "broadcast_length": _("%(length)s of %(max)s characters"),
        "broadcast_to": _("(to %(group)s)"),
        "broadcast_too_long": _(
            "A message can be at most %(max)s characters long; this one has %(length)s."
        ),
        "broadcast_empty": _("Write the message first."),
        "timer_invalid": _("Type minutes (for example 5) or minutes and seconds (2:30)."),
        "confirm_close": _(
            "Close the workshop for new notes? Participants can no longer add notes until you "
            "reopen it."
        ),
        "action_failed": _("Not done: %(reason)s"),
        "new_note_from_group": _("New note from %(group)s."),
        "cell_label": plural(
            "%(group)s, question %(question)s: %(count)s note",
            "%(group)s, question %(question)s: %(count)s notes",
        ),
        "cell_latest": _("Latest: %(words)s"),
        "cell_changed": _("Changed since you last opened it."),
        "notes_count": plural("%(count)s note", "%(count)s notes"),
        "online_count": plural("%(count)s online", "%(count)s online"),
        "cell_heading": _("%(group)s — question %(question)s"),
        "question_heading": _("Question %(question)s — all groups"),
        "no_notes": _("No notes yet."),
        "nobody_online": _("Nobody online"),
        "add_for_group": _("Add a note for %(group)s"),
        "add": _("Add"),
        "status_live": _("Live: open for notes"),
        "status_closed": _("Closed for new notes"),
        "status_draft": _("Being prepared"),
        "close_workshop": _("Close for new notes"),
        "reopen_workshop": _("Reopen for notes"),
        "open_workshop": _("Open for notes"),
        "status_failed": _("The status was not changed: %(reason)s"),
        "waiting": plural(
            "%(count)s change is waiting to be sent.", "%(count)s changes are waiting to be sent."
        ),
    }


@per_language
def projector_strings() -> dict:
    """The projector: the connection (as on the other pages), the room, the plenary's question."""
    return {
        **common_strings(),
        **room_strings(),
        "question_place": _("Question %(position)s of %(count)s"),
        "no_points": _("No points yet."),
        # The join band's two lines, as projector.html writes them, for a new join code.
        "join_address": _("Join: %(link)s"),
        "join_band_code": _("Code %(code)s"),
    }
