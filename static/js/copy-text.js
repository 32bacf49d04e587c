// Copy buttons: a button with data-copy="ID" copies the text of the field with that id, and
// the result is announced in #copy-status (a polite live region). Listening on the document
// serves buttons drawn later too (the participant page's unsent text).
import { Announcer } from "./live-ui.js";

// As on the live pages: a second copy is said again (the region empties first; words that stay
// the same are not read out a second time), and the words go after a while.
const status = document.getElementById("copy-status");
const announcer = status && new Announcer(status, (key) => key);

async function copyField(button) {
  const field = document.getElementById(button.dataset.copy);
  try {
    await navigator.clipboard.writeText(field.value);
    announcer.say(status.dataset.copied);
  } catch {
    field.select(); // the text is selected, ready to copy by hand
    announcer.say(status.dataset.failed);
  }
}

document.addEventListener("click", (event) => {
  const button = event.target.closest?.("button[data-copy]");
  if (button) copyField(button);
});
