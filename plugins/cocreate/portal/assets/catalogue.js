/* Instant filtering of the cocreate catalogue. Without this script the catalogue still
   works: its static pages and per-facet lists are plain links. Text from the index is
   only ever set through textContent, never parsed as HTML. */
(function () {
  "use strict";
  function setup() {
    var form = document.querySelector("form.cc-filters");
    var list = document.querySelector("ul.cc-cards");
    if (!form || !list || !window.fetch) return;
    var pager = document.querySelector(".cc-pager");
    var count = form.querySelector(".cc-filters__count");
    var labels = {};
    form.querySelectorAll("select").forEach(function (select) {
      labels[select.name] = {};
      select.querySelectorAll("option").forEach(function (option) {
        labels[select.name][option.value] = option.textContent.replace(/\s*\(\d+\)$/, "");
      });
    });
    fetch(form.dataset.index).then(function (response) { return response.json(); }).then(function (index) {
      var fields = index.fields;
      var projects = index.projects.map(function (row) {
        var project = {};
        fields.forEach(function (name, i) { project[name] = row[i]; });
        return project;
      });
      form.hidden = false;
      function has(project, facet, value) {
        var key = { phase: "phase", kind: "kind", openness: "openness", ownership: "ownership", status: "status",
          approach: "approach", location: "location", category: "categories", dimension: "dimensions", tag: "tags",
          call: "call" }[facet];
        var field = project[key];
        return Array.isArray(field) ? field.indexOf(value) >= 0 : field === value;
      }
      function badge(group, value) {
        var span = document.createElement("span");
        span.className = "cc-badge cc-badge--" + group + " cc-badge--" + value;
        span.textContent = (labels[group] && labels[group][value]) || value;
        return span;
      }
      function card(project) {
        var li = document.createElement("li");
        li.className = "cc-card";
        var heading = document.createElement("h2");
        heading.className = "cc-card__title";
        var a = document.createElement("a");
        a.href = form.dataset.base + encodeURIComponent(project.slug) + "/" + (form.dataset.suffix || "");
        a.textContent = project.title;
        heading.appendChild(a);
        var badges = document.createElement("p");
        badges.className = "cc-card__badges";
        badges.append(badge("phase", project.phase), " ", badge("kind", project.kind), " ", badge("status", project.status));
        if (project.call) badges.append(" ", badge("call", project.call));
        var summary = document.createElement("p");
        summary.className = "cc-card__summary";
        summary.textContent = project.summary;
        var meta = document.createElement("p");
        meta.className = "cc-card__meta";
        meta.textContent = project.location;
        li.append(heading, badges, summary, meta);
        return li;
      }
      function update() {
        var data = new FormData(form);
        var query = (data.get("q") || "").toString().trim().toLowerCase();
        var active = false;
        var found = projects.filter(function (project) {
          var ok = true;
          data.forEach(function (value, name) {
            if (name === "q" || !value) return;
            active = true;
            if (!has(project, name, value)) ok = false;
          });
          if (query) {
            active = true;
            var text = [project.title, project.summary, project.location].concat(project.tags).join(" ").toLowerCase();
            if (text.indexOf(query) < 0) ok = false;
          }
          return ok;
        });
        list.replaceChildren.apply(list, found.map(card));
        if (pager) pager.hidden = active;
        count.textContent = (form.dataset.results || "{count}").replace("{count}", found.length);
      }
      form.addEventListener("input", update);
      form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    }).catch(function () { form.hidden = true; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
