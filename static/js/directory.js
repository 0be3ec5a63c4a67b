// The actor directory's small enhancements; the page works without them.
(function () {
  "use strict";

  // Leave empty filters out of live requests, so the address htmx pushes into the history
  // (and that visitors copy and share) names only what was asked for.
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || elt.id !== "directory-filters") return;
    var params = event.detail.parameters;
    Object.keys(params).forEach(function (name) {
      if (params[name] === "") delete params[name];
    });
  });

  // The filters arrive folded unless some are in use, so a phone paints its results without
  // a shift. Wider screens show them through CSS (::details-content); a browser without it
  // gets them opened here instead.
  var more = document.querySelector("details[data-collapse-narrow]");
  var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (more && !styled && window.matchMedia("(min-width: 761px)").matches) {
    more.open = true;
  }

  // After htmx swaps in another page of results, focus moves to the results, so keyboard and
  // screen reader users land on the new cards, not on a link that is gone.
  document.addEventListener("htmx:afterSettle", function (event) {
    var config = event.detail && event.detail.requestConfig;
    var trigger = config && config.elt;
    if (!trigger || !trigger.hasAttribute || !trigger.hasAttribute("data-directory-page")) return;
    var results = document.getElementById("directory-results");
    if (!results) return;
    results.focus({ preventScroll: true });
    results.scrollIntoView({ block: "start" });
  });
})();
