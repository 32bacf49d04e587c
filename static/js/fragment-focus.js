// Pages whose forms post and come back at #item-… (the annex, the agenda): the changed item gets
// focus and the outcome is read out and shown beside it, instead of at the top of the page.

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
  // Its height stays while it is empty, so that nothing below it moves (nor out of view).
  region.style.minHeight = `${region.offsetHeight}px`;
  region.replaceChildren();
  window.setTimeout(() => region.append(...messages), 100);
}

// The outcome stands at the top of the page, far above an item lower down: a refusal ("A point
// must have some text.") went unseen and the button seemed to do nothing. It moves to the item.
function showFlashesAtTarget() {
  const region = document.querySelector(".flashes[aria-live]");
  const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (!region || !target) return null;
  if (/^(LI|SECTION|ARTICLE|DIV|FORM|FIELDSET)$/.test(target.tagName)) target.prepend(region);
  // A box ready for the next entry (the outline's next question, a series' next member): the
  // outcome stands above its label, not between the label and the box.
  else if (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) (target.closest(".field") ?? target).before(region);
  else target.before(region);
  return region;
}

export function followFragments() {
  const region = showFlashesAtTarget();
  if (focusFragmentTarget()) {
    region?.scrollIntoView({ block: "nearest" });
    reannounceFlashes();
  }
  window.addEventListener("hashchange", focusFragmentTarget);
}
