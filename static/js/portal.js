// Portrait's small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Language and similar selects submit their form on change.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });

  // Buttons asking for confirmation before a destructive action.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // After a rejected submission, start where the problem is: the first field marked invalid,
  // or else the form's error box, so keyboard and screen reader users need not hunt for it.
  var invalid = document.querySelector("main [aria-invalid='true'], main .form-errors");
  if (invalid) {
    if (!/^(INPUT|SELECT|TEXTAREA)$/.test(invalid.tagName)) invalid.setAttribute("tabindex", "-1");
    invalid.focus();
  }

  // An open header menu closes once focus or a click lands outside it, so tabbing past its last
  // item does not leave it covering the page.
  function closeMenusOutside(target) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (!target || !menu.contains(target)) menu.removeAttribute("open");
    });
  }
  document.addEventListener("focusin", function (event) { closeMenusOutside(event.target); });
  document.addEventListener("click", function (event) { closeMenusOutside(event.target); });

  // Close an open header menu with Escape and return focus to its toggle.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      var summary = menu.querySelector("summary");
      if (summary) summary.focus();
    });
  });
})();
