/* The "propose a project" form: builds project.yml in the browser, checks it against the
   JSON Schema this portal publishes (the one `cocreate validate` checks against, fetched
   from the portal itself: no other request), shows each problem beside its field with the
   standard's own message, keeps a draft in this browser's localStorage, and opens GitHub's
   new-file page with the file prefilled. Nothing is sent anywhere else. Every text is
   written as a JSON string, which YAML reads back exactly, and shown through textContent. */
(function () {
  "use strict";

  /* ----- the JSON Schema, as the standard uses it (draft 2020-12: type, enum, const,
     lengths, pattern, items, required, properties, additionalProperties, propertyNames,
     minProperties, if/then/else, allOf, anyOf, $ref into $defs; x-code names a problem) ----- */
  function Checker(schema) { this.schema = schema; }
  Checker.prototype.lookup = function (ref) {
    var node = this.schema;
    ref.replace(/^#\//, "").split("/").forEach(function (part) {
      node = node[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    });
    return node;
  };
  Checker.prototype.resolve = function (node) {
    while (node && typeof node === "object" && typeof node.$ref === "string") {
      var merged = {};
      var target = this.lookup(node.$ref);
      Object.keys(target).forEach(function (k) { merged[k] = target[k]; });
      Object.keys(node).forEach(function (k) { if (k !== "$ref") merged[k] = node[k]; });
      node = merged;
    }
    return node;
  };
  function kindOf(value) {
    if (Array.isArray(value)) return "array";
    if (value === null) return "null";
    return typeof value === "object" ? "object" : typeof value;
  }
  function said(kind) { return kind === "object" ? "map" : kind === "array" ? "list" : "text"; }
  Checker.prototype.check = function (node, value, path, found) {
    var self = this;
    node = this.resolve(node);
    if (!node || typeof node !== "object") return;
    function add(at, code, params) { found.push({ path: at, code: code, params: params || {} }); }
    var kind = kindOf(value);
    if (node.type !== undefined) {
      var types = [].concat(node.type);
      if (types.indexOf(kind) < 0) {
        add(path, "wrong-type", { expected: types.join(" | "), got: said(kind) });
        return;
      }
    }
    if (node.enum && node.enum.indexOf(value) < 0) {
      add(path, "invalid-value", { value: String(value), allowed: node.enum.join(", ") });
    }
    if (node.const !== undefined && node.const !== value) {
      add(path, "invalid-value", { value: String(value), allowed: String(node.const) });
    }
    if (kind === "string") {
      var length = Array.from(value).length;
      if (node.minLength !== undefined && length < node.minLength) add(path, "empty-text");
      if (node.maxLength !== undefined && length > node.maxLength) {
        add(path, "text-too-long", { length: length, limit: node.maxLength });
      }
      if (node.pattern !== undefined && !new RegExp(node.pattern, "u").test(value)) {
        add(path, node["x-code"] || "invalid-format", { value: value });
      }
    }
    if (kind === "array") {
      if (node.minItems !== undefined && value.length < node.minItems) add(path, "too-few-items", { limit: node.minItems });
      if (node.maxItems !== undefined && value.length > node.maxItems) {
        add(path, "too-many-items", { length: value.length, limit: node.maxItems });
      }
      if (node.uniqueItems) {
        var seen = value.map(function (item) { return JSON.stringify(item); });
        if (seen.some(function (item, i) { return seen.indexOf(item) !== i; })) add(path, "duplicate-item");
      }
      if (node.items) value.forEach(function (item, i) { self.check(node.items, item, path + "/" + i, found); });
    }
    if (kind === "object") {
      var keys = Object.keys(value);
      var properties = node.properties || {};
      (node.required || []).forEach(function (name) {
        if (!Object.prototype.hasOwnProperty.call(value, name)) add(path + "/" + name, node["x-code"] || "missing-field", { name: name });
      });
      if (node.minProperties !== undefined && keys.length < node.minProperties) add(path, "empty-map");
      keys.forEach(function (key) {
        if (node.propertyNames) {
          var names = self.resolve(node.propertyNames);
          if (names.pattern && !new RegExp(names.pattern, "u").test(key)) {
            add(path + "/" + key, names["x-code"] || "invalid-format", { value: key });
          }
        }
        if (Object.prototype.hasOwnProperty.call(properties, key)) {
          self.check(properties[key], value[key], path + "/" + key, found);
        } else if (node.additionalProperties === false) {
          add(path + "/" + key, "unknown-field", { name: key, allowed: Object.keys(properties).sort().join(", ") });
        } else if (node.additionalProperties && typeof node.additionalProperties === "object") {
          self.check(node.additionalProperties, value[key], path + "/" + key, found);
        }
      });
    }
    if (node["if"] !== undefined) {
      var probe = [];
      self.check(node["if"], value, path, probe);
      var branch = probe.length ? node["else"] : node.then;
      if (branch !== undefined) self.check(branch, value, path, found);
    }
    (node.allOf || []).forEach(function (part) { self.check(part, value, path, found); });
    if (node.anyOf) {
      var passes = node.anyOf.some(function (part) {
        var probe = [];
        self.check(part, value, path, probe);
        return !probe.length;
      });
      if (!passes) add(path, node["x-code"] || "schema-violation", { detail: path });
    }
  };

  /* ----- the validator's rules on texts: forbidden characters, one line, markup in a plain
     text, personal data. The patterns are the validator's own (portal/forms.py writes them
     into data-rules); this is its logic around them (standard/privacy.py). ----- */
  function Rules(data) {
    function re(source, flags) { return new RegExp(source, flags); }
    this.data = data;
    this.chars = data.chars.map(function (c) { return [c[0], re("[" + c[1] + "]", "gu")]; });
    this.flag = re(data.flag, "gu");
    this.lineBreak = re("[" + data.lineBreaks + "]", "u");
    this.tag = re(data.tag, "u");
    this.email = re(data.email, "giu");
    this.atSign = re(data.atSign, "iu");
    this.atWordEmail = re(data.atWordEmail, "iu");
    this.digits = re(data.digits, "u");
    this.nik = re(data.nik, "gu");
    this.phone = re(data.phone, "gu");
    this.dateToken = re("^(?:" + data.dateToken + ")$", "u");
    this.dateInText = re(data.dateInText, "gu");
  }
  function shapeOf(parts) {
    return parts.map(function (p) { return typeof p === "number" ? "*" : p; });
  }
  Rules.prototype.marked = function (list, parts) {
    var shape = shapeOf(parts);
    if (list.indexOf(shape.join("/")) >= 0) return true;
    var parent = shape.slice(0, -1).join("/");
    return shape.length > 1 && typeof parts[parts.length - 1] === "string" && list.indexOf(parent) >= 0 &&
      this.data.multilingual.indexOf(parent) >= 0;
  };
  Rules.prototype.isDate = function (token) {
    var m = this.dateToken.exec(token);
    if (!m) return false;
    var g = m.groups;
    var year = +(g.y || g.y2 || g.y3);
    var month = +(g.m || g.m2 || g.m3);
    return year >= 1900 && year <= 2100 && month >= 1 && month <= 12;
  };
  /* Enough of a finding to find it, not enough to publish it (privacy.mask). */
  function mask(text) {
    var t = Array.from(text.trim());
    if (t.length <= 6) return t.map(function () { return "*"; }).join("");
    return t.slice(0, 2).join("") + t.slice(2, -2).map(function () { return "*"; }).join("") + t.slice(-2).join("");
  }
  function phoneLike(candidate) {
    var digits = candidate.replace(/\D/g, "");
    if (candidate.charAt(0) === "+" || digits.slice(0, 2) === "00") {
      var n = digits.replace(/^0+/, "").length;
      return n >= 8 && n <= 15;
    }
    if (digits.slice(0, 2) === "62") return digits.length >= 10 && digits.length <= 14;
    return digits.length >= 9 && digits.length <= 13 && digits.charAt(1) !== "0";
  }
  Rules.prototype.sentenceAt = function (found, text, end) {
    var at = found.indexOf(" at ");
    var lower = found.toLowerCase();
    if (at < 0 || found.indexOf("@") >= 0 || lower.indexOf("(at)") >= 0 || lower.indexOf("[at]") >= 0) return false;
    var before = found.slice(0, at).trim();
    var word = before ? before.split(/\s+/).pop().toLowerCase() : "";
    return found.slice(at + 4).toLowerCase().indexOf("www.") === 0 || text.charAt(end) === "/" ||
      this.data.notAnAddress.indexOf(word) >= 0;
  };
  /* What sanitizing would take out of Markdown (standard/markdown.py keeps only its tags,
     attributes and link schemes, and no comment), outside code, or "". */
  Rules.prototype.unsafe = function (text) {
    var data = this.data;
    var prose = text.replace(/```[\s\S]*?(```|$)/g, "").replace(/`[^`\n]*`/g, "").replace(/^(?: {4}|\t).*$/gm, "");
    if (/<!--/.test(prose)) return "comment";
    var tag = /<(\/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>/g;
    var m;
    while ((m = tag.exec(prose))) {
      var name = m[2].toLowerCase();
      if (data.allowedTags.indexOf(name) < 0) return "<" + name + ">";
      var allowed = data.allowedAttributes[name] || [];
      var attribute = /([^\s=\/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
      var a;
      while ((a = attribute.exec(m[3]))) {
        var attr = a[1].toLowerCase();
        if (allowed.indexOf(attr) < 0) return "<" + name + " " + attr + ">";
        if (attr === "href" && !this.safeUrl((a[2] || "").replace(/^["']|["']$/g, ""))) return "<a href>";
      }
    }
    var link = /\]\(\s*<?([^)\s>]*)/g;
    while ((m = link.exec(prose))) if (!this.safeUrl(m[1])) return "<a href=" + m[1].split(":")[0] + ":>";
    var reference = /^\s*\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)/gm;
    while ((m = reference.exec(prose))) if (!this.safeUrl(m[1])) return "<a href>";
    return "";
  };
  Rules.prototype.safeUrl = function (url) {
    var scheme = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/.exec(url.replace(/[\u0000-\u0020]/g, ""));
    return !scheme || this.data.urlSchemes.indexOf(scheme[1].toLowerCase()) >= 0;
  };

  /* The personal data in a text: [kind, what was found], kind "email", "nik" or "phone". */
  Rules.prototype.personal = function (text) {
    var self = this;
    var kinds = [];
    var taken = [];
    var m;
    if (this.atSign.test(text) || this.atWordEmail.test(text)) {
      this.email.lastIndex = 0;
      while ((m = this.email.exec(text))) {
        if (!self.sentenceAt(m[0], text, m.index + m[0].length)) {
          taken.push([m.index, m.index + m[0].length]);
          kinds.push(["email", m[0]]);
        }
      }
    }
    if (!this.digits.test(text)) return kinds;
    this.nik.lastIndex = 0;
    while ((m = this.nik.exec(text))) {
      taken.push([m.index, m.index + m[0].length]);
      kinds.push(["nik", m[0]]);
    }
    var blanked = text.replace(this.dateInText, function (date) {
      return self.isDate(date) ? date.replace(/[\s\S]/g, "\u0000") : date;
    });
    this.phone.lastIndex = 0;
    while ((m = this.phone.exec(blanked))) {
      var start = m.index;
      var end = start + m[0].length;
      var overlaps = taken.some(function (t) { return start < t[1] && t[0] < end; });
      if (!overlaps && phoneLike(m[0].trim())) kinds.push(["phone", text.slice(start, end)]);
    }
    return kinds;
  };
  Rules.prototype.text = function (value, parts, found, isKey) {
    var path = parts.map(function (p) { return "/" + p; }).join("");
    function add(code, params) { found.push({ path: path, code: code, params: params || {} }); }
    function named(char) { return "U+" + ("000" + char.codePointAt(0).toString(16).toUpperCase()).slice(-4); }
    var flags = [];
    var m;
    this.flag.lastIndex = 0;
    while ((m = this.flag.exec(value))) flags.push([m.index, m.index + m[0].length]);
    this.chars.forEach(function (c) {
      c[1].lastIndex = 0;
      var hit;
      while ((hit = c[1].exec(value))) {
        var at = hit.index;
        if (!flags.some(function (f) { return at >= f[0] && at < f[1]; })) { add(c[0], { char: named(hit[0]) }); break; }
      }
    });
    var brk = this.lineBreak.exec(value);
    if ((isKey || !this.marked(this.data.multiline, parts)) && brk) add("not-one-line", { char: named(brk[0]) });
    var isMarkdown = !isKey && this.marked(this.data.markdown, parts);
    if (!isKey && !isMarkdown && this.tag.test(value)) add("markup-in-text");
    var unsafe = isMarkdown ? this.unsafe(value) : "";
    if (unsafe) add("unsafe-markup", { removed: unsafe });
    this.personal(value).forEach(function (hit) { add("personal-data-" + hit[0], { found: mask(hit[1]) }); });
  };
  Rules.prototype.check = function (doc, found) {
    var self = this;
    (function walk(value, parts) {
      if (typeof value === "string") {
        self.text(value, parts, found, false);
      } else if (Array.isArray(value)) {
        value.forEach(function (item, i) { walk(item, parts.concat([i])); });
      } else if (value && typeof value === "object") {
        Object.keys(value).forEach(function (key) {
          self.text(key, parts.concat([key]), found, true);
          walk(value[key], parts.concat([key]));
        });
      }
    })(doc, []);
  };

  /* The same check for any document: the tests compare it with the validator's. */
  window.cocreateCheck = function (schema, doc, rules) {
    var found = [];
    var checker = new Checker(schema);
    checker.check(schema, doc, "", found);
    if (rules) new Rules(rules).check(doc, found);
    return found;
  };

  /* ----- YAML: maps and lists in block style, every text a JSON string ----- */
  var PLAIN = /^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|\d{4}-\d{2}-\d{2})$/;
  var RESERVED = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
  function scalar(value) {
    var text = String(value);
    return PLAIN.test(text) && RESERVED.indexOf(text) < 0 ? text : JSON.stringify(text);
  }
  function spaces(n) { return new Array(n + 1).join(" "); }
  function dumpMap(map, indent) {
    return Object.keys(map).map(function (key) { return spaces(indent) + key + ":" + dumpValue(map[key], indent); }).join("");
  }
  function dumpValue(value, indent) {
    if (Array.isArray(value)) return "\n" + value.map(function (item) { return dumpItem(item, indent + 2); }).join("");
    if (value !== null && typeof value === "object") return "\n" + dumpMap(value, indent + 2);
    return " " + scalar(value) + "\n";
  }
  function dumpItem(item, indent) {
    if (item !== null && typeof item === "object" && !Array.isArray(item)) {
      return spaces(indent) + "- " + dumpMap(item, indent + 2).slice(indent + 2);
    }
    return spaces(indent) + "-" + dumpValue(item, indent);
  }

  /* ----- the form ----- */
  /* Today as the standard means it: the day it is in the portal's time zone (the plugin's
     `timezone`), the day `cocreate validate` takes, wherever the browser is. */
  function today(zone) {
    var d = new Date();
    var parts = {};
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(d).forEach(function (part) { parts[part.type] = part.value; });
      return ("000" + parts.year).slice(-4) + "-" + parts.month + "-" + parts.day;
    } catch (e) {
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
    }
  }
  function lines(text) {
    return String(text).split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
  }
  function fill(text, params) {
    return String(text).replace(/\{(\w+)\}/g, function (all, key) {
      return params[key] !== undefined ? String(params[key]) : all;
    });
  }

  function setup() {
    var form = document.querySelector("form.cc-propose-form");
    if (!form) return;
    var messages = JSON.parse(form.dataset.messages || "{}");
    var rules = new Rules(JSON.parse(form.dataset.rules));
    var summary = form.querySelector(".cc-form__summary");
    var result = form.querySelector(".cc-propose-result");
    var draftStatus = form.querySelector(".cc-form__draft-status");
    var draftKey = "cocreate:propose:" + window.location.pathname;
    var checker = null;
    var checked = false;
    var ready = window.fetch
      ? window.fetch(form.dataset.schema).then(function (r) { return r.json(); })
        .then(function (schema) { checker = new Checker(schema); }, function () { checker = null; })
      : Promise.resolve();

    function v(name) { return String(form.elements[name].value || "").trim(); }
    function ticked(name) {
      return Array.prototype.filter.call(form.querySelectorAll('input[name="' + name + '"]'),
        function (box) { return box.checked; }).map(function (box) { return box.value; });
    }

    function projectOf() {
      var doc = {};
      doc.title = v("title_en") ? { id: v("title_id"), en: v("title_en") } : v("title_id");
      doc.summary = v("summary");
      doc.description = v("description");
      doc.status = "proposed";
      doc.phase = "involvement";
      doc.location = { city: v("city"), province: v("province") };
      doc.openness = { level: v("openness") };
      if (lines(v("criteria")).length) doc.openness.criteria = lines(v("criteria"));
      doc.ownership = { level: v("ownership") };
      if (v("license")) doc.ownership.license = v("license");
      doc.stakeholders = [{ name: v("org"), category: v("category"), role: "initiator",
        contributes: v("contributes"), benefit: v("benefit") }];
      doc.timeline = [{ date: today(form.dataset.timezone), phase: "involvement", activity: "co-definition",
        title: form.dataset.firstEntry }];
      doc.trust = {};
      ["information", "purpose", "access", "retention"].forEach(function (k) { doc.trust[k] = v("trust_" + k); });
      var sought = ticked("seeking_categories");
      var skills = lines(v("seeking_skills"));
      var resources = lines(v("seeking_resources"));
      if (sought.length || skills.length || resources.length || v("seeking_closes") || v("seeking_respond")) {
        var seeking = {};
        if (sought.length) seeking.categories = sought;
        if (skills.length) seeking.skills = skills;
        if (resources.length) seeking.resources = resources;
        seeking.opened = today(form.dataset.timezone);
        if (v("seeking_closes")) seeking.closes = v("seeking_closes");
        if (v("seeking_respond")) seeking.how_to_respond = v("seeking_respond");
        doc.seeking = seeking;
      }
      var handle = v("maintainer");
      doc.maintainers = [handle && handle.charAt(0) !== "@" ? "@" + handle : handle];
      return doc;
    }

    function problemsOf(doc) {
      var found = [];
      if (checker) checker.check(checker.schema, doc, "", found);
      rules.check(doc, found);
      if (!new RegExp(form.dataset.slug).test(v("slug"))) {
        found.unshift({ path: "#slug", code: "invalid-slug", params: { slug: v("slug") } });
      }
      var call = doc.seeking;
      if (call && /^\d{4}-\d{2}-\d{2}$/.test(call.closes || "") && call.closes < call.opened) {
        found.push({ path: "/seeking/closes", code: "call-closes-before-opening",
          params: { value: call.closes, opened: call.opened } });
      }
      return found;
    }

    /* Where a problem is shown: the field (or group) whose data-path is the problem's
       path or the nearest one above it. */
    var places = Array.prototype.filter.call(form.querySelectorAll("[data-path]"), function (el) {
      return el.dataset.path;
    });
    function placeOf(path) {
      var best = null;
      var bestLength = -1;
      places.forEach(function (el) {
        el.dataset.path.split(" ").forEach(function (prefix) {
          if ((path === prefix || path.indexOf(prefix + "/") === 0) && prefix.length > bestLength) {
            best = el;
            bestLength = prefix.length;
          }
        });
      });
      return best;
    }
    function errorOf(place) {
      return place.tagName === "FIELDSET" ? place.querySelector(":scope > .cc-error") : document.getElementById(place.id + "-error");
    }
    function labelOf(place) {
      var label = place.tagName === "FIELDSET" ? place.querySelector(":scope > legend") : form.querySelector('label[for="' + place.id + '"]');
      return label && label.firstChild ? label.firstChild.textContent.trim() : "";  // without "(optional)"
    }
    function sentence(problem) {
      var entry = messages[problem.code];
      if (!entry) return problem.code;
      var message = fill(entry.message, problem.params);
      return message.charAt(0).toUpperCase() + message.slice(1) + ". " + fill(entry.hint, problem.params);
    }
    function describedBy(place, id, on) {
      var ids = (place.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
      if (on) ids.unshift(id);
      if (ids.length) place.setAttribute("aria-describedby", ids.join(" "));
      else place.removeAttribute("aria-describedby");
    }
    function clearErrors() {
      places.forEach(function (place) {
        var error = errorOf(place);
        if (error) {
          error.hidden = true;
          error.textContent = "";
          describedBy(place, error.id, false);
        }
        place.removeAttribute("aria-invalid");
      });
      summary.hidden = true;
    }

    function show(problems, focus) {
      clearErrors();
      var list = summary.querySelector("ul");
      list.replaceChildren();
      var shown = [];
      problems.forEach(function (problem) {
        var place = placeOf(problem.path);
        if (place && shown.indexOf(place) >= 0) return;  // the first problem of each field
        var empty = place && place.required && !String(place.value).trim();
        var text = empty ? form.dataset.required : sentence(problem);  // a field left empty: say so plainly
        var item = document.createElement("li");
        if (place) {
          shown.push(place);
          var error = errorOf(place);
          error.textContent = text;
          error.hidden = false;
          describedBy(place, error.id, true);
          if (place.tagName !== "FIELDSET") place.setAttribute("aria-invalid", "true");
          var link = document.createElement("a");
          var target = place.tagName === "FIELDSET" ? place.querySelector("input, select, textarea") : place;
          link.href = "#" + target.id;
          link.textContent = labelOf(place) + ": " + text;
          link.addEventListener("click", function (event) { event.preventDefault(); target.focus(); });
          item.appendChild(link);
        } else {
          item.textContent = text;
        }
        list.appendChild(item);
      });
      summary.querySelector(".cc-form__count").textContent = fill(form.dataset.errors, { count: list.children.length });
      summary.hidden = !problems.length;
      if (problems.length && focus) summary.focus();
    }

    function check(focus) {
      var doc = projectOf();
      var problems = problemsOf(doc);
      show(problems, focus);
      if (problems.length) {
        result.hidden = true;
        return null;
      }
      return doc;
    }

    function publish(doc) {
      var yaml = dumpMap(doc, 0);
      result.querySelector(".cc-propose-yaml").textContent = yaml;
      var open = result.querySelector(".cc-propose-open");
      if (form.dataset.repo) {
        var page = form.dataset.repo.replace(/\/+$/, "") + "/new/" + encodeURIComponent(form.dataset.branch) +
          "?filename=" + encodeURIComponent(form.dataset.folder + "/" + v("slug") + "/project.yml");
        var full = page + "&value=" + encodeURIComponent(yaml);
        /* servers refuse addresses of more than about 8 KB: a longer file is copied, not sent */
        var long = full.length > Number(form.dataset.urlLimit);
        open.querySelector("a").href = long ? page : full;
        result.querySelector(".cc-propose-long").hidden = !long;
        open.hidden = false;
      } else {
        open.hidden = true;
      }
      if (!checker) result.querySelector("p").textContent = form.dataset.noSchema;
      result.hidden = false;
      form.dataset.yaml = yaml;
      result.querySelector("h2").focus();
    }

    result.querySelector(".cc-propose-copy").addEventListener("click", function () {
      var said = result.querySelector(".cc-propose-copied");
      var text = result.querySelector(".cc-propose-yaml").textContent;
      var done = function () { said.textContent = form.dataset.copied; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { select(); });
      } else {
        select();
      }
      function select() {
        var range = document.createRange();
        range.selectNodeContents(result.querySelector(".cc-propose-yaml"));
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      }
    });

    /* ----- the draft, kept in this browser only ----- */
    function fields() {
      return Array.prototype.filter.call(form.elements, function (el) { return el.name && el.tagName !== "BUTTON"; });
    }
    function saveDraft() {
      var data = {};
      fields().forEach(function (el) {
        if (el.type === "checkbox") {
          data[el.name] = data[el.name] || [];
          if (el.checked) data[el.name].push(el.value);
        } else {
          data[el.name] = el.value;
        }
      });
      try {
        window.localStorage.setItem(draftKey, JSON.stringify(data));
        draftStatus.textContent = form.dataset.draftSaved;
      } catch (e) { /* storage full or refused: the form works without a draft */ }
    }
    function restoreDraft() {
      var data = null;
      try { data = JSON.parse(window.localStorage.getItem(draftKey) || "null"); } catch (e) { data = null; }
      if (!data || typeof data !== "object") return;
      fields().forEach(function (el) {
        if (!Object.prototype.hasOwnProperty.call(data, el.name)) return;
        if (el.type === "checkbox") el.checked = [].concat(data[el.name]).indexOf(el.value) >= 0;
        else el.value = String(data[el.name]);
      });
      draftStatus.textContent = form.dataset.draftRestored;
    }

    form.hidden = false;
    restoreDraft();
    form.addEventListener("input", function () {
      saveDraft();
      if (checked) ready.then(function () { check(false); });
    });
    form.addEventListener("change", saveDraft);
    form.querySelector(".cc-form__clear").addEventListener("click", function () {
      try { window.localStorage.removeItem(draftKey); } catch (e) { /* nothing kept */ }
      form.reset();
      clearErrors();
      checked = false;
      result.hidden = true;
      draftStatus.textContent = form.dataset.draftCleared;
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      checked = true;
      ready.then(function () {
        var doc = check(true);
        if (doc) publish(doc);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
