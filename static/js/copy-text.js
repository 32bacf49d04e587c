// Copy buttons: a button with data-copy="ID" copies the text of the field with that id, and
// the result is announced in #copy-status (a polite live region).
const status = document.getElementById("copy-status");

async function copyField(button) {
  const field = document.getElementById(button.dataset.copy);
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = status.dataset.copied;
  } catch {
    field.select(); // the text is selected, ready to copy by hand
    status.textContent = status.dataset.failed;
  }
}

for (const button of document.querySelectorAll("button[data-copy]")) {
  button.addEventListener("click", () => copyField(button));
}
