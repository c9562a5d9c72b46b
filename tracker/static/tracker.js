// The tracker's only script: behaviour that the Content-Security-Policy forbids inline.
// <button data-print> prints the page; <input data-select-all> selects its text on click.
document.addEventListener("click", function (event) {
  var target = event.target;
  if (!(target instanceof Element)) {
    return;
  }
  if (target.closest("[data-print]")) {
    window.print();
  }
  var field = target.closest("[data-select-all]");
  if (field && typeof field.select === "function") {
    field.select();
  }
});
