// Keep the reader's place when switching edition: carry the current anchor to the other edition.
document.addEventListener("click", function (event) {
  const link = event.target.closest ? event.target.closest("a[data-edition-switch]") : null;
  if (link && window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
});
