"""The translated words the minutes page's JavaScript shows; the JS itself holds no English."""

from flask_babel import gettext as _

from workshop.web.live_strings import plural


def minutes_strings() -> dict:
    """Connection, each field's state, the choice after a stale edit, and announcements."""
    return {
        "connection_online": _("Online"),
        "connection_offline": _("Offline"),
        "state_saved": _("Saved"),
        "state_waiting": _("Waiting to be sent"),
        "state_sending": _("Saving…"),
        "state_stale": _("Changed by someone else"),
        "not_saved": _("Not saved: %(reason)s"),
        "all_saved": _("All changes are saved."),
        "draft_of_version": _("Draft of version %(number)s."),
        "announce_new_draft": _(
            "Your change started the draft of version %(number)s. The approved version stays "
            "as it was."
        ),
        "waiting_count": plural(
            "%(count)s change is waiting to be sent. It is kept on this device.",
            "%(count)s changes are waiting to be sent. They are kept on this device.",
        ),
        "refused_count": plural(
            "%(count)s change was not saved. See the field marked “Not saved”.",
            "%(count)s changes were not saved. See the fields marked “Not saved”.",
        ),
        "stale_explained": _(
            "Someone else changed this field while you were writing. Choose the text to keep; "
            "you can also edit the field and keep what you then write."
        ),
        "your_version": _("Your version"),
        "their_version": _("The saved version"),
        "empty_field": _("(empty)"),
        "keep_mine": _("Keep my version"),
        "take_theirs": _("Use the saved version"),
        "send_again": _("Send again"),
        "undo_change": _("Undo my change"),
        "log_in_again": _("You are no longer logged in. Log in again in another tab."),
        "announce_offline": _(
            "You are offline. What you write is kept on this device and saved when you are back "
            "online."
        ),
        "announce_online": _("Back online."),
        "announce_stale": _("%(field)s was changed by someone else. Choose which text to keep."),
        "announce_refused": _("%(field)s was not saved: %(reason)s"),
        "others_changed": plural(
            "%(count)s field was changed by someone else and now shows their text.",
            "%(count)s fields were changed by someone else and now show their text.",
        ),
        "announce_kept_mine": _("Your version will be saved."),
        "announce_took_theirs": _("The saved version is shown."),
        "coming_date": _("Date of coming meeting %(number)s"),
        "coming_start": _("Start time of coming meeting %(number)s"),
        "coming_end": _("End time of coming meeting %(number)s"),
        "coming_note": _("Note on coming meeting %(number)s"),
        "remove_coming": _("Remove coming meeting %(number)s"),
        "announce_coming_removed": _("The coming meeting is removed."),
        "needs_connection": _("This change needs a connection. Try again when you are online."),
        "title_needed": _("Write a title first."),
        "save_before_approving": _(
            "Some changes are not saved yet. Approve once every field shows as saved."
        ),
        "already_first": _("The item is already the first that can move."),
        "already_last": _("The item is already the last that can move."),
        "done_add_item": _("The item is added."),
        "done_move_item": _("The item is moved."),
        "done_leave_out": _("The item is changed."),
        "done_add_annex": _("The document is attached."),
        "done_remove_annex": _("The document is removed."),
    }
