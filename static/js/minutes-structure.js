// Changes to the minutes' structure — add, move and leave out items, attach and remove documents:
// they need the connection, so they are sent at once (not kept in the outbox); the page then
// reloads and puts the focus back on the control the person used, saying what happened.
import { newId } from "./outbox.js";

export class StructureActions {
  constructor({ postOp, t, announcer, focusKey, errorBanner }) {
    Object.assign(this, { postOp, t, announcer, focusKey, errorBanner });
  }

  attach(root = document) {
    root.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-op]");
      if (button) this.clicked(button);
    });
    for (const form of root.querySelectorAll("form[data-op]")) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.submitted(form);
      });
    }
  }

  clicked(button) {
    const { op } = button.dataset;
    const itemId = Number(button.dataset.itemId);
    if (op === "move_item") this.move(itemId, Number(button.dataset.direction));
    else if (op === "leave_out") {
      this.send({ op, item_id: itemId, left_out: button.dataset.leftOut === "true" }, `[data-op="leave_out"][data-item-id="${itemId}"]`);
    } else if (op === "remove_annex") this.send({ op, annex_id: Number(button.dataset.annexId) }, "#new-annex-title");
  }

  // A position among the items that may move (the standing ones keep their place).
  move(itemId, direction) {
    const ids = [...document.querySelectorAll('[data-op="move_item"][data-direction="-1"]')].map((button) => Number(button.dataset.itemId));
    const position = ids.indexOf(itemId) + direction;
    if (position < 0 || position >= ids.length) {
      this.announcer.say(this.t(position < 0 ? "already_first" : "already_last"));
      return;
    }
    this.send({ op: "move_item", item_id: itemId, position }, `[data-op="move_item"][data-item-id="${itemId}"][data-direction="${direction}"]`);
  }

  submitted(form) {
    const title = form.elements.title.value.trim();
    if (!title) {
      this.showError(this.t("title_needed"));
      form.elements.title.focus();
      return;
    }
    const payload = { op: form.dataset.op, title };
    if (form.elements.item_id?.value) payload.item_id = Number(form.elements.item_id.value);
    this.send(payload, `#${form.elements.title.id}`);
  }

  async send(payload, focusSelector) {
    let answer = null;
    if (navigator.onLine !== false) {
      try {
        answer = await this.postOp({ op_id: newId(), ...payload });
      } catch {
        answer = null;
      }
    }
    if (!answer) {
      this.showError(this.t("needs_connection"));
    } else if (!answer.ok) {
      this.showError(answer.error.message || answer.error.code);
    } else {
      sessionStorage.setItem(this.focusKey, JSON.stringify({ selector: focusSelector, message: this.t(`done_${payload.op}`) }));
      window.location.reload();
    }
  }

  showError(message) {
    this.errorBanner.textContent = message;
    this.errorBanner.hidden = false;
    this.announcer.say(message);
  }

  // After the reload: the focus where it was, and what happened, said.
  restoreFocus() {
    const saved = sessionStorage.getItem(this.focusKey);
    if (!saved) return;
    sessionStorage.removeItem(this.focusKey);
    const { selector, message } = JSON.parse(saved);
    document.querySelector(selector)?.focus();
    if (message) this.announcer.say(message);
  }
}
