// The annex page: after a form posts and the page comes back at #point-… (or #approve, …), the
// changed item gets focus and the outcome is read out, instead of focus starting at the top.
// Skip links to a question or to Approve move focus the same way.
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

function flashText() {
  return [...document.querySelectorAll(".flashes .flash")].map((flash) => flash.textContent.trim())
    .join(" ");
}

if (focusFragmentTarget() && flashText()) announcer.say(flashText());
window.addEventListener("hashchange", focusFragmentTarget);
