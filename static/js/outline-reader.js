// The live pages read their questions again when the facilitator changes the
// outline (`outline:changed` carries nothing, docs/realtime.md). Several edits in a row need one
// read: a short wait gathers them; a change during a read asks for one more read after it.
const GATHER_MS = 300;
const RETRY_MS = 5000;

export class OutlineReader {
  // redraw(body, sent, received): the page draws what the read answered (sent and received: when,
  // by this clock, for the room's timer).
  // accept and parse: what is asked for and how the answer is read (JSON; the participant's page
  // reads HTML).
  constructor({ url, redraw, gatherMs = GATHER_MS, accept = "application/json", parse = (response) => response.json() }) {
    Object.assign(this, { url, redraw, gatherMs, accept, parse });
    this.timer = null;
    this.reading = false;
    this.again = false;
  }

  changed() {
    if (this.reading) {
      this.again = true;
      return;
    }
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.read(), this.gatherMs);
  }

  async read() {
    this.reading = true;
    try {
      await this.readOnce();
    } finally {
      this.reading = false;
      if (this.again) {
        this.again = false;
        this.changed();
      }
    }
  }

  async readOnce() {
    const sent = Date.now();
    let response;
    try {
      response = await fetch(this.url, { credentials: "same-origin", cache: "no-store", headers: { Accept: this.accept } });
    } catch {
      response = null; // offline for a moment
    }
    // A refusal (a revoked display link; a logged-out facilitator, sent to the login page) stays
    // one: no retrying it.
    if (!response || response.status >= 500) this.retrySoon();
    if (!response?.ok || response.redirected) return;
    const body = await this.parse(response).catch(() => null);
    if (body) this.redraw(body, sent, Date.now());
  }

  retrySoon() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.changed(), RETRY_MS);
  }
}

// A page's Map of questions by id, filled anew in place (the page's parts hold the same Map).
export function refillById(map, items) {
  map.clear();
  for (const item of items) map.set(item.id, item);
}

// The element of `root` standing for `had` (the same control, drawn again): found by its id and
// data attributes, which name what it acts on; null if that is gone.
export function counterpartIn(root, had) {
  const keys = ["id", "data-group-id", "data-question-id", "data-lock-target", "data-lock-id", "data-focus-question"];
  const parts = keys.filter((name) => had.hasAttribute(name))
    .map((name) => `[${name}="${CSS.escape(had.getAttribute(name))}"]`);
  return parts.length ? root.querySelector(`${had.localName}${parts.join("")}`) : null;
}

// Puts the server's HTML (our own templates, escaped there) in place of `container`'s children.
// The control that had the focus in it keeps it in its new self; gone, the first of `fallbacks`
// (functions giving an element) that exists takes it. Returns whether the focus was inside.
export function replaceKeepingFocus(container, html, fallbacks = []) {
  const had = document.activeElement;
  const inside = container.contains(had) && had !== container;
  const caret = inside && typeof had.selectionStart === "number" ? [had.selectionStart, had.selectionEnd] : null;
  const template = document.createElement("template");
  template.innerHTML = html;
  container.replaceChildren(template.content);
  if (!inside) return false;
  const next = counterpartIn(container, had) ?? fallbacks.map((fallback) => fallback()).find(Boolean);
  next?.focus({ preventScroll: true });
  if (caret && next && "setSelectionRange" in next) next.setSelectionRange(...caret);
  return true;
}

// A <select>'s options drawn again, keeping the choice if it is still offered.
export function replaceOptions(select, html) {
  const value = select.value;
  const template = document.createElement("template");
  template.innerHTML = html;
  select.replaceChildren(template.content);
  if ([...select.options].some((option) => option.value === value)) select.value = value;
}
