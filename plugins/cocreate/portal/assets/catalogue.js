/* Instant filtering and ordering of the cocreate catalogue: the filters fold behind one
   button that says how many are set, the list can be ordered by name, by newest (the first
   day the record gives: `began` in the index) or by the open call that closes first
   (`closes`), projects without that date last, and the number of projects shown is said
   politely to screen readers. Without this script the catalogue still works: its static
   pages and per-facet lists are plain links. Text from the index is only ever set through
   textContent, never parsed as HTML. */
(function () {
  "use strict";
  function setup() {
    var form = document.querySelector("form.cc-filters");
    var list = document.querySelector("ul.cc-cards");
    var tools = document.querySelector(".cc-tools");
    if (!form || !list || !tools || !window.fetch) return;
    var pager = document.querySelector(".cc-pager");
    var toggle = tools.querySelector(".cc-tools__filter");
    var sort = tools.querySelector('select[name="sort"]');
    var count = tools.querySelector(".cc-tools__count");
    var forms = JSON.parse(count.dataset.counts);
    var lang = document.documentElement.lang || "en";
    var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
    var labels = {};
    form.querySelectorAll("select").forEach(function (select) {
      labels[select.name] = {};
      select.querySelectorAll("option").forEach(function (option) {
        labels[select.name][option.value] = option.textContent.replace(/\s*\(\d+\)$/, "");
      });
    });
    function counted(n) {
      var text = forms[plural ? plural.select(n) : "other"] || forms.other;
      return text.replace("{count}", n.toLocaleString(lang));
    }
    fetch(form.dataset.index).then(function (response) { return response.json(); }).then(function (index) {
      var fields = index.fields;
      var projects = index.projects.map(function (row) {
        var project = {};
        fields.forEach(function (name, i) { project[name] = row[i]; });
        return project;
      });
      tools.hidden = false;
      toggle.addEventListener("click", function () {
        form.hidden = !form.hidden;
        toggle.setAttribute("aria-expanded", String(!form.hidden));
      });
      count.textContent = counted(projects.length);
      var columns = index.facets;  // each facet's column in the index, as the portal says
      function has(project, facet, value) {
        var field = project[columns[facet]];
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
      function later(field, descending) {  // by a date, those without one last, then by name
        return function (a, b) {
          if (a[field] !== b[field]) {
            if (!a[field] || !b[field]) return a[field] ? -1 : 1;
            return (a[field] < b[field] ? -1 : 1) * (descending ? -1 : 1);
          }
          return a.title.localeCompare(b.title, lang);
        };
      }
      var orders = {
        name: function (a, b) { return a.title.localeCompare(b.title, lang); },
        newest: later("began", true),
        closing: later("closes", false)
      };
      function update() {
        var data = new FormData(form);
        var query = (data.get("q") || "").toString().trim().toLowerCase();
        var set = 0;
        data.forEach(function (value) { if (value.toString().trim()) set += 1; });
        var found = projects.filter(function (project) {
          var ok = true;
          data.forEach(function (value, name) {
            if (name !== "q" && value && !has(project, name, value)) ok = false;
          });
          if (query) {
            var text = [project.title, project.summary, project.location].concat(project.tags).join(" ").toLowerCase();
            if (text.indexOf(query) < 0) ok = false;
          }
          return ok;
        }).sort(orders[sort.value] || orders.name);
        list.replaceChildren.apply(list, found.map(card));
        if (pager) pager.hidden = true;  // the list now holds every project that matches
        toggle.textContent = toggle.dataset.label.replace("{count}", set);
        count.textContent = counted(found.length);
      }
      form.addEventListener("input", update);
      sort.addEventListener("change", update);
      form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    }).catch(function () { tools.hidden = true; form.hidden = true; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
