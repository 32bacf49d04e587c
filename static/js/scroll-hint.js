// A box that scrolls sideways says so: its frame fades at the side where more lies (classes
// more-left / more-right) and a hint is shown while the content is wider than the box. A column
// cut at the edge alone does not tell that the table goes on.

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
