/* The folding sections of a project page (<details class="cc-fold">): a link to a section, or
   to anything inside one (the contents list, "Join this project", an address ending in
   #join), opens it; on a wide screen every section is open. Without this script the
   sections still open and close by their headings. */
(function () {
  "use strict";
  function reveal(id) {
    var target = id && document.getElementById(id);
    if (!target) return null;
    var own = target.querySelector(":scope > details.cc-fold");  // a section: its own fold
    if (own) own.open = true;
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
    return target;
  }
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = reveal(id);
    if (target) target.scrollIntoView();
  }
  if (window.matchMedia("(min-width: 60em)").matches) {
    document.querySelectorAll("details.cc-fold").forEach(function (d) { d.open = true; });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) reveal(decodeURIComponent(link.getAttribute("href").slice(1)));
  });
  window.addEventListener("hashchange", fromHash);
  if (location.hash) fromHash();
})();
