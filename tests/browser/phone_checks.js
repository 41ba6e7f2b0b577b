/* What a resident on a phone would trip over, measured on the page as it is drawn
   (tests/browser/test_phone.py). Returns {sideways, clipped, cueless, broken, small,
   tiny}: each a list of short descriptions; an empty list is a pass.

   - sideways: the page is wider than the screen.
   - clipped: a visible element straddles the screen's edge (partly on, partly off), other
     than inside a box that scrolls sideways on purpose.
   - cueless: a box that scrolls sideways without a visible cue (a shadow at the edge it
     hides content behind: any background image on the box).
   - broken: a word drawn on two lines, though it has no place to wrap (a space, `-`, `_`,
     `.`, `/`, a soft hyphen).
   - small: a target (link, button, field, summary, label of a control) smaller than 24 x 24
     CSS px whose 24 px circle touches another target or another small target's circle
     (WCAG 2.2, 2.5.8), other than a link inside running text.
   - tiny: text smaller than 12 px. */
() => {
  const width = document.documentElement.clientWidth;
  const out = { sideways: [], clipped: [], cueless: [], broken: [], small: [], tiny: [] };
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    const cls = [...el.classList].slice(0, 2).join(".");
    if (cls) s += "." + cls;
    const text = (el.textContent || el.value || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ");
    return text ? `${s} "${text.slice(0, 40)}"` : s;
  };
  const shown = (el) => {
    if (el.closest("[hidden], [aria-hidden='true'], .md-sidebar--primary, .md-search, .md-skip")) {
      /* Material's drawer (off-canvas on a phone), the closed search, the skip link */
      if (!(el.closest(".md-search") && document.getElementById("__search")?.checked)) return false;
    }
    const style = getComputedStyle(el);
    if (style.visibility !== "visible" || style.display === "none" || parseFloat(style.opacity) === 0) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true });
  };
  const scrolls = (el, by = 1) => {
    const style = getComputedStyle(el);
    return /auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + by;
  };
  const insideScroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p, 0)) return true;
    return false;
  };

  const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (scrollWidth > width + 1 || window.innerWidth > width + 1)
    out.sideways.push(`page ${scrollWidth} px wide (window ${window.innerWidth} px) on a ${width} px screen`);

  const all = [...document.body.querySelectorAll("*")].filter((el) => !(el instanceof SVGElement && el.tagName !== "svg"));
  for (const el of all) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    const straddles = (box.left < -1 && box.right > 0) || (box.right > width + 1 && box.left < width);
    if (straddles && !insideScroller(el)) out.clipped.push(`${name(el)}: ${Math.round(box.left)} to ${Math.round(box.right)} px`);
    if (scrolls(el) && getComputedStyle(el).backgroundImage === "none")
      out.cueless.push(`${name(el)}: scrolls ${el.scrollWidth - el.clientWidth} px sideways without a cue`);
  }

  /* words drawn on two lines */
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !shown(parent) || parent.closest("script, style, svg, pre")) continue;
    const size = parseFloat(getComputedStyle(parent).fontSize);
    if (node.data.trim() && size < 12) out.tiny.push(`${name(parent)}: ${size} px`);
    for (const match of node.data.matchAll(/[^\s\u00ad\-_./:@–—]{2,}/g)) {
      const word = match[0];
      range.setStart(node, match.index);
      range.setEnd(node, match.index + word.length);
      /* on two lines: one part of the word wholly below another (not merely a glyph of
         another font, drawn a little higher or lower on the same line) */
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      if (rects.some((r) => rects.some((q) => r.top >= q.bottom - 1)))
        out.broken.push(`"${word}" in ${name(parent)}`);
    }
  }

  /* targets (WCAG 2.2, 2.5.8) */
  const inRunningText = (a) => {
    if (a.tagName !== "A" || getComputedStyle(a).display !== "inline") return false;
    let block = a.parentElement;
    while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
    if (!block) return false;
    const text = [...block.childNodes].map((n) => (n === a || (n.nodeType === 1 && n.querySelector("a") === a) ? "" : n.textContent)).join("");
    return /[A-Za-z0-9]{2,}/.test(text.replace(/\s+/g, " "));
  };
  const targets = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button], [tabindex]:not([tabindex='-1'])")]
    .filter((el) => shown(el) && !(el.tagName === "INPUT" && el.closest("label")))
    .map((el) => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.right > 0 && box.left < width);
  const undersized = targets.filter(({ el, box }) => (box.width < 23.5 || box.height < 23.5) && !inRunningText(el));
  const centre = (box) => [box.left + box.width / 2, box.top + box.height / 2];
  const distanceToBox = ([x, y], b) => Math.hypot(Math.max(b.left - x, 0, x - b.right), Math.max(b.top - y, 0, y - b.bottom));
  for (const small of undersized) {
    const c = centre(small.box);
    const near = targets.find((t) => t.el !== small.el && !t.el.contains(small.el) && !small.el.contains(t.el)
      && (distanceToBox(c, t.box) < 12 - 0.5
          || (undersized.includes(t) && Math.hypot(...centre(t.box).map((v, i) => v - c[i])) < 24 - 0.5)));
    if (near)
      out.small.push(`${name(small.el)}: ${Math.round(small.box.width)} x ${Math.round(small.box.height)} px, too near ${name(near.el)}`);
  }
  return out;
}
