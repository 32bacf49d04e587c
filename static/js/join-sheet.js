// The join sheet's Print button: the browser's own print dialog (print styles in joining.css).
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
