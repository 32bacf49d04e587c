// The dashboard's matrix of groups × questions: per cell its count and the latest note's first
// words, and a mark on cells that changed since this facilitator last opened them (kept in this
// browser, so the marks survive a reload). Built to stay quick at 20 groups × 15 questions: one
// pass over the notes per refresh, and a cell's DOM is touched only when its content changed.

const EXCERPT_CHARS = 48;

// The first words of a note, on one line, cut at a word.
export function firstWords(text, max = EXCERPT_CHARS) {
  const flat = String(text).split(/\r?\n/).map((line) => line.replace(/^- /, "").trim()).filter(Boolean).join(" · ");
  if ([...flat].length <= max) return flat;
  const cut = [...flat].slice(0, max).join("");
  const atWord = cut.replace(/\s+\S*$/, "");
  return `${atWord || cut}…`;
}

const cellKey = (groupId, questionId) => `${groupId}:${questionId}`;

// Per cell: how many notes, the latest one (the store lists them in the order they were added)
// and the newest change's seq.
export function summariseCells(notes) {
  const cells = new Map();
  for (const note of notes) {
    const key = cellKey(note.group_id, note.question_id);
    const cell = cells.get(key) || { count: 0, latest: null, seq: 0 };
    cell.count += 1;
    cell.latest = note;
    cell.seq = Math.max(cell.seq, note.seq ?? 0);
    cells.set(key, cell);
  }
  return cells;
}

// When each cell was last opened, as the seq the facilitator had seen by then.
export class OpenedCells {
  constructor(storageKey, storage = globalThis.localStorage) {
    this.storageKey = storageKey;
    this.storage = storage;
    try {
      this.seen = JSON.parse(storage.getItem(storageKey) || "{}") || {};
    } catch {
      this.seen = {};
    }
  }

  isChanged(groupId, questionId, cell) {
    return Boolean(cell && cell.count && cell.seq > (this.seen[cellKey(groupId, questionId)] ?? 0));
  }

  open(cells, seq) {
    for (const [groupId, questionId] of cells) this.seen[cellKey(groupId, questionId)] = seq;
    try {
      this.storage.setItem(this.storageKey, JSON.stringify(this.seen));
    } catch {
      // Only marks: without storage they last as long as the page.
    }
  }
}

export class Matrix {
  constructor({ table, store, opened, counted, t, strings, groupName, questionOf, questionLabel }) {
    Object.assign(this, { table, store, opened, counted, t, strings, groupName, questionOf, questionLabel });
    this.buttons = [...table.querySelectorAll("td.cell button")];
  }

  show(highlight = false) {
    const cells = summariseCells(this.store.all());
    for (const button of this.buttons) {
      const groupId = Number(button.dataset.groupId);
      const questionId = Number(button.dataset.questionId);
      this.showCell(button, groupId, questionId, cells.get(cellKey(groupId, questionId)), highlight);
    }
  }

  showCell(button, groupId, questionId, cell, highlight) {
    const count = cell?.count ?? 0;
    const excerpt = cell ? firstWords(cell.latest.text) : "";
    const changed = this.opened.isChanged(groupId, questionId, cell);
    const values = { group: this.groupName.get(groupId), question: this.questionLabel(this.questionOf.get(questionId)) };
    let label = this.counted(this.strings.cell_label, count, values);
    if (excerpt) label += ` ${this.t("cell_latest", { words: excerpt })}`;
    if (changed) label += ` ${this.t("cell_changed")}`;
    if (button.getAttribute("aria-label") === label) return;
    const td = button.closest("td");
    const countChanged = button.querySelector(".cell-count").textContent !== String(count);
    button.querySelector(".cell-count").textContent = String(count);
    td.querySelector(".cell-latest").textContent = excerpt;
    button.setAttribute("aria-label", label);
    td.classList.toggle("unread", changed);
    if (highlight && countChanged) flash(td);
  }

  // Groups flagged as quiet (a set of group ids) get a visible, spoken mark on their row.
  showQuiet(quietGroupIds) {
    for (const row of this.table.querySelectorAll("tbody tr[data-group-id]")) {
      const quiet = quietGroupIds.has(Number(row.dataset.groupId));
      row.classList.toggle("quiet", quiet);
      const mark = row.querySelector(".quiet-mark");
      if (mark) mark.hidden = !quiet;
    }
  }
}

function flash(cell) {
  cell.classList.remove("changed");
  void cell.offsetWidth; // restart the animation
  cell.classList.add("changed");
}
