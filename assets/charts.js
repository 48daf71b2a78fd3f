// Draws every chart on the page with the Vega bundle served by this site, in the page's colour scheme.
(function () {
  "use strict";
  var figures = Array.prototype.slice.call(document.querySelectorAll(".cc-chart"));

  function scheme() { return document.documentElement.dataset.theme === "dark" ? "dark" : "light"; }

  function themed(spec) {
    var copy = JSON.parse(JSON.stringify(spec));
    var themes = copy.usermeta && copy.usermeta.clustercsr && copy.usermeta.clustercsr.themes;
    if (themes) copy.config = Object.assign({}, copy.config || {}, themes[scheme()]);
    return copy;
  }

  // Vega gives the container of every mark an image-like ARIA role, labelled by its items' descriptions. Marks
  // whose items carry no description (a zero rule, a basemap, a brush) would be announced as unnamed images;
  // they are decorative, so they are hidden from assistive technology. Text marks are read as text and stay.
  function hideUndescribedMarks(vgSpec) {
    (function walk(marks) {
      (marks || []).forEach(function (mark) {
        if (mark.type === "group") { walk(mark.marks); return; }
        var enc = mark.encode || {};
        var described = ["enter", "update"].some(function (k) { return enc[k] && enc[k].description; });
        if (!described && mark.type !== "text" && mark.aria === undefined && !mark.description) mark.aria = false;
      });
    })(vgSpec.marks);
    return vgSpec;
  }

  function draw(figure) {
    var spec = JSON.parse(figure.querySelector("script.cc-chart-spec").textContent);
    var target = figure.querySelector(".cc-chart-view");
    if (figure._view) { figure._view.finalize(); }
    var options = { actions: false, renderer: "svg", tooltip: { theme: scheme() }, patch: hideUndescribedMarks };
    return window.vegaEmbed(target, themed(spec), options)
      .then(function (result) {
        figure._view = result.view;
        figure.dataset.rendered = "true";
        labelControls(figure);
        // chart-details.js (panels, permalinks, state kept across theme redraws) attaches to every new view
        figure.dispatchEvent(new CustomEvent("cc-view-ready", { bubbles: true, detail: { view: result.view, figure: figure, variant: "wide" } }));
      })
      .catch(function (err) {
        figure.dataset.rendered = "error";
        target.textContent = "This chart could not be drawn: " + err.message + ". The data table below has the same content.";
      });
  }

  // Vega-Lite's bound inputs have no accessible names of their own; give each the text Vega shows beside it.
  function labelControls(figure) {
    figure.querySelectorAll(".vega-bind").forEach(function (bind, i) {
      var name = bind.querySelector(".vega-bind-name");
      var inputs = bind.querySelectorAll("input, select");
      inputs.forEach(function (input) {
        if (name && !input.getAttribute("aria-label") && input.type !== "radio") {
          var id = figure.id + "-control-" + i;
          name.id = id;
          input.setAttribute("aria-labelledby", id);
        }
      });
      var radios = bind.querySelectorAll("input[type=radio]");
      if (radios.length && name) {
        var group = bind.querySelector(".vega-bind-radio") || bind;
        group.setAttribute("role", "radiogroup");
        name.id = figure.id + "-control-" + i;
        group.setAttribute("aria-labelledby", name.id);
      }
    });
  }

  function fillTable(details) {
    if (details.dataset.filled) return;
    details.dataset.filled = "true";
    var fields = JSON.parse(details.dataset.fields);
    fetch(details.dataset.src).then(function (r) { return r.json(); }).then(function (rows) {
      var table = document.createElement("table");
      var thead = table.createTHead().insertRow();
      fields.forEach(function (f) {
        var th = document.createElement("th");
        th.scope = "col";
        th.textContent = f[1];
        thead.appendChild(th);
      });
      var body = table.createTBody();
      rows.forEach(function (row) {
        var tr = body.insertRow();
        fields.forEach(function (f) {
          var v = row[f[0]];
          tr.insertCell().textContent = v === null || v === undefined ? "" : Array.isArray(v) ? v.join("; ") : String(v);
        });
      });
      var holder = details.querySelector(".cc-table-scroll");
      holder.textContent = "";
      holder.appendChild(table);
    });
  }

  if (typeof window.vegaEmbed !== "function") return;
  figures.forEach(draw);
  document.querySelectorAll("details.cc-chart-table").forEach(function (d) {
    d.addEventListener("toggle", function () { if (d.open) fillTable(d); });
  });
  document.addEventListener("cc-theme-change", function () { figures.forEach(draw); });
})();
