// Pages whose forms post and come back at #item-… (the annex, the agenda): the changed item gets
// focus and the outcome is read out, instead of focus starting at the top of the page.

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

export function followFragments() {
  if (focusFragmentTarget()) reannounceFlashes();
  window.addEventListener("hashchange", focusFragmentTarget);
}
