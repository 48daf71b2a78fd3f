// Runs before first paint (not deferred) so a stored dark choice never flashes light.
(function () {
  var stored = null;
  try { stored = localStorage.getItem("cc-theme"); } catch (e) { /* storage may be blocked */ }
  var dark = stored ? stored === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  // Scripts run: on phones the chapter list is the header's menu, not a block after the text (see site.css).
  document.documentElement.classList.add("js");
})();
