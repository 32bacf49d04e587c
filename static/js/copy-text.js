// Copy buttons: a button with data-copy="ID" copies the text of the field with that id, and
// the result is announced in #copy-status (a polite live region). Listening on the document
// serves buttons drawn later too (the participant page's unsent text).
async function copyField(button) {
  const status = document.getElementById("copy-status");
  const field = document.getElementById(button.dataset.copy);
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = status.dataset.copied;
  } catch {
    field.select(); // the text is selected, ready to copy by hand
    status.textContent = status.dataset.failed;
  }
}

document.addEventListener("click", (event) => {
  const button = event.target.closest?.("button[data-copy]");
  if (button) copyField(button);
});
