/* cocreate's site search, in the header (partials/search.html). The index is Pagefind's,
   in the site's own folder that the box names (data-bundle: urls.SEARCH_BUNDLE, relative
   to the page), split into chunks: nothing is loaded until a reader
   opens the search, and a query then loads only the chunks of its words and the results it
   shows. No request leaves the site. Text from the index is only ever set through
   textContent (the <mark>s of an excerpt are made here as elements), never parsed as HTML.

   Bahasa Indonesia: Pagefind stems Indonesian words with Snowball's stemmer, which takes
   prefixes and suffixes off but does not give back the first consonant of a root that a
   nasal prefix replaced (peng- + kelola = pengelola, stem "elola"; pen- + tanam = penanam,
   stem "anam"), and takes "ke-" off roots that begin with it (kelola, stem "lola"). So a
   reader's word is also searched in the forms that carry its root to those stems
   (kelola: dikelola, pengelola; tanam: penanam; pengelolaan: kelolaan, dikelolaan) and the
   results are joined. Other words are searched as typed: each form costs the chunks of
   the index that hold it.

   What the box says once open and its filters are in one file for the whole site (the
   box's data-texts, portal/search.py), loaded with the index when a reader opens the box:
   in every page they were a tenth of its bytes. Their words are set as text. */
(function () {
  "use strict";
  var box = document.querySelector("[data-cc-search]");
  var config = document.getElementById("__config");
  if (!box || !config || !window.Promise || !window.URL || !window.fetch) return;
  var base = new URL((JSON.parse(config.textContent).base || ".").replace(/\/?$/, "/"), location.href);
  var bundle = new URL((box.getAttribute("data-bundle") || "").replace(/\/?$/, "/"), location.href);
  var toggle = document.getElementById("__search");
  var opener = document.querySelector("[data-cc-search-open]");
  var form = box.querySelector("form");
  var input = box.querySelector(".md-search__input");
  var result = box.querySelector(".md-search-result");
  var status = box.querySelector("#cc-search-status");
  var list = box.querySelector("#cc-search-results");
  var fieldset = document.createElement("fieldset");
  fieldset.className = "cc-search-filters";
  fieldset.hidden = true;
  result.insertBefore(fieldset, status);
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button cc-search-more";
  more.hidden = true;
  result.appendChild(more);
  var selects = [];
  var texts = null;
  var indonesian = /^id\b/i.test(document.documentElement.lang || "");
  var PAGE = 5; /* results shown at a time: each costs its page's fragment (4 to 5 KB), as in Pagefind's own interface */
  var engine = null;
  var asked = 0;
  var found = [];
  var shown = 0;

  box.hidden = false;
  if (opener) opener.hidden = false;

  function say(key, count) {
    var text = (texts && texts[key]) || result.getAttribute("data-" + key) || "";
    result.hidden = false;
    status.textContent = text.replace("{count}", String(count));
  }

  /* How many results, in the form the language's plural rules give the number (CLDR, as
     the browser has them; the site's file gives one form per category of the language). */
  function sayCount(count) {
    var forms = (texts && texts.found) || {};
    var lang = document.documentElement.lang || "en";
    var category = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang).select(count) : "other";
    result.hidden = false;
    status.textContent = (forms[category] || forms.other || "").replace("{count}", count.toLocaleString(lang));
  }

    /* The box's words and filters, from the site's file (see the note at the top). */
  function loadTexts() {
    return fetch(box.getAttribute("data-texts")).then(function (response) {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    }).then(function (loaded) {
      texts = loaded;
      var legend = document.createElement("legend");
      legend.textContent = texts.filters_label;
      fieldset.appendChild(legend);
      (texts.filters || []).forEach(function (filter) {
        var label = document.createElement("label");
        var select = document.createElement("select");
        select.name = filter.name;
        [""].concat(filter.values).forEach(function (value, i) {
          var option = document.createElement("option");
          if (!i) option.value = "";
          option.textContent = i ? value : texts.any;
          select.appendChild(option);
        });
        select.addEventListener("change", function () { search(true); });
        label.append(filter.label + " ", select);
        fieldset.append(label, " ");
        selects.push(select);
      });
      fieldset.hidden = false;
      more.textContent = texts.more;
      result.hidden = false;
      if (!asked) say("prompt");
    });
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    load();
  }

  function close() {
    if (toggle) toggle.checked = false;
  }

  function load() {
    if (!engine) {
      var words = loadTexts();
      engine = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: base.pathname, excerptLength: 24 })).then(function () {
          return Promise.resolve(pagefind.init()).then(function () { return pagefind; });
        });
      }).then(function (pagefind) { return words.then(function () { return pagefind; }); });
      engine.catch(function () { say("unavailable"); });
    }
    return engine;
  }

  /* The forms of a word to search for, the word first (see the note at the top). */
  function forms(word) {
    var out = [word];
    function add(form) { if (out.indexOf(form) < 0) out.push(form); }
    if (!indonesian || !/^[a-z]{4,}$/.test(word)) return out;
    var roots = [word];
    var derived = /^(?:me|pe)(ng|n)([aiueo][a-z]+)$/.exec(word);
    if (derived) roots.push((derived[1] === "ng" ? "k" : "t") + derived[2]);
    roots.forEach(function (root) {
      // a root that begins like a prefix (ke-, be-, te-) loses it to the stemmer; "di" + root keeps it
      if (/^(?:ke|be|te)/.test(root)) add("di" + root);
      var nasal = /^([kt])([aiueo][a-z]+)$/.exec(root);
      if (nasal) add((nasal[1] === "k" ? "peng" : "pen") + nasal[2]);
      if (root !== word) add(root);
    });
    return out;
  }

  /* Queries that together find every form: the words as typed, then each word replaced in
     turn by each of its other forms (at most 12 queries). */
  function queries(text) {
    var words = text.toLowerCase().split(/\s+/).filter(Boolean);
    var all = [words.join(" ")];
    words.forEach(function (word, i) {
      forms(word).slice(1).forEach(function (form) {
        var other = words.slice();
        other[i] = form;
        if (all.length < 12) all.push(other.join(" "));
      });
    });
    return all;
  }

  function filters() {
    var chosen = {};
    selects.forEach(function (select) { if (select.value) chosen[select.name] = select.value; });
    return chosen;
  }

  function search(now) {
    var text = input.value.trim();
    var chosen = filters();
    var number = ++asked;
    if (!text && !Object.keys(chosen).length) {
      list.replaceChildren();
      more.hidden = true;
      say("prompt");
      return;
    }
    say("loading");
    window.setTimeout(function () {
      if (number !== asked) return;  // a newer query came while waiting
      load().then(function (pagefind) {
        var terms = text ? queries(text) : [null];
        return Promise.all(terms.map(function (term) {
          return pagefind.search(term, { filters: chosen });
        })).then(function (answers) {
          if (number !== asked) return;
          var best = {};
          answers.forEach(function (answer) {
            (answer && answer.results || []).forEach(function (hit) {
              if (!best[hit.id] || best[hit.id].score < hit.score) best[hit.id] = hit;
            });
          });
          found = Object.keys(best).map(function (id) { return best[id]; })
            .sort(function (a, b) { return b.score - a.score; });
          shown = 0;
          list.replaceChildren();
          return show(number).then(function () {  // the count is said once the results are there
            if (number !== asked) return;
            if (!found.length) say("none");
            else sayCount(found.length);
          });
        });
      }).catch(function () { if (number === asked) say("unavailable"); });
    }, now ? 0 : 180);
  }

  function show(number) {
    var page = found.slice(shown, shown + PAGE);
    shown += page.length;
    more.hidden = shown >= found.length;
    return Promise.all(page.map(function (hit) { return hit.data(); })).then(function (pages) {
      if (number !== asked) return;
      pages.forEach(function (data) { list.appendChild(item(data)); });
    });
  }

  function excerpt(text) {
    var p = document.createElement("p");
    String(text || "").split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      if (part) {
        /* Pagefind keeps a page's words as text, not HTML (`&amp;` is what the page shows):
           shown as they are, never decoded */
        var node = marked ? document.createElement("mark") : document.createTextNode(part);
        if (marked) node.textContent = part;
        p.appendChild(node);
      }
      return marked;
    }, false);
    return p;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h2");
    /* a title too: `&amp;` in it is what the page shows */
    title.textContent = String(data.meta && data.meta.title || data.url);
    article.append(title, excerpt(data.excerpt));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () { search(false); });
  form.addEventListener("submit", function (event) { event.preventDefault(); search(true); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { search(true); input.focus(); }, 0);
  });
  more.addEventListener("click", function () {
    var next = shown;
    show(asked).then(function () { var to = links()[next]; if (to) to.focus(); });
  });
  if (opener) {
    opener.addEventListener("click", function () {
      open();
      input.focus();
    });
  }
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) load(); });

  box.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      if (opener && opener.offsetParent !== null) opener.focus();
      else input.blur();
    } else if (event.key === "ArrowDown" && (document.activeElement === input || at >= 0)) {
      event.preventDefault();
      if (all[at + 1]) all[at + 1].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at > 0 ? all[at - 1] : input).focus();
    }
  });

  /* "/" anywhere else puts the cursor in the search box, as in Material. */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) return;
    event.preventDefault();
    open();
    input.focus();
  });
})();
