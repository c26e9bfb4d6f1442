// Small behaviours the pages ask for with data attributes. They live here, not in inline
// handlers (onchange=, hx-on:), because the Content Security Policy refuses inline script.
(function () {
  // <select data-submit-on-change>: choosing an option submits its form (the language menu).
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-submit-on-change]");
    if (select && select.form) { select.form.submit(); }
  });
  // <button data-remove-after-request>: an htmx button that is used once (显示 an ID number).
  document.addEventListener("htmx:afterRequest", function (event) {
    var element = event.detail.elt;
    if (element && element.matches("[data-remove-after-request]")) { element.remove(); }
  });
})();
