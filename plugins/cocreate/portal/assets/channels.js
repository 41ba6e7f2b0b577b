/* Taking part without a GitHub account: beside a form, the city's channels (portal/channels.py).
   The message is written from the form's fields as the reader types: its fixed words, then
   each field with a value, its label and what was typed. The email link is a mailto: link
   (RFC 6068: subject and body percent-encoded as UTF-8, lines ending in CRLF), the WhatsApp
   link https://wa.me/<number>?text=...; the message is shown (textContent only) to print or
   show at the office. GitHub's issue links of the same forms get the fields they name
   (data-issue-field) as URL parameters. Nothing is sent anywhere. */
(function () {
  "use strict";
  function clean(text) {  // a lone surrogate cannot be encoded: replaced, not thrown on
    text = String(text);
    return typeof text.toWellFormed === "function" ? text.toWellFormed() : text;
  }
  function enc(text) { return encodeURIComponent(clean(text)); }
  function labelOf(form, el) {
    var label = el.id ? form.querySelector('label[for="' + el.id + '"]') : null;
    return label && label.firstChild ? label.firstChild.textContent.trim() : el.name;
  }
  function fieldLines(form) {
    var lines = [];
    var boxes = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.tagName === "BUTTON" || el.tagName === "FIELDSET") return;
      if (el.type === "checkbox" || el.type === "radio") {
        if (!el.checked) return;
        var set = el.closest("fieldset");
        var legend = set && set.querySelector("legend");
        var key = legend && legend.firstChild ? legend.firstChild.textContent.trim() : el.name;
        if (!boxes[key]) { boxes[key] = []; lines.push(boxes[key]); boxes[key].key = key; }
        boxes[key].push(labelOf(form, el));
        return;
      }
      var value = el.tagName === "SELECT" ? (el.value ? el.options[el.selectedIndex].text : "") : el.value.trim();
      if (value) lines.push(labelOf(form, el) + ":" + (value.indexOf("\n") >= 0 ? "\n" : " ") + value);
    });
    return lines.map(function (line) { return typeof line === "string" ? line : line.key + ": " + line.join(", "); });
  }
  function setup(block) {
    var form = document.getElementById(block.dataset.form);
    if (!form) return;
    var email = block.querySelector(".cc-channel--email");
    var whatsapp = block.querySelector(".cc-channel--whatsapp");
    var print = block.querySelector(".cc-channel--print");
    var letter = block.querySelector(".cc-letter");
    var text = block.querySelector(".cc-letter__text");
    letter.hidden = false;
    function subject() {
      var field = block.dataset.subjectField && form.elements[block.dataset.subjectField];
      var value = field ? field.value.trim() : "";
      return block.dataset.subject + (value ? ": " + value : "");
    }
    function body() {
      var lines = fieldLines(form);
      return block.dataset.intro + (lines.length ? "\n\n" + lines.join("\n") : "");
    }
    function update() {
      var s = subject();
      var b = body();
      if (email) {
        email.href = "mailto:" + email.dataset.to + "?subject=" + enc(s) + "&body=" + enc(b.replace(/\r\n|\r|\n/g, "\r\n"));
      }
      if (whatsapp) whatsapp.href = "https://wa.me/" + whatsapp.dataset.to + "?text=" + enc(s + "\n\n" + b);
      text.textContent = clean(s + "\n\n" + b);
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () {  // the message and the office alone on the sheet
        update();
        letter.open = true;
        var sheet = document.querySelector("body > .cc-print-sheet") || document.body.appendChild(document.createElement("div"));
        sheet.className = "cc-print-sheet";
        sheet.replaceChildren(text.cloneNode(true));
        var office = block.querySelector(".cc-letter__office");
        if (office) sheet.appendChild(office.cloneNode(true));
        document.documentElement.classList.add("cc-printing");
        window.print();
      });
      window.addEventListener("afterprint", function () { document.documentElement.classList.remove("cc-printing"); });
    }
    update();
  }
  function issueLinks() {
    Array.prototype.forEach.call(document.querySelectorAll("a.cc-issue-link"), function (link) {
      var form = document.getElementById(link.dataset.form);
      if (!form) return;
      var base = link.href;
      function update() {
        var url = new URL(base);
        Array.prototype.forEach.call(form.querySelectorAll("[data-issue-field]"), function (el) {
          var value = el.tagName === "SELECT" ? (el.value ? el.value + ": " + el.options[el.selectedIndex].text : "")
            : el.value.trim();
          if (value) url.searchParams.set(el.dataset.issueField, clean(value));
          else url.searchParams.delete(el.dataset.issueField);
        });
        link.href = url.href;
      }
      form.addEventListener("input", update);
      form.addEventListener("change", update);
      update();
    });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.cc-channels-form"), function (form) {
      form.hidden = false;
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".cc-channels"), setup);
    issueLinks();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
