/* "Join this project", the edit of project.yml: writes the reader's stakeholder entry from
   the fields beside it, ready to paste at the end of the file's `stakeholders:` list.
   Every text is written as a JSON string, which YAML reads back exactly; nothing is sent
   anywhere, and the entry is only ever set through textContent. */
(function () {
  "use strict";
  function q(text) { return JSON.stringify(String(text).trim()); }
  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function setup() {
    var form = document.querySelector("form.cc-join-form");
    if (!form) return;
    var section = form.parentNode;
    var code = section.querySelector("code.cc-join-yaml");
    var copy = section.querySelector("button.cc-join__copy");
    var status = section.querySelector(".cc-join__status");
    function value(name, fallback) {
      var v = form.elements[name].value.trim();
      return v || fallback;
    }
    function entry() {
      return "  - name: " + q(value("org", form.dataset.org)) + "\n" +
        "    category: " + form.elements.category.value + "\n" +
        "    role: " + form.elements.role.value + "\n" +
        "    contributes: " + q(value("contributes", form.dataset.gives)) + "\n" +
        "    benefit: " + q(value("benefit", form.dataset.gets)) + "\n" +
        "    since: " + today() + "\n";
    }
    function update() { code.textContent = entry(); status.textContent = ""; }
    form.hidden = false;
    copy.hidden = false;
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    copy.addEventListener("click", function () {
      var done = function () { status.textContent = copy.dataset.copied; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(code.textContent).then(done, function () { select(); });
      } else {
        select();
      }
    });
    function select() {  // no clipboard: select the entry, for the reader's own copy
      var range = document.createRange();
      range.selectNodeContents(code);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    update();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
