// Copy buttons: a button with data-copy="ID" copies the text of the field with that id, and
// the result is announced in #copy-status (a polite live region). Listening on the document
// serves buttons drawn later too (the participant page's unsent text).

// Long enough for a screen reader to notice the region empty before the words come back.
const REFILL_MS = 100;

// A second copy says the same words: a region whose text stays the same is not read out again,
// so it is emptied first and filled a moment later.
function say(status, words) {
  status.textContent = "";
  window.setTimeout(() => { status.textContent = words; }, REFILL_MS);
}

async function copyField(button) {
  const status = document.getElementById("copy-status");
  const field = document.getElementById(button.dataset.copy);
  try {
    await navigator.clipboard.writeText(field.value);
    say(status, status.dataset.copied);
  } catch {
    field.select(); // the text is selected, ready to copy by hand
    say(status, status.dataset.failed);
  }
}

document.addEventListener("click", (event) => {
  const button = event.target.closest?.("button[data-copy]");
  if (button) copyField(button);
});
