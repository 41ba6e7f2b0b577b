/* cocreate: a table wider than the screen (a phone, or a desktop zoomed in) scrolls sideways
   inside Material's wrapper, .md-typeset__scrollwrap. Keyboard users can scroll it only if
   the wrapper takes the focus (WCAG 2.1.1; axe rule scrollable-region-focusable), so a
   wrapper gets tabindex="0" while it scrolls, and loses it when it no longer does. Material
   does the same for code blocks on devices that can hover; cocreate.css wraps code lines on
   the others. */
(function () {
  "use strict";
  function update(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth) wrap.setAttribute("tabindex", "0");
    else wrap.removeAttribute("tabindex");
  }
  function setup() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    if (!window.ResizeObserver) return wraps.forEach(update);
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { update(entry.target); });
    });
    wraps.forEach(function (wrap) { observer.observe(wrap); });
  }
  if (window.document$) window.document$.subscribe(setup);  /* after Material wraps the tables */
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
