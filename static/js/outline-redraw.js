// The facilitator changed the outline (outline:changed): the participant's page draws its
// questions again from the server (/w/<id>/outline), without a reload. A question that stays keeps
// its own box — the text typed in it, the focus and the caret — and its notes, with its new words,
// number and guidance; a new question comes with its box; a question that went takes nothing
// typed with it (its draft is kept, and the page shows it under "Your unsent text"). Reading is
// outline-reader.js's, as on the dashboard and the projector.

import { OutlineReader } from "./outline-reader.js";

// A room's pages ask spread over a second and a half, rather than all in the same instant.
const GATHER_MS = 300;
const SPREAD_MS = 1500;

export class OutlineRedraw {
  // url: the group's questions alone; container: the element they replace (#group-outline);
  // drawn({added, removed, focus}): the articles that came and went, once the new ones are in place.
  constructor({ url, container, drawn }) {
    Object.assign(this, { container, drawn });
    this.reader = new OutlineReader({
      url,
      gatherMs: GATHER_MS + Math.random() * SPREAD_MS,
      accept: "text/html",
      parse: (response) => response.text(),
      redraw: (html) => this.draw(html),
    });
  }

  // Several edits in a row need one reading; an edit during a reading, one more after it.
  soon() {
    if (this.container) this.reader.changed();
  }

  draw(html) {
    const fresh = new DOMParser().parseFromString(html, "text/html").getElementById(this.container.id);
    // Into this page's document first: the kept questions then only move within it.
    if (fresh) this.drawn(this.replaceWith(document.adoptNode(fresh)));
  }

  // The new outline in place, each question that stays being its old element (with what it holds).
  replaceWith(fresh) {
    const focus = rememberFocus();
    const old = new Map([...document.querySelectorAll("article.question")].map((article) => [article.dataset.questionId, article]));
    const added = [];
    for (const article of [...fresh.querySelectorAll("article.question")]) {
      const kept = old.get(article.dataset.questionId);
      if (!kept) {
        added.push(article);
        continue;
      }
      takeWords(kept, article);
      article.replaceWith(kept);
      old.delete(article.dataset.questionId);
    }
    const removed = [...old.values()];
    for (const article of removed) article.remove(); // one in "Open now" is outside the container
    this.container.replaceChildren(...fresh.childNodes);
    return { added, removed, focus };
  }
}

// A kept question takes the new heading (number and words), guidance, names and labels.
function takeWords(kept, fresh) {
  const heading = fresh.querySelector(".question-text");
  kept.querySelector(".question-text").replaceWith(heading);
  kept.querySelector(".question-guidance")?.remove();
  const guidance = fresh.querySelector(".question-guidance");
  if (guidance) heading.after(guidance);
  kept.dataset.label = fresh.dataset.label;
  if (fresh.dataset.context) kept.dataset.context = fresh.dataset.context;
  else delete kept.dataset.context;
  kept.querySelector("form.composer label").textContent = fresh.querySelector("form.composer label").textContent;
  const list = kept.querySelector("ul.notes");
  list.setAttribute("aria-label", fresh.querySelector("ul.notes").getAttribute("aria-label"));
}

// Moving an element out of the page and back drops the focus: where it was, and the caret.
function rememberFocus() {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const caret = "selectionStart" in element ? [element.selectionStart, element.selectionEnd] : null;
  return { element, id: element.id, caret };
}

export function restoreFocus(focus) {
  if (!focus) return;
  const element = focus.element.isConnected ? focus.element : focus.id && document.getElementById(focus.id);
  if (!element || element === document.activeElement || element.closest("[hidden]")) return;
  element.focus({ preventScroll: true });
  if (focus.caret && element.setSelectionRange) element.setSelectionRange(...focus.caret);
}
