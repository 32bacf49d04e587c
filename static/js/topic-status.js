// The submitter's personal link: the page looks again at the topic now and then, so the
// coordinator's decision shows without a reload, and is announced (aria-live). The edit form is
// swapped only when the topic can no longer be edited, so nothing being typed is replaced.
import { Announcer } from "./live-ui.js";

const card = document.getElementById("topic-status-card");
const editArea = document.getElementById("topic-edit-area");
// As on the live pages: the words go again after a while, not to be come upon long after.
const region = document.getElementById("topic-announcer");
const announcer = region && new Announcer(region, (key) => key);
const seconds = Number(card?.dataset.refreshSeconds || 0);

function summaryOf(section) {
  const parts = [section.querySelector("#topic-status"), section.querySelector(".status-summary")];
  return parts.map((part) => part?.textContent.trim() || "").filter(Boolean).join(". ");
}

function take(fresh, current) {
  current.replaceChildren(...fresh.childNodes);
  Object.assign(current.dataset, fresh.dataset);
}

async function refresh() {
  let response;
  try {
    response = await fetch(window.location.pathname, { cache: "no-store" });
  } catch {
    return; // offline for now: the next round tries again
  }
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const freshCard = page.getElementById("topic-status-card");
  // The status, or what it says (an item's number changes when the agenda is reordered).
  if (!freshCard || summaryOf(freshCard) === summaryOf(card)) return;
  take(freshCard, card);
  const freshEdit = page.getElementById("topic-edit-area");
  if (freshEdit && freshEdit.dataset.editable !== editArea.dataset.editable) take(freshEdit, editArea);
  announcer.sayNews(summaryOf(card), "status");
}

if (card && seconds > 0) window.setInterval(refresh, seconds * 1000);
