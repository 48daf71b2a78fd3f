// Page behaviour: theme toggle, citation previews, search. No inline handlers, no third-party code.
(function () {
  "use strict";
  var root = document.documentElement;

  function setTheme(theme, remember) {
    if (root.dataset.theme !== theme) root.dataset.theme = theme;
    if (remember) { try { localStorage.setItem("cc-theme", theme); } catch (e) { /* ignore */ } }
    var button = document.getElementById("theme-toggle");
    if (button) {
      // A toggle button keeps one name and says by aria-pressed whether it is on: "Dark mode, pressed" is
      // what a screen reader hears while dark mode is on (never "Light mode, pressed").
      button.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
      button.querySelector(".theme-toggle-label").textContent = "Dark mode";
    }
    document.dispatchEvent(new CustomEvent("cc-theme-change", { detail: { theme: theme } }));
  }

  function initTheme() {
    var button = document.getElementById("theme-toggle");
    setTheme(root.dataset.theme === "dark" ? "dark" : "light", false);
    if (button) button.addEventListener("click", function () {
      setTheme(root.dataset.theme === "dark" ? "light" : "dark", true);
    });
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function (e) {
      var stored = null;
      try { stored = localStorage.getItem("cc-theme"); } catch (err) { /* ignore */ }
      if (!stored) setTheme(e.matches ? "dark" : "light", false);
    });
  }

  // Citation cards, as distill.pub shows them: the formatted reference (italics, a clickable DOI or URL), open
  // while the pointer or focus is on the citation or on the card, closed by Escape; a tap opens it on touch.
  // The page's listeners are delegated (a few on the document, none per citation) and the card is made on
  // first use, so a chapter with a hundred citations costs nothing until one is pointed at.
  var CITATION = '.citation a[href^="#ref-"]';
  function initCitations() {
    if (!document.querySelector(CITATION)) return;
    var card = null, owner = null, timer = null, touch = false, wasOpen = false;
    function linkOf(e) { return e.target && e.target.closest ? e.target.closest(CITATION) : null; }
    function open() { return !!card && !card.hidden; }
    function make() {
      if (card) return card;
      card = document.createElement("div");
      card.className = "cite-preview";
      card.id = "cite-preview";
      card.setAttribute("role", "dialog");
      card.setAttribute("aria-label", "Reference");
      card.hidden = true;
      document.body.appendChild(card);
      card.addEventListener("mouseenter", function () { clearTimeout(timer); });
      card.addEventListener("mouseleave", later);
      card.addEventListener("focusin", function () { clearTimeout(timer); });
      card.addEventListener("focusout", function (e) { if (!card.contains(e.relatedTarget) && e.relatedTarget !== owner) later(); });
      card.addEventListener("click", function (e) { if (e.target.closest(".cite-preview-more")) hide(); });
      return card;
    }
    function place(link) {
      var r = link.getBoundingClientRect();
      var width = document.documentElement.clientWidth;
      card.style.left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + width - card.offsetWidth - 8)) + "px";
      card.style.top = (window.scrollY + r.bottom + 6) + "px";
    }
    function show(link) {
      clearTimeout(timer);
      if (owner === link && open()) return;
      var id = decodeURIComponent(link.getAttribute("href").slice(1));
      var entry = document.getElementById(id);
      if (!entry) return;
      make();
      card.textContent = "";
      var body = entry.cloneNode(true);
      body.removeAttribute("id");
      body.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
      card.appendChild(body);
      var more = document.createElement("a");
      more.className = "cite-preview-more";
      more.href = "#" + id;
      more.textContent = "In the reference list";
      card.appendChild(more);
      card.hidden = false;
      place(link);
      if (owner && owner !== link) { owner.removeAttribute("aria-describedby"); owner.setAttribute("aria-expanded", "false"); }
      owner = link;
      link.setAttribute("aria-describedby", "cite-preview");
      link.setAttribute("aria-expanded", "true");
    }
    function hide() {
      clearTimeout(timer);
      if (card) card.hidden = true;
      if (owner) { owner.removeAttribute("aria-describedby"); owner.setAttribute("aria-expanded", "false"); }
      owner = null;
    }
    function later() { clearTimeout(timer); timer = setTimeout(hide, 400); }
    document.addEventListener("pointerdown", function (e) {
      var link = linkOf(e);
      if (link) {
        touch = e.pointerType === "touch" || e.pointerType === "pen";
        wasOpen = open() && owner === link;
      } else if (open() && !card.contains(e.target)) {
        hide();
      }
    });
    document.addEventListener("mouseover", function (e) {
      var link = linkOf(e);
      if (link && !link.contains(e.relatedTarget) && !touch) show(link);
    });
    document.addEventListener("mouseout", function (e) {
      var link = linkOf(e);
      if (link && !link.contains(e.relatedTarget)) later();
    });
    document.addEventListener("focusin", function (e) { var link = linkOf(e); if (link) show(link); });
    document.addEventListener("focusout", function (e) {
      var link = linkOf(e);
      if (link && !(card && card.contains(e.relatedTarget))) later();
    });
    document.addEventListener("click", function (e) {
      var link = linkOf(e);
      if (!link) return;
      // On touch the first tap shows the card (its own link goes to the list); a second tap follows the link.
      if (touch && !wasOpen) { e.preventDefault(); show(link); }
      else hide();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && open()) {
        var back = owner, inside = card.contains(document.activeElement);
        hide();
        if (back && inside) back.focus();
      }
    });
  }

  // Each citation says it opens a card (aria-expanded), written when the page is idle.
  function markCitations() {
    document.querySelectorAll(CITATION).forEach(function (link) {
      if (!link.hasAttribute("aria-expanded")) link.setAttribute("aria-expanded", "false");
    });
  }

  // Search: Pagefind's index, queried through its small JS API. The module (and its WebAssembly) loads
  // only when the reader first uses the box, so pages that are only read never download it. Each result links
  // to the section that matched (Pagefind's sub-results), and the page it opens highlights the words.
  var HIGHLIGHT = "pagefind-highlight";
  var PAGE_SIZE = 10;

  function bundlePath() {
    var box = document.getElementById("search");
    // A bare relative path ("pagefind/" on top-level pages) is not a valid module specifier; use the absolute one.
    return box ? new URL(box.dataset.bundle, document.baseURI).pathname : null;
  }

  function initSearch() {
    var box = document.getElementById("search");
    if (!box) return;
    var input = box.querySelector("input");
    var panel = document.getElementById("search-results");
    var bundle = bundlePath();
    var engine = null;
    var latest = 0;

    function load() {
      if (!engine) engine = import(bundle + "pagefind.js").then(function (pf) {
        // Result URLs are relative to the site's root, which is wherever the bundle folder sits.
        return pf.options({ baseUrl: bundle.replace(/pagefind\/$/, ""), highlightParam: HIGHLIGHT })
          .then(function () { pf.init(); return pf; });
      });
      return engine;
    }

    // Pagefind marks the matched words with <mark>; rebuild that as elements, never as HTML.
    function excerpt(text) {
      var p = document.createElement("p");
      p.className = "search-excerpt";
      text.split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
        if (part === "<mark>") return true;
        if (part === "</mark>") return false;
        var clean = part.replace(/<[^>]*>/g, "");
        if (clean) p.appendChild(inMark ? Object.assign(document.createElement("mark"), { textContent: clean }) : document.createTextNode(clean));
        return inMark;
      }, false);
      return p;
    }

    function resultItem(item) {
      var li = document.createElement("li");
      var subs = (item.sub_results || []).filter(function (s) { return s.url && s.url.indexOf("#") > 0; });
      // A chapter's own reference list matches every name it cites; show it only when nothing else matched.
      var text = subs.filter(function (s) { return s.title !== "References"; });
      if (text.length) subs = text;
      var best = subs[0];
      var a = document.createElement("a");
      a.className = "search-result-link pagefind-ui__result-link";
      a.href = best ? best.url : item.url;
      a.textContent = (item.meta && item.meta.title) || item.url;
      li.appendChild(a);
      if (best && best.title && best.title !== a.textContent) {
        var where = document.createElement("span");
        where.className = "search-result-section";
        where.textContent = " › " + best.title;
        a.appendChild(where);
      }
      li.appendChild(excerpt((best || item).excerpt || item.excerpt || ""));
      if (subs.length > 1) {
        var more = document.createElement("ul");
        more.className = "search-subresults";
        subs.slice(1, 4).forEach(function (sub) {
          var sli = document.createElement("li");
          var sa = document.createElement("a");
          sa.className = "search-result-link search-subresult-link";
          sa.href = sub.url;
          sa.textContent = sub.title;
          sli.appendChild(sa);
          more.appendChild(sli);
        });
        li.appendChild(more);
      }
      return li;
    }

    function show(query) {
      var ticket = ++latest;
      if (!query.trim()) { panel.hidden = true; panel.textContent = ""; return; }
      load().then(function (pf) { return pf.debouncedSearch(query, {}, 200); }).then(function (search) {
        if (search === null || ticket !== latest) return;
        panel.textContent = "";
        var count = document.createElement("p");
        count.className = "search-count";
        count.textContent = search.results.length === 1 ? "1 page found" : search.results.length + " pages found";
        panel.appendChild(count);
        var list = document.createElement("ol");
        panel.appendChild(list);
        panel.hidden = false;
        var shown = 0;
        function page() {
          var next = search.results.slice(shown, shown + PAGE_SIZE);
          shown += next.length;
          return Promise.all(next.map(function (r) { return r.data(); })).then(function (items) {
            if (ticket !== latest) return;
            items.forEach(function (item) { list.appendChild(resultItem(item)); });
            var old = panel.querySelector(".search-more");
            if (old) old.remove();
            if (shown < search.results.length) {
              var more = document.createElement("button");
              more.type = "button";
              more.className = "search-more";
              more.textContent = "Show " + Math.min(PAGE_SIZE, search.results.length - shown) + " more of " + search.results.length;
              more.addEventListener("click", function () {
                var first = shown;
                page().then(function () { var l = list.children[first] && list.children[first].querySelector("a"); if (l) l.focus(); });
              });
              panel.appendChild(more);
            }
          });
        }
        return page();
      });
    }

    // Arrow keys move from the box through the results (and back); Enter opens the focused one.
    function stops() { return Array.from(panel.querySelectorAll("a, button")); }
    box.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      if (panel.hidden) return;
      var all = stops();
      if (!all.length) return;
      var i = all.indexOf(document.activeElement);
      e.preventDefault();
      if (e.key === "ArrowDown") (all[i + 1] || all[all.length - 1]).focus();
      else if (i <= 0) input.focus();
      else all[i - 1].focus();
    });
    input.addEventListener("focus", load, { once: true });
    input.addEventListener("input", function () { show(input.value); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !panel.hidden) { var first = panel.querySelector("a"); if (first) { e.preventDefault(); first.click(); } }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !panel.hidden) { panel.hidden = true; input.focus(); }
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) panel.hidden = true; });
  }

  // The page a search result opened: mark the searched words (Pagefind's own highlight script, from the site).
  function initHighlight() {
    var bundle = bundlePath();
    if (!bundle || !new URLSearchParams(window.location.search).has(HIGHLIGHT)) return;
    import(bundle + "pagefind-highlight.js").then(function (mod) {
      var Highlight = mod.default || window.PagefindHighlight;
      new Highlight({ highlightParam: HIGHLIGHT, addStyles: false });
      // Keep the reader at the section the result pointed to, or at the first match when it had none.
      var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      var first = document.querySelector("mark.pagefind-highlight");
      if (!target && first) first.scrollIntoView({ block: "center" });
    });
  }

  // Links that land: the sticky header's height pads every scroll target, and each section heading gets an
  // anchor link, as Quarto's pages have. The height is read when the header is laid out (a ResizeObserver, so
  // no script forces a layout) and written where it is used: the page's scroll padding, and the header itself
  // (--header-h, for the search results). A custom property on the root would restyle the whole page.
  var headerH = 0;
  function initLanding() {
    var header = document.querySelector(".site-header");
    function measure() {
      var sticky = header && getComputedStyle(header).position === "sticky";
      var h = sticky ? header.offsetHeight : 0;
      if (h === headerH && root.style.scrollPaddingTop) return;
      headerH = h;
      root.style.scrollPaddingTop = "calc(" + h + "px + 0.75rem)";
      if (header) header.style.setProperty("--header-h", h + "px");
    }
    if (header && "ResizeObserver" in window) new ResizeObserver(measure).observe(header);
    else { measure(); window.addEventListener("resize", measure); }
  }

  function initAnchors() {
    document.querySelectorAll("main h2[id], main h3[id], main h4[id]").forEach(function (h) {
      if (h.closest(".cite-page, .callout-title, .cc-chart") || h.querySelector(".heading-anchor")) return;
      var a = document.createElement("a");
      a.className = "heading-anchor";
      a.href = "#" + h.id;
      a.setAttribute("aria-label", "Link to this section: " + h.textContent.trim());
      a.textContent = "#";
      h.appendChild(a);
    });
  }

  // Print: every chart goes on paper as its build-time SVG (light and static), not as the live view in the
  // screen's theme. The screen never downloads the image: it loads when printing starts. The images are added
  // when the page is idle, or when printing starts before that.
  function printImages() {
    document.querySelectorAll(".cc-chart").forEach(function (fig) {
      var link = fig.querySelector('.cc-chart-downloads a[href$=".svg"]');
      var src = fig.getAttribute("data-print") || (link && link.getAttribute("href"));
      if (!src || fig.querySelector(".cc-chart-print")) return;
      var img = document.createElement("img");
      img.className = "cc-chart-print";
      img.alt = "";
      img.loading = "lazy";
      img.src = src;
      fig.appendChild(img);
    });
  }
  function initPrint() {
    function load() {
      printImages();
      document.querySelectorAll("img.cc-chart-print").forEach(function (img) { img.loading = "eager"; });
    }
    window.addEventListener("beforeprint", load);
    window.matchMedia("print").addEventListener("change", function (e) { if (e.matches) load(); });
  }

  // Phones: the "Chapters" link in the header opens the chapter list over the page (no layout shift).
  function initNavigation() {
    var toggle = document.querySelector(".contents-link");
    var nav = document.getElementById("chapters");
    var narrow = window.matchMedia("(max-width: 52rem)");
    if (toggle && nav) {
      toggle.setAttribute("role", "button");
      toggle.setAttribute("aria-expanded", "false");
      var setOpen = function (open) {
        document.body.classList.toggle("nav-open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        if (open) { var cur = nav.querySelector("[aria-current]") || nav.querySelector("a"); if (cur) cur.focus(); }
      };
      toggle.addEventListener("click", function (e) {
        if (!narrow.matches) return;
        e.preventDefault();
        setOpen(!document.body.classList.contains("nav-open"));
      });
      document.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && document.body.classList.contains("nav-open")) { setOpen(false); toggle.focus(); }
      });
      document.addEventListener("click", function (e) {
        if (document.body.classList.contains("nav-open") && !nav.contains(e.target) && e.target !== toggle) setOpen(false);
      });
      narrow.addEventListener("change", function () { setOpen(false); });
    }
  }

  // The right-hand contents mark the section being read: the last whose heading is above a line under the
  // header. A heading is measured only when its top-level section crosses that line; the others are above or
  // below it as their section is, so no off-screen part of the page is laid out for this.
  function initToc() {
    var tocLinks = Array.from(document.querySelectorAll(".page-toc a[href^='#']"));
    var targets = tocLinks.map(function (a) { return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1))); });
    if (!tocLinks.length || !("IntersectionObserver" in window)) return;
    var outer = targets.map(function (t) {
      var s = t && t.closest(".content > section");
      return s || t;
    });
    var current = function () {
      var line = headerH + 24;
      var active = -1;
      targets.forEach(function (t, i) {
        if (!t) return;
        var box = outer[i].getBoundingClientRect();
        var above = box.top > line ? false : outer[i] === t || box.bottom <= line ? true : t.getBoundingClientRect().top <= line;
        if (above) active = i;
      });
      tocLinks.forEach(function (a, i) {
        if (i === active) { if (!a.hasAttribute("aria-current")) a.setAttribute("aria-current", "location"); }
        else if (a.hasAttribute("aria-current")) a.removeAttribute("aria-current");
      });
    };
    var observer = new IntersectionObserver(current, { rootMargin: "0px 0px -60% 0px" });
    targets.forEach(function (t) { if (t) observer.observe(t); });
    window.addEventListener("scroll", function () { window.requestAnimationFrame(current); }, { passive: true });
    current();
  }

  function initCopy() {
    document.querySelectorAll(".cite-copy").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      var status = button.parentNode.querySelector(".cite-copied");
      button.addEventListener("click", function () {
        var text = document.getElementById(button.dataset.copy).textContent.trim();
        navigator.clipboard.writeText(text).then(function () { status.textContent = "Copied"; },
          function () { status.textContent = "Copying failed: select the text instead"; });
      });
    });
  }

  // What the first screen needs runs now: the theme, the header's measure, the phone's chapter menu, search.
  // The rest waits until the page has loaded and then takes idle moments, one part per task, so that none of
  // it holds up the page's first paint or the reader's first tap: heading anchors, citation cards, the
  // contents' tracking, the print images, the copy button.
  function whenIdle(parts) {
    var idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 1); };
    function next() {
      var part = parts.shift();
      if (part) idle(function () { part(); next(); }, { timeout: 2000 });
    }
    if (document.readyState === "complete") next(); else window.addEventListener("load", next, { once: true });
  }

  initTheme();
  initLanding();
  initNavigation();
  initCitations();
  initPrint();
  initSearch();
  initHighlight();
  whenIdle([initAnchors, markCitations, initToc, printImages, initCopy]);
})();
