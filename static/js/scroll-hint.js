// A box that scrolls says so: a sideways one's frame fades at the side where more lies
// (classes more-left / more-right), a downward one shows shadows (CSS), and a hint in words is
// shown while more lies beyond the edge. A column or a line cut at the edge alone does not tell
// that the box goes on.

export function watchSidewaysScroll(box, hint) {
  const frame = box.parentElement;
  const update = () => {
    const hidden = box.scrollWidth - box.clientWidth;
    frame.classList.toggle("more-left", box.scrollLeft > 1);
    frame.classList.toggle("more-right", hidden - box.scrollLeft > 1);
    if (hint) hint.hidden = hidden <= 1;
  };
  box.addEventListener("scroll", update, { passive: true });
  // The box's width follows the window; its content's, the questions and the notes' words.
  const resized = new ResizeObserver(update);
  resized.observe(box);
  if (box.firstElementChild) resized.observe(box.firstElementChild);
  update();
}

// A list that scrolls downwards: the hint shows while more lies below its bottom edge. Returns
// the update, for the page to call when it has redrawn the list (its box keeps its size then).
export function watchDownwardScroll(box, hint) {
  const update = () => {
    hint.hidden = box.scrollHeight - box.clientHeight - box.scrollTop <= 1;
  };
  box.addEventListener("scroll", update, { passive: true });
  new ResizeObserver(update).observe(box);
  update();
  return update;
}

// Scrolls a list's own box (never the page) just enough that `item` is wholly inside it, with a
// little of what is next to it showing.
export function keepInView(box, item) {
  if (!item) return;
  const margin = 8;
  const top = item.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientTop + box.scrollTop;
  const bottom = top + item.getBoundingClientRect().height;
  if (top - margin < box.scrollTop) box.scrollTop = top - margin;
  else if (bottom + margin > box.scrollTop + box.clientHeight) box.scrollTop = bottom + margin - box.clientHeight;
}
