// What both live pages share: the page's data blob, translated strings, note text rendering,
// polite announcements and the connection-state badge. User text only ever goes in as text.

export function readPageData(id = "live-data") {
  return JSON.parse(document.getElementById(id).textContent);
}

// Strings come translated from the server; JS only fills in %(name)s placeholders, writing
// numbers as the page's language does (2.000 in Danish), like the server-rendered pages.
export function translator(strings, language) {
  const numbers = new Intl.NumberFormat(language);
  const shown = (value) => (typeof value === "number" ? numbers.format(value) : String(value));
  return (key, values = {}) => {
    const template = strings[key] ?? key;
    return template.replace(/%\((\w+)\)[sd]/g, (match, name) =>
      name in values ? shown(values[name]) : match);
  };
}

// A count in its plural form in the page's language; forms are {one: "…", other: "…"}.
export function counter(language) {
  const plurals = new Intl.PluralRules(language);
  return (forms, count, values = {}) =>
    translator({ text: forms[plurals.select(count)] ?? forms.other }, language)("text", { ...values, count });
}

// A page's cache in localStorage: what was kept under `key`, or null (none, unreadable, no storage).
export function readKept(storage, key) {
  try {
    return JSON.parse(storage.getItem(key) || "null");
  } catch {
    return null;
  }
}

// Only a cache (the next connect brings the state anyway): full or disabled storage is no error.
export function keep(storage, key, value) {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing kept; nothing lost that the server does not have.
  }
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

// A sub-point's marker: "- " (also "– " or "• "), or one alone on its line. The annex reads
// notes the same way (workshop/annex/text.py, _SUB_POINT).
const LIST_MARK = /^\s*[-–•](?:\s+|$)/;

// A note's text as points: each line is a point; lines starting "- " are sub-points of the plain
// line above. A "- " line with no plain line above it is a point of its own, so a note that is
// only a "- " list is a plain list of points; a "- " with nothing after it is left out.
export function notePoints(text) {
  const points = [];
  let underPlainLine = false;
  for (const line of String(text).split(/\r?\n/)) {
    const mark = line.match(LIST_MARK);
    const words = mark ? line.slice(mark[0].length) : line;
    if (!words.trim()) continue;
    if (mark && underPlainLine) points.at(-1).subPoints.push(words);
    else {
      points.push({ text: words, subPoints: [] });
      underPlainLine = !mark;
    }
  }
  return points;
}

// The points of a note, each a paragraph with its sub-points as a nested bulleted list.
export function noteTextNodes(text) {
  return notePoints(text).flatMap(({ text: words, subPoints }) => [
    element("p", { text: words }),
    ...(subPoints.length
      ? [element("ul", { class: "sub-points" }, ...subPoints.map((sub) => element("li", { text: sub })))]
      : []),
  ]);
}

export function renderNoteText(container, text) {
  container.replaceChildren(...noteTextNodes(text));
}

// Enter sends the note, except inside a "- " list: there Enter adds the next "- " line, and
// Enter on an empty "- " line ends the list. Ctrl/Cmd+Enter always sends; Shift+Enter always
// breaks the line; IME composition is left alone.
export function sendOnEnter(textarea, send) {
  textarea.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      send();
    } else if (!event.shiftKey) {
      event.preventDefault();
      if (!continueList(textarea)) send();
    }
  });
}

// What Enter does in a list; false when the caret is not on a "- " line (then Enter sends).
export function continueList(textarea) {
  const { value, selectionStart, selectionEnd } = textarea;
  const lineStart = selectionStart === 0 ? 0 : value.lastIndexOf("\n", selectionStart - 1) + 1;
  const nextBreak = value.indexOf("\n", selectionEnd);
  const lineEnd = nextBreak === -1 ? value.length : nextBreak;
  const line = value.slice(lineStart, lineEnd);
  if (!line.startsWith("- ")) return false;
  if (line.trim() === "-") textarea.setRangeText("", lineStart, lineEnd, "end");
  else textarea.setRangeText("\n- ", selectionStart, selectionEnd, "end");
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
  return true;
}

// How long words wait before they are shown. The region is emptied first, so that the same
// sentence said twice ("Note saved.") is read twice. An answer to the person's own action shows at
// once, and never holds anything back; news of the room waits a little for more news, as events
// sent together (a lock and a message, a step and its timer) arrive some milliseconds apart and
// would otherwise replace one another before a screen reader read the first. Joining stops at the
// longest wait: a busy room is still heard as it goes.
const ANSWER_WAIT_MS = 50;
const NEWS_WAIT_MS = 200;
const LONGEST_WAIT_MS = 1000;
// Words shown stay this long (longer for a long sentence: ~80 ms a character is a slow reading),
// then go, so that a screen-reader user browsing the page later does not find "Note saved." from
// long ago. Emptying a live region is not read out, nor does it stop what is being read.
const KEEP_SHOWN_MS = 10000;
const KEEP_MS_PER_CHARACTER = 80;

// One polite live region for a page. Two kinds of words go through it:
// - say(): the answer to what this person just did (note saved, dot placed, refused): the latest
//   answer wins, so five quick presses end with one answer, not five in a row;
// - sayNews(): what others did, arriving by broadcast (a step, a lock, a message, a vote): news
//   arriving together is said together, in order, each sentence once; `about` names a kind of
//   news whose newest replaces an older one still waiting (two steps in a row: only where we are).
// Bursts of incoming notes are summed up in one sentence, so a busy group does not drown a
// screen-reader user.
export class Announcer {
  constructor(region, t, quietMs = 1500) {
    this.region = region;
    this.t = t;
    this.quietMs = quietMs;
    this.incoming = [];
    this.timer = null;
    this.waiting = null; // [{text, answer, about}] to be shown together, or null
    this.since = 0; // when the first of them came
    this.due = 0; // when they are shown
    this.showTimer = null;
    this.forgetTimer = null;
  }

  say(message) {
    this.queue({ text: message, answer: true, about: null }, ANSWER_WAIT_MS);
  }

  sayNews(message, about = null) {
    this.queue({ text: message, answer: false, about }, NEWS_WAIT_MS);
  }

  queue(entry, wait) {
    const now = Date.now();
    if (!this.waiting) {
      this.waiting = [];
      this.since = now;
      this.due = 0;
      this.region.textContent = "";
      window.clearTimeout(this.forgetTimer);
    }
    const replaced = (other) => (entry.answer ? other.answer : entry.about !== null && other.about === entry.about);
    this.waiting = this.waiting.filter((other) => !replaced(other));
    if (entry.text && !this.waiting.some((other) => other.text === entry.text)) this.waiting.push(entry);
    if (!this.due || !entry.answer) this.due = Math.max(this.due, Math.min(now + wait, this.since + LONGEST_WAIT_MS));
    window.clearTimeout(this.showTimer);
    this.showTimer = window.setTimeout(() => this.show(), this.due - now);
  }

  show() {
    const text = this.waiting.map((entry) => entry.text).join(" ");
    this.waiting = null;
    this.region.textContent = text;
    if (text) this.forgetTimer = window.setTimeout(() => { this.region.textContent = ""; }, Math.max(KEEP_SHOWN_MS, text.length * KEEP_MS_PER_CHARACTER));
  }

  // Lets go of the last words (emptying a live region is not read out: they simply go), and of
  // words about `about` still waiting, which what comes now overtakes; other news waiting is
  // still said.
  clear(about = null) {
    if (this.waiting) {
      this.waiting = this.waiting.filter((entry) => about === null || entry.about !== about);
      return;
    }
    window.clearTimeout(this.forgetTimer);
    this.region.textContent = "";
  }

  // `sentence` says who wrote it ("New note from Ada."); several in a row become one count.
  noteArrived(sentence) {
    this.incoming.push(sentence);
    if (this.timer) return;
    this.timer = window.setTimeout(() => this.flushIncoming(), this.quietMs);
  }

  flushIncoming() {
    const sentences = this.incoming;
    this.incoming = [];
    this.timer = null;
    if (sentences.length === 1) this.sayNews(sentences[0]);
    else if (sentences.length > 1) this.sayNews(this.t("new_notes", { count: sentences.length }));
  }
}

// The connection badge, said in words, not only colour: online / catching up (fetching changes a
// lost broadcast left out) / reconnecting / offline / not connected (with the server's reason).
export function showConnectionState(badge, t, { state, catchingUp = false, refusal = null }) {
  const shown = state === "online" && catchingUp ? "catching_up" : state;
  badge.dataset.state = shown;
  badge.textContent = shown === "refused" && refusal
    ? t("refused_reason", { reason: refusal.message })
    : t(`connection_${shown}`);
}

// Whether the keyboard can be on `node`: in the page, not disabled, not hidden.
export function canHoldFocus(node) {
  if (!node?.isConnected || node.disabled || node.closest("[hidden]")) return false;
  return node.checkVisibility ? node.checkVisibility() : node.getClientRects().length > 0;
}

// A control that the redraw after an action hid, disabled or replaced would drop the focus on the
// page's body (a keyboard user starts again at the top, a screen reader says nothing). `had` is
// what held the focus before the redraw; if it cannot hold it any more, the first of `candidates`
// (elements, or functions giving one) that can takes it over.
export function handOnFocus(had, candidates) {
  if (!had || had === document.body || canHoldFocus(had)) return;
  const now = document.activeElement;
  if (now && now !== had && now !== document.body) return; // already handed on
  for (const candidate of candidates) {
    const target = typeof candidate === "function" ? candidate() : candidate;
    if (canHoldFocus(target)) {
      target.focus();
      return;
    }
  }
}
