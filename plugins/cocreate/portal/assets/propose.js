/* The "propose a project" form: builds a valid project.yml in the browser and opens
   GitHub's new-file page with it prefilled. Nothing is sent anywhere else. Every text is
   written as a JSON string, which YAML reads back exactly. */
(function () {
  "use strict";
  function q(text) { return JSON.stringify(String(text).trim()); }
  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function lines(text) {
    return String(text).split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
  }
  function projectYaml(f, firstEntry) {
    var v = function (name) { return (f.elements[name].value || "").trim(); };
    var title = v("title_en") ? "title:\n  id: " + q(v("title_id")) + "\n  en: " + q(v("title_en")) + "\n"
                              : "title: " + q(v("title_id")) + "\n";
    var out = title +
      "summary: " + q(v("summary")) + "\n" +
      "description: " + q(v("description")) + "\n" +
      "status: proposed\nphase: involvement\n" +
      "location:\n  city: " + q(v("city")) + "\n  province: " + q(v("province")) + "\n" +
      "openness:\n  level: " + v("openness") + "\n";
    var criteria = lines(v("criteria"));
    if (v("openness") === "criteria" || criteria.length) {
      out += "  criteria:\n" + criteria.map(function (c) { return "    - " + q(c) + "\n"; }).join("");
    }
    out += "ownership:\n  level: " + v("ownership") + "\n";
    if (v("license")) out += "  license: " + v("license") + "\n";
    out += "stakeholders:\n  - name: " + q(v("org")) + "\n    category: " + v("category") +
      "\n    role: initiator\n    contributes: " + q(v("contributes")) + "\n    benefit: " + q(v("benefit")) + "\n";
    out += "timeline:\n  - date: " + today() + "\n    phase: involvement\n    activity: co-definition\n    title: " +
      q(firstEntry) + "\n";
    out += "trust:\n" + ["information", "purpose", "access", "retention"].map(function (k) {
      return "  " + k + ": " + q(v("trust_" + k)) + "\n";
    }).join("");
    var handle = v("maintainer");
    out += "maintainers:\n  - " + q(handle.charAt(0) === "@" ? handle : "@" + handle) + "\n";
    return out;
  }
  function setup() {
    var form = document.querySelector("form.cc-propose-form");
    if (!form) return;
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var yaml = projectYaml(form, form.dataset.firstEntry);
      var slug = form.elements.slug.value.trim();
      var result = form.querySelector(".cc-propose-result");
      form.querySelector(".cc-propose-yaml").textContent = yaml;
      var open = form.querySelector(".cc-propose-open");
      if (form.dataset.repo) {
        var url = form.dataset.repo.replace(/\/+$/, "") + "/new/" + encodeURIComponent(form.dataset.branch) +
          "?filename=" + encodeURIComponent(form.dataset.folder + "/" + slug + "/project.yml") +
          "&value=" + encodeURIComponent(yaml);
        open.querySelector("a").href = url;
        open.hidden = false;
      } else {
        open.hidden = true;
      }
      result.hidden = false;
      form.dataset.yaml = yaml;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
