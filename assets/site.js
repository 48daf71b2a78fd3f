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

  function initSearch() {
    var el = document.getElementById("search");
    if (!el || typeof window.PagefindUI !== "function") return;
    // Pagefind imports pagefind.js from this path: a bare relative one ("pagefind/" on top-level pages) is not a
    // valid module specifier, so give it the absolute path (which also sets the base of the result links).
    var bundle = new URL(el.dataset.bundle, window.location.href).pathname;
    new window.PagefindUI({ element: "#search", bundlePath: bundle, showImages: false, resetStyles: false,
      translations: { placeholder: "Search" } });
    var input = el.querySelector("input");
    if (input) input.setAttribute("aria-label", "Search the report");
  }

  initTheme();
  initCitations();
  initSearch();
})();
