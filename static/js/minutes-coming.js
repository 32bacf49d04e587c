// The minutes' coming meetings: rows of date, start, end and a note, edited in place and saved
// as one field (its text is the list as JSON) through the page's field saver.
import { element } from "./live-ui.js";

export const COMING_KEY = "header:coming_meetings";
const TYPING_PAUSE_MS = 600;

export class ComingMeetings {
  constructor({ list, addButton, saver, t, announcer, noteMax }) {
    Object.assign(this, { list, addButton, saver, t, announcer, noteMax });
    this.timer = null;
    addButton.addEventListener("click", () => this.addRow());
    list.addEventListener("focusout", (event) => {
      if (!list.contains(event.relatedTarget)) this.save();
    });
  }

  // The person is in one of the rows: nothing is redrawn under their cursor.
  get isBeingTyped() {
    return this.list.contains(document.activeElement);
  }

  rows() {
    try {
      const rows = JSON.parse(this.saver.valueOf(COMING_KEY) || "[]");
      return Array.isArray(rows) ? rows : [];
    } catch {
      return [];
    }
  }

  render() {
    if (this.isBeingTyped) return;
    this.draw(this.rows());
    this.addButton.disabled = this.rows().length >= Number(this.list.dataset.max);
  }

  draw(rows) {
    this.list.replaceChildren(...rows.map((row, index) => this.row(row, index)));
  }

  row(row, index) {
    const number = index + 1;
    const input = (name, type, label, extra = {}) => {
      const id = `coming-${index}-${name}`;
      return element("div", { class: "field" },
        element("label", { for: id, text: label }),
        element("input", { id, type, value: row[name] ?? "", "data-coming": name, oninput: () => this.edited(), ...extra }));
    };
    const t = this.t;
    return element("li", { class: "coming-row" },
      input("date", "date", t("coming_date", { number })),
      input("start", "time", t("coming_start", { number })),
      input("end", "time", t("coming_end", { number })),
      input("note", "text", t("coming_note", { number }), { maxlength: this.noteMax }),
      element("button", { type: "button", class: "secondary", text: t("remove_coming", { number }), onclick: () => this.remove(index) }));
  }

  // Rows as the API takes them, keys in the order the server writes them (so texts compare).
  rowsInForm() {
    return [...this.list.querySelectorAll("li.coming-row")].map((row) => {
      const value = (name) => row.querySelector(`[data-coming="${name}"]`).value;
      return { date: value("date"), start: value("start"), end: value("end"), note: value("note") };
    });
  }

  edited() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.save(), TYPING_PAUSE_MS);
  }

  save(rows = this.rowsInForm()) {
    window.clearTimeout(this.timer);
    // A row still without its date is not yet a meeting: it waits in the form.
    this.saver.edit(COMING_KEY, JSON.stringify(rows.filter((row) => row.date)));
  }

  addRow() {
    this.draw([...this.rowsInForm(), { date: "", start: "", end: "", note: "" }]);
    this.list.querySelector("li.coming-row:last-child input").focus();
  }

  remove(index) {
    const rows = this.rowsInForm();
    rows.splice(index, 1);
    this.save(rows);
    this.addButton.focus();
    this.render();
    this.announcer.say(this.t("announce_coming_removed"));
  }
}
