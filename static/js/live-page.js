// The one setup the live pages share — the participant page, the dashboard and the projector:
// the page's data and words, the connection (LiveClient) with its catch-up, the outbox, the
// connection badge, the banners and the polite announcements. A page passes only what it does
// differently (see the `on` hooks), so the pages cannot drift apart in what they announce or resend.
import { Outbox } from "./outbox.js";
import { NoteStore } from "./note-store.js";
import { LiveClient, initialState } from "./live-client.js";
import { Announcer, readPageData, showConnectionState, translator } from "./live-ui.js";

// Refusals that only meant "not now": such notes go out again when the workshop (re)opens.
const REFUSED_WHILE_CLOSED = ["workshop_closed", "workshop_not_started"];

// The projector writes nothing: an outbox that is always empty keeps LiveClient unchanged.
class NoOutbox {
  persistent = true;
  size = 0;
  onChange() {}
  next() { return null; }
  items() { return []; }
}

// A counted phrase ({one, other}) in the page's language, with its %(name)s filled in.
export function pluralTranslator(language) {
  const plurals = new Intl.PluralRules(language);
  return (forms, count, values = {}) =>
    translator({ text: forms[plurals.select(count)] ?? forms.other })("text", { ...values, count });
}

export class LivePage {
  // role: the socket role ("participant", "facilitator", "display"); person(page): whose outbox
  // and state this browser keeps ("participant:7"); readOnly: the projector, which sends nothing;
  // statusRegion: the page says why notes cannot be added in a status region of its own (the
  // participant's banner), which reads a closing out itself; quiet: a page that follows only one
  // detail live (the join code on the workshop and participants pages, join-code-page.js) — it has
  // no connection badge, and says nothing of the connection or the status (the workshop's page,
  // which shows its status, says it in its own words through its `status` hook: status-card.js).
  constructor({ role, person, readOnly = false, statusRegion = false, quiet = false }) {
    this.statusRegion = statusRegion;
    this.quiet = quiet;
    this.page = readPageData();
    // A display link's page has no session to speak for it: its token does.
    this.token = this.page.display_token ?? null;
    this.t = translator(this.page.strings);
    this.counted = pluralTranslator(this.page.language);
    const key = `workshop:${this.page.workshop_id}:${person(this.page)}`;
    this.outbox = readOnly ? new NoOutbox() : new Outbox(`${key}:outbox`);
    const start = initialState(this.page, `${key}:state`);
    this.store = new NoteStore({ notes: start.notes, seq: start.seq, ownIds: start.ownIds });
    this.status = start.status;
    this.announcer = new Announcer(document.getElementById("announcer"), this.t);
    this.badge = document.getElementById("connection-state");
    this.view = null; // the page's NotesView, if it lists notes
    this.on = {}; // the page's own reactions: connection, status, presence, note, outline, refresh
    this.client = new LiveClient({
      workshopId: this.page.workshop_id,
      role,
      language: this.page.language,
      store: this.store,
      outbox: this.outbox,
      stateKey: `${key}:state`,
      status: this.status,
      token: this.token,
      drawnSeq: this.page.seq,
      handlers: this.handlers(),
    });
  }

  handlers() {
    return {
      connection: (state, previous) => this.connectionChanged(state, previous),
      catchingUp: (catchingUp) => this.catchingUpChanged(catchingUp),
      status: (status, catchingUp) => this.statusArrived(status, catchingUp),
      presence: (message) => this.on.presence?.(message),
      note: (change, note, catchingUp) => this.on.note?.(change, note, catchingUp),
      moved: (change) => this.on.moved?.(change),
      outline: (change) => this.on.outline?.(change),
      saved: (item) => this.saved(item),
      refused: (item, error) => this.say("announce_refused", { reason: error.message || error.code }),
    };
  }

  // The answer to this person's own action (the latest wins), and news of what others did (said
  // together when it comes together): see Announcer.
  say(key, values) {
    this.announcer.say(this.t(key, values));
  }

  sayNews(key, values, about = null) {
    this.announcer.sayNews(this.t(key, values), about);
  }

  showBadge() {
    if (this.badge) showConnectionState(this.badge, this.t, this.client);
  }

  connectionChanged(state, previous) {
    this.showBadge();
    this.on.connection?.(state);
    if (!this.quiet) this.sayConnection(state, previous);
    this.refresh();
  }

  sayConnection(state, previous) {
    if (state === "offline") this.say("announce_offline");
    else if (state === "reconnecting" && previous === "online") this.say("announce_reconnecting");
    else if (state === "online" && previous !== "connecting") this.say("announce_online");
  }

  // A catch-up replays what happened while the page was away, old status changes among them (an
  // opening long ago): the page takes the status at once, but shows and says only where the
  // catch-up ended — once, and not at all if that is where the page already was.
  catchingUpChanged(catchingUp) {
    this.showBadge();
    if (catchingUp) this.statusBeforeCatchUp = this.status;
    else if (this.status !== this.statusBeforeCatchUp) {
      this.statusChanged(this.statusBeforeCatchUp, this.status);
    }
  }

  // A broadcast held during a catch-up comes just before it ends: said with what it brought.
  statusArrived(status, catchingUp) {
    const before = this.status;
    this.status = status;
    if (!catchingUp && !this.client.catchingUp) this.statusChanged(before, status);
  }

  statusChanged(before, status) {
    if (!this.quiet) this.sayStatus(before, status);
    if (status === "live") this.resendRefusedWhileClosed();
    this.on.status?.(status);
  }

  sayStatus(before, status) {
    // A workshop going live for the first time is not open "again".
    if (status === "live") this.sayNews(before === "draft" ? "announce_opened" : "announce_reopened", {}, "status");
    // Said once: where the page's own region says it, the announcer only lets go of its last
    // words (an "open" left there, or still waiting, would contradict it).
    else if (this.statusRegion) this.announcer.clear("status");
    // Back to draft is not "closed": it opens again once it is live.
    else this.sayNews(status === "draft" ? "announce_back_in_draft" : "announce_closed", {}, "status");
  }

  resendRefusedWhileClosed() {
    for (const item of this.outbox.items()) {
      if (item.status === "failed" && REFUSED_WHILE_CLOSED.includes(item.error?.code)) this.outbox.retry(item.op_id);
    }
  }

  saved(item) {
    this.view?.savedHere.add(item.note_id);
    this.say({ add: "announce_saved", edit: "announce_edit_saved", delete: "announce_deleted" }[item.op]);
  }

  // The banners under the header: changes still waiting while offline, and storage that fails.
  showBanners() {
    const waiting = this.outbox.items().filter((item) => item.status === "pending").length;
    const banner = document.getElementById("waiting-banner");
    if (banner) {
      banner.hidden = waiting === 0 || this.client.state === "online";
      banner.textContent = this.counted(this.page.strings.waiting, waiting);
    }
    const storageBanner = document.getElementById("storage-banner");
    if (storageBanner) {
      storageBanner.hidden = this.outbox.persistent;
      storageBanner.textContent = this.t("storage_unavailable");
    }
  }

  refresh(highlight = false) {
    this.on.refresh?.(highlight);
    this.showBanners();
  }

  start() {
    this.outbox.onChange(() => this.refresh());
    if (this.view) this.view.onChange = () => this.refresh();
    this.refresh();
    this.client.start();
  }
}
