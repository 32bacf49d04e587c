// The annex page: after a form posts and the page comes back at #point-… (or #approve, …), the
// changed item gets focus and the outcome is read out, instead of focus starting at the top.
// Skip links to a question or to Approve move focus the same way. Exports the page's announcer
// for what changes without a reload (reordering).
import { Announcer, translator } from "./live-ui.js";

export const announcer = new Announcer(document.getElementById("annex-announcer"), translator({}));

export function focusFragmentTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (!target) return false;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
  return true;
}

// The outcome is already on the page in the flash messages' live region, but a screen reader
// does not read what a region holds at load: putting it back a moment later makes it news.
function reannounceFlashes() {
  const region = document.querySelector(".flashes[aria-live]");
  if (!region) return;
  const messages = [...region.childNodes];
  region.replaceChildren();
  window.setTimeout(() => region.append(...messages), 100);
}

if (focusFragmentTarget()) reannounceFlashes();
window.addEventListener("hashchange", focusFragmentTarget);
