// Page behaviour: theme toggle, citation previews, search. No inline handlers, no third-party code.
(function () {
  "use strict";
  var root = document.documentElement;

  function setTheme(theme, remember) {
    root.dataset.theme = theme;
    if (remember) { try { localStorage.setItem("cc-theme", theme); } catch (e) { /* ignore */ } }
    var button = document.getElementById("theme-toggle");
    if (button) {
      button.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
      button.querySelector(".theme-toggle-label").textContent = theme === "dark" ? "Light mode" : "Dark mode";
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

  // Citation previews: the reference entry, shown on hover and on keyboard focus.
  function initCitations() {
    var tip = document.createElement("div");
    tip.className = "cite-preview";
    tip.id = "cite-preview";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var links = document.querySelectorAll('.citation a[href^="#ref-"]');
    function show(link) {
      var entry = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!entry) return;
      tip.textContent = entry.textContent.trim();
      tip.hidden = false;
      var r = link.getBoundingClientRect();
      var top = window.scrollY + r.bottom + 6;
      var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
      tip.style.top = top + "px";
      tip.style.left = left + "px";
      link.setAttribute("aria-describedby", "cite-preview");
    }
    function hide(link) { tip.hidden = true; if (link) link.removeAttribute("aria-describedby"); }
    links.forEach(function (link) {
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("mouseleave", function () { hide(link); });
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("blur", function () { hide(link); });
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(null); });
  }

  // Search: Pagefind's index, queried through its small JS API. The module (and its WebAssembly) loads
  // only when the reader first uses the box, so pages that are only read never download it.
  function initSearch() {
    var box = document.getElementById("search");
    if (!box) return;
    var input = box.querySelector("input");
    var panel = document.getElementById("search-results");
    // A bare relative path ("pagefind/" on top-level pages) is not a valid module specifier; use the absolute one.
    var bundle = new URL(box.dataset.bundle, window.location.href).pathname;
    var engine = null;
    var latest = 0;

    function load() {
      if (!engine) engine = import(bundle + "pagefind.js").then(function (pf) {
        // Result URLs are relative to the site's root, which is wherever the bundle folder sits.
        return pf.options({ baseUrl: bundle.replace(/pagefind\/$/, "") }).then(function () { pf.init(); return pf; });
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

    function show(query) {
      var ticket = ++latest;
      if (!query.trim()) { panel.hidden = true; panel.textContent = ""; return; }
      load().then(function (pf) { return pf.debouncedSearch(query, {}, 200); }).then(function (search) {
        if (search === null || ticket !== latest) return;
        return Promise.all(search.results.slice(0, 8).map(function (r) { return r.data(); })).then(function (items) {
          if (ticket !== latest) return;
          panel.textContent = "";
          var count = document.createElement("p");
          count.className = "search-count";
          count.textContent = search.results.length === 1 ? "1 page found" : search.results.length + " pages found";
          panel.appendChild(count);
          var list = document.createElement("ol");
          items.forEach(function (item) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.className = "search-result-link pagefind-ui__result-link";
            a.href = item.url;
            a.textContent = (item.meta && item.meta.title) || item.url;
            li.appendChild(a);
            li.appendChild(excerpt(item.excerpt || ""));
            list.appendChild(li);
          });
          panel.appendChild(list);
          panel.hidden = false;
        });
      });
    }

    input.addEventListener("focus", load, { once: true });
    input.addEventListener("input", function () { show(input.value); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !panel.hidden) { panel.hidden = true; input.focus(); }
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) panel.hidden = true; });
  }

  initTheme();
  initCitations();
  initSearch();
})();
