// Reordering a question's points on the annex page without leaving it: drag a point by its
// handle (native HTML5 drag and drop) or use Move up / Move down / Move to position by keyboard.
// Either way the whole order is saved at once through the page's order endpoint, and the
// result is announced. Without this script the same buttons post plain forms.
import { announcer } from "./annex-focus.js";
import { translator } from "./live-ui.js";

const fill = translator({});

function pointsOf(list) {
  return [...list.querySelectorAll(":scope > li.annex-point")];
}

function pointId(item) {
  return item.id.replace(/^point-/, "");
}

function csrfToken() {
  return document.querySelector('input[name="csrf_token"]').value;
}

async function saveOrder(list, ordered) {
  const body = new FormData();
  body.append("csrf_token", csrfToken());
  for (const item of ordered) body.append("point_ids", pointId(item));
  const response = await fetch(list.dataset.orderUrl, {
    method: "POST",
    body,
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.ok) throw new Error(answer.message || list.dataset.failed);
}

// Put the items in this order and bring the numbers, end buttons and position boxes in line.
function arrange(list, ordered) {
  const focused = document.activeElement;
  list.append(...ordered);
  ordered.forEach((item, index) => {
    item.querySelector(".point-number")?.replaceChildren(String(index + 1));
    item.querySelector('form[data-move="up"] button').disabled = index === 0;
    item.querySelector('form[data-move="down"] button').disabled = index === ordered.length - 1;
    const position = item.querySelector('input[name="position"]');
    if (position) position.value = String(index + 1);
  });
  restoreFocus(focused);
}

// Moving a node in the DOM blurs it: whatever had focus gets it back, and a Move up button that
// is now disabled (its point is first) hands focus to its point's other Move button.
function restoreFocus(focused) {
  if (!focused || focused === document.body || !focused.isConnected) return;
  const item = focused.closest("li.annex-point");
  if (item && focused.disabled) {
    (item.querySelector("form[data-move] button:not(:disabled)") || item).focus();
  } else {
    focused.focus();
  }
}

// Move `item` to `index` (0 is first), save, and announce; on refusal everything goes back.
async function moveTo(list, item, index) {
  const before = pointsOf(list);
  const ordered = before.filter((other) => other !== item);
  ordered.splice(Math.max(0, Math.min(index, ordered.length)), 0, item);
  if (ordered.every((other, position) => other === before[position])) return;
  arrange(list, ordered);
  try {
    await saveOrder(list, ordered);
    announcer.say(fill(list.dataset.moved, {
      position: ordered.indexOf(item) + 1, count: ordered.length,
    }));
  } catch (error) {
    arrange(list, before);
    announcer.say(error.message);
  }
}

function targetIndex(list, item, form) {
  const current = pointsOf(list).indexOf(item);
  if (form.dataset.move === "up") return current - 1;
  if (form.dataset.move === "down") return current + 1;
  return Number.parseInt(form.elements.position.value, 10) - 1;
}

function enableMoveButtons(list) {
  list.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.dataset.move) return;
    if (form.dataset.move === "position" && !form.reportValidity()) return;
    event.preventDefault();
    const item = form.closest("li.annex-point");
    moveTo(list, item, targetIndex(list, item, form));
  });
}

function addHandle(item, label) {
  const handle = document.createElement("span");
  handle.className = "drag-handle";
  handle.draggable = true;
  handle.title = label;
  handle.textContent = "⠿";
  // The Move buttons are the accessible way; the handle is only for the mouse.
  handle.setAttribute("aria-hidden", "true");
  item.querySelector(".point-select").prepend(handle);
}

function clearDropMarks(list) {
  for (const item of pointsOf(list)) item.classList.remove("drop-before", "drop-after");
}

// Where a drop over `over` at height clientY puts the dragged item, among the others.
function dropIndex(list, dragged, over, clientY) {
  const others = pointsOf(list).filter((other) => other !== dragged);
  const box = over.getBoundingClientRect();
  const after = clientY > box.top + box.height / 2;
  return { index: others.indexOf(over) + (after ? 1 : 0), after };
}

function enableDragging(list) {
  let dragged = null;
  for (const item of pointsOf(list)) addHandle(item, list.dataset.dragLabel);
  list.addEventListener("dragstart", (event) => {
    if (!event.target.classList?.contains("drag-handle")) return;
    dragged = event.target.closest("li.annex-point");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.id);
    event.dataTransfer.setDragImage(dragged, 16, 16);
    dragged.classList.add("is-dragging");
  });
  list.addEventListener("dragover", (event) => {
    const over = event.target.closest?.("li.annex-point");
    if (!dragged || !over || over.parentElement !== list) return;
    event.preventDefault();
    clearDropMarks(list);
    if (over === dragged) return;
    const { after } = dropIndex(list, dragged, over, event.clientY);
    over.classList.add(after ? "drop-after" : "drop-before");
  });
  list.addEventListener("drop", (event) => {
    const over = event.target.closest?.("li.annex-point");
    if (!dragged || !over || over.parentElement !== list) return;
    event.preventDefault();
    clearDropMarks(list);
    if (over !== dragged) moveTo(list, dragged, dropIndex(list, dragged, over, event.clientY).index);
  });
  list.addEventListener("dragend", () => {
    clearDropMarks(list);
    dragged?.classList.remove("is-dragging");
    dragged = null;
  });
}

for (const hint of document.querySelectorAll("[data-needs-script]")) hint.hidden = false;
for (const list of document.querySelectorAll("ol.annex-points[data-order-url]")) {
  enableMoveButtons(list);
  enableDragging(list);
}
