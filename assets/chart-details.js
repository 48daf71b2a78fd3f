// What a chart's selection reveals, as HTML beside the chart (never drawn inside the canvas): per selection a
// panel with a heading, an aria-live list of the evidence, a keyboard control bound to the same Vega param, a
// clear button and a "Copy link" button. The selection is written to the URL and restored from it, kept when
// the theme redraws the chart, and "Download this view" saves the current state, stamped with its source.
//
// Each figure's configuration is the JSON in its script.cc-chart-details (written by charts/details.py). The
// live Vega view arrives with the `cc-view-ready` event that charts.js dispatches on the figure each time it
// creates or re-creates a view (detail: {view, figure, variant}); until then the panels work on their own.
(function () {
  "use strict";
  var script = document.currentScript;
  var siteRoot = script ? script.src.replace(/assets\/chart-details\.js(\?.*)?$/, "") : "";
  var charts = {};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function figureOf(chart) { return chart.closest("figure") || chart; }

  function readConfig(chart) {
    var holder = chart.querySelector("script.cc-chart-details");
    if (!holder) return null;
    try { return JSON.parse(holder.textContent); } catch (err) { return null; }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Values: a point selection's value is its fields' values joined by "~"; an interval's is "from-to" (years)
  // ---------------------------------------------------------------------------------------------------------

  function validValue(panel, text) {
    if (typeof text !== "string" || !text || text.length > 300) return null;
    var cfg = panel.cfg;
    if (cfg.kind === "interval") {
      var m = /^(-?\d{1,4})-(-?\d{1,4})$/.exec(text);
      if (!m) return null;
      var lo = +m[1], hi = +m[2];
      var known = cfg.options.map(function (o) { return +o.value; });
      if (lo > hi || known.indexOf(lo) < 0 || known.indexOf(hi) < 0) return null;
      return lo + "-" + hi;
    }
    return cfg.options.some(function (o) { return o.value === text; }) ? text : null;
  }

  function optionLabel(panel, value) {
    if (panel.cfg.kind === "interval") {
      var parts = value.split(/-(?=-?\d)/).map(function (v) { return yearLabel(panel, v); });
      return parts[0] === parts[1] ? parts[0] : parts[0] + " to " + parts[1];
    }
    var found = panel.cfg.options.filter(function (o) { return o.value === value; })[0];
    return found ? found.label : value;
  }

  function yearLabel(panel, v) {
    var found = panel.cfg.options.filter(function (o) { return String(o.value) === String(v); })[0];
    return found ? found.label : String(v);
  }

  function rangeOf(value) {
    var m = /^(-?\d+)-(-?\d+)$/.exec(value || "");
    return m ? [+m[1], +m[2]] : null;
  }

  function matches(panel, row, value) {
    var cfg = panel.cfg;
    if (cfg.kind === "interval") {
      var r = rangeOf(value), v = +row[cfg.key[0]];
      return !!r && v >= r[0] && v <= r[1];
    }
    var parts = value.split("~");
    return cfg.key.every(function (k, i) { return String(row[k] === undefined ? "" : row[k]) === parts[i]; });
  }

  // The store entry Vega-Lite's selection keeps for this value, and back.
  function storeEntries(panel, value) {
    if (!value) return [];
    var cfg = panel.cfg;
    if (cfg.kind === "interval") {
      var r = rangeOf(value);
      return [{ unit: "", fields: [{ field: cfg.fields[0], channel: "x", type: "R" }], values: [[r[0] - 0.5, r[1] + 0.5]] }];
    }
    var parts = value.split("~");
    return [{ unit: "", fields: cfg.fields.map(function (f) { return { type: "E", field: f }; }), values: parts }];
  }

  function valueFromStore(panel, entries) {
    if (!entries || !entries.length) return null;
    var entry = entries[entries.length - 1];
    var cfg = panel.cfg;
    if (cfg.kind === "interval") {
      var range = entry.values && entry.values[0];
      if (!range || range.length !== 2) return null;
      var lo = Math.ceil(Math.min(range[0], range[1]) - 1e-9), hi = Math.floor(Math.max(range[0], range[1]) + 1e-9);
      var years = cfg.options.map(function (o) { return +o.value; });
      var inside = years.filter(function (y) { return y >= lo && y <= hi; });
      if (!inside.length) return null;
      return inside[0] + "-" + inside[inside.length - 1];
    }
    var names = (entry.fields || []).map(function (f) { return f.field; });
    var values = cfg.fields.map(function (f) {
      var i = names.indexOf(f);
      return i < 0 ? "" : String(entry.values[i]);
    });
    var joined = values.join("~");
    return validValue(panel, joined);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Rows
  // ---------------------------------------------------------------------------------------------------------

  function rowsOf(panel) {
    if (!panel.rows) {
      panel.rows = fetch(panel.cfg.url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
    }
    return panel.rows;
  }

  function referenceHref(key) {
    if (document.getElementById("ref-" + key)) return "#ref-" + encodeURIComponent(key);
    return siteRoot + "chapters/a3-references.html#ref-" + encodeURIComponent(key);
  }

  function item(row) {
    var li = el("li", { className: "cc-details-item" });
    var head = el("p", { className: "cc-details-meta" });
    if (row.citekey) {
      var a = el("a", { href: referenceHref(row.citekey), className: "cc-details-cite" }, row.label || row.citekey);
      head.appendChild(a);
    } else if (row.label) {
      head.appendChild(el("strong", {}, row.label));
    }
    [row.cluster, row.about].forEach(function (bit) {
      if (bit) { head.appendChild(document.createTextNode(" \u00b7 ")); head.appendChild(el("span", {}, bit)); }
    });
    if (head.childNodes.length) li.appendChild(head);
    var text = row.finding || row.title || row.note;
    if (text) li.appendChild(el("p", { className: "cc-details-finding" }, text));
    if (row.locator) li.appendChild(el("p", { className: "cc-details-locator" }, "Where in the review: " + row.locator));
    return li;
  }

  function render(st, panel) {
    var body = panel.body;
    var value = panel.value;
    var ticket = ++panel.ticket;
    if (!value) {
      body.textContent = "";
      body.appendChild(el("p", { className: "cc-details-empty" }, panel.cfg.empty || st.config.hint || ""));
      panel.clear.disabled = true;
      return Promise.resolve();
    }
    panel.clear.disabled = false;
    return rowsOf(panel).then(function (rows) {
      if (ticket !== panel.ticket) return;
      var found = rows.filter(function (r) { return matches(panel, r, value); });
      var noun = panel.cfg.noun || ["item", "items"];
      body.textContent = "";
      var summary = el("p", { className: "cc-details-summary" });
      summary.appendChild(el("strong", {}, optionLabel(panel, value)));
      summary.appendChild(document.createTextNode(": " + (found.length || "no") + " " + (found.length === 1 ? noun[0] : noun[1])));
      body.appendChild(summary);
      if (found.length) {
        var list = el("ol", { className: "cc-details-list" });
        found.forEach(function (r) { list.appendChild(item(r)); });
        body.appendChild(list);
      }
    }, function (err) {
      body.textContent = "The details could not be loaded (" + err.message + "); the data table below has them.";
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Selection state: one place that keeps the panel, its controls, the URL and the live view in step
  // ---------------------------------------------------------------------------------------------------------

  function setValue(st, panel, value, source) {
    value = value ? validValue(panel, value) : null;
    if (value === panel.value && source !== "init") return;
    panel.value = value;
    syncControls(panel);
    var done = render(st, panel);
    if (value) st.chart.dataset.ccSelected = value; else delete st.chart.dataset.ccSelected;
    if (source !== "url" && source !== "init") writeUrl(st, panel);
    if (source !== "view") toView(st, panel);
    if (source === "view" && value) done.then(function () { reveal(panel); });
  }

  function toView(st, panel) {
    if (!st.view || panel.noStore) return;
    try {
      st.applying = true;
      var view = st.view, store = panel.cfg.param + "_store";
      var entries = storeEntries(panel, panel.value);
      var unit = panel.cfg.kind === "interval" && specMatch(st, 'data\\(\\\\?"' + store + '\\\\?"\\)\\[0\\]\\.unit === \\\\?"(\\w+)');
      // the brush is drawn only for an entry of its own plot (its unit)
      if (unit) entries.forEach(function (e) { e.unit = unit; });
      view.data(store, entries);
      if (unit) drawBrush(st, panel);
      view.runAsync().then(function () {
        st.applying = false;
        // what the live view itself now holds (the tests read it; a reader sees it as the highlight)
        var held = valueFromStore(panel, view.data(store));
        if (held) st.chart.dataset.ccViewSelected = held; else delete st.chart.dataset.ccViewSelected;
      }, function () { st.applying = false; });
    } catch (err) { st.applying = false; panel.noStore = true; }
  }

  // A name Vega-Lite gave a part of the compiled spec (a scale, a unit), read from the spec's text.
  // (Of the layout drawn now: the wide and the narrow layout name their parts differently.)
  function specMatch(st, pattern) {
    var variant = st.chart.dataset.variant || "wide";
    st.specText = st.specText || {};
    if (!(variant in st.specText)) {
      try {
        var payload = JSON.parse(st.chart.querySelector("script.cc-chart-spec").textContent);
        st.specText[variant] = JSON.stringify(payload.variants[variant] || "");
      } catch (err) { st.specText[variant] = ""; }
    }
    var found = new RegExp(pattern).exec(st.specText[variant]);
    return found ? found[1] : null;
  }

  // A brush set from a link, the year menus or a theme redraw is drawn as well as applied: its pixel extent is
  // a signal of the brushed plot's own group, which only the view's state (with its subcontexts) can reach.
  function drawBrush(st, panel) {
    var name = panel.cfg.param + "_x";
    var scaleName = specMatch(st, 'invert\\(\\\\?"(\\w+)\\\\?", ' + name + '\\)');
    var scale = scaleName && st.view.scale(scaleName);
    if (!scale) return;
    var r = rangeOf(panel.value);
    var extent = r ? [scale(r[0] - 0.5), scale(r[1] + 0.5)] : [];
    var state = st.view.getState({ signals: function (n) { return n === name; }, data: function () { return false; }, recurse: true });
    (function put(ctx) {
      if (ctx.signals && name in ctx.signals) ctx.signals[name] = extent;
      (ctx.subcontext || []).forEach(put);
    })(state);
    st.view.setState(state);
  }

  // After a selection by pointer the panel must be on screen; a brush settles first, so wait for it.
  function reveal(panel) {
    clearTimeout(panel.revealTimer);
    panel.revealTimer = setTimeout(function () {
      var r = panel.el.getBoundingClientRect();
      var vh = window.innerHeight || document.documentElement.clientHeight;
      if (r.top > vh - 96 || r.bottom < 64) panel.el.scrollIntoView({ block: "nearest", behavior: "auto" });
    }, panel.cfg.kind === "interval" ? 500 : 0);
  }

  function syncControls(panel) {
    if (panel.cfg.kind === "interval") {
      var r = rangeOf(panel.value);
      panel.selects[0].value = r ? String(r[0]) : "";
      panel.selects[1].value = r ? String(r[1]) : "";
    } else {
      panel.selects[0].value = panel.value || "";
    }
  }

  function figureHash(st) { return figureOf(st.chart).id || st.chart.id; }

  function writeUrl(st, panel) {
    try {
      var url = new URL(window.location.href);
      if (panel.value) url.searchParams.set(panel.cfg.url_key, panel.value);
      else url.searchParams.delete(panel.cfg.url_key);
      url.hash = figureHash(st);
      window.history.replaceState(window.history.state, "", url.toString());
    } catch (err) { /* a sandboxed page may refuse; the selection still works */ }
  }

  function readUrl(panel) {
    try {
      var value = new URL(window.location.href).searchParams.get(panel.cfg.url_key);
      return validValue(panel, value);
    } catch (err) { return null; }
  }

  function linkFor(st) {
    var url = new URL(window.location.href);
    url.hash = figureHash(st);
    return url.toString();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Building the panels
  // ---------------------------------------------------------------------------------------------------------

  // The panel's heading is one level below the section the chart stands in (an h3 straight after the page's
  // h1 would skip a level for readers who move by headings).
  function headingLevelUnder(node) {
    var all = Array.prototype.slice.call(document.querySelectorAll("h1, h2, h3, h4, h5, h6"));
    var level = 1;
    all.forEach(function (h) {
      if (!h.closest(".cc-chart") && (h.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) level = +h.tagName[1];
    });
    return Math.min(level + 1, 6);
  }

  function makeSelect(id, labelText, options, emptyLabel) {
    var wrap = el("span", { className: "cc-details-field" });
    var label = el("label", { "for": id }, labelText);
    var select = el("select", { id: id });
    select.appendChild(el("option", { value: "" }, emptyLabel));
    options.forEach(function (o) { select.appendChild(el("option", { value: String(o.value) }, o.label)); });
    wrap.appendChild(label);
    wrap.appendChild(select);
    return { wrap: wrap, select: select };
  }

  function buildPanel(st, cfg, index) {
    var base = st.chart.id + "-details-" + index;
    var panel = { cfg: cfg, value: null, ticket: 0, selects: [] };
    var section = el("section", { className: "cc-details", "aria-labelledby": base + "-heading" });
    var controls = el("div", { className: "cc-details-controls" });
    if (cfg.kind === "interval") {
      var from = makeSelect(base + "-from", "From", cfg.options, "\u2014");
      var to = makeSelect(base + "-to", "to", cfg.options, "\u2014");
      controls.appendChild(el("span", { className: "cc-details-legend" }, cfg.control + ":"));
      controls.appendChild(from.wrap);
      controls.appendChild(to.wrap);
      panel.selects = [from.select, to.select];
      var onRange = function (e) {
        var a = from.select.value, b = to.select.value;
        if (!a && !b) { setValue(st, panel, null, "control"); return; }
        if (!a) a = b;
        if (!b || (e.target === from.select && +b < +a)) b = a;
        if (+b < +a) a = b;
        setValue(st, panel, a + "-" + b, "control");
      };
      from.select.addEventListener("change", onRange);
      to.select.addEventListener("change", onRange);
    } else {
      var one = makeSelect(base + "-select", cfg.control, cfg.options, "None selected");
      controls.appendChild(one.wrap);
      panel.selects = [one.select];
      one.select.addEventListener("change", function () { setValue(st, panel, one.select.value || null, "control"); });
    }
    panel.clear = el("button", { type: "button", className: "cc-details-clear" }, "Clear selection");
    panel.clear.addEventListener("click", function () { setValue(st, panel, null, "control"); });
    var copy = el("button", { type: "button", className: "cc-copy-link" }, "Copy link");
    var status = el("span", { className: "cc-copy-status", role: "status" });
    copy.addEventListener("click", function () { copyLink(st, status); });
    controls.appendChild(panel.clear);
    controls.appendChild(copy);
    controls.appendChild(status);
    var heading = el("h" + headingLevelUnder(st.chart), { className: "cc-details-heading", id: base + "-heading" }, cfg.heading);
    panel.body = el("div", { className: "cc-details-body", "aria-live": "polite" });
    section.appendChild(heading);
    section.appendChild(controls);
    section.appendChild(panel.body);
    panel.el = section;
    return panel;
  }

  function copyLink(st, status) {
    var link = linkFor(st);
    var done = function (ok) {
      status.textContent = ok ? "Link copied" : "Copy this link: " + link;
      clearTimeout(status.timer);
      status.timer = setTimeout(function () { status.textContent = ""; }, ok ? 3000 : 15000);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(link).then(function () { done(true); }, function () { done(false); });
    } else {
      done(false);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // "Download this view": the live state as PNG or SVG, stamped with title, source and licence
  // ---------------------------------------------------------------------------------------------------------

  function stampLines(st) {
    var fig = figureOf(st.chart);
    var number = fig.querySelector(".float-number");
    var canonical = document.querySelector('link[rel="canonical"]');
    var site = document.querySelector('meta[property="og:site_name"]');
    var page = canonical ? canonical.href.split("#")[0] : window.location.href.split("#")[0].split("?")[0];
    var query = window.location.search || "";
    var state = st.panels.filter(function (p) { return p.value; })
      .map(function (p) { return p.cfg.control + ": " + optionLabel(p, p.value); });
    if (st.explorer) {
      st.config.explorer.groups.forEach(function (g) { state.push(g.label + ": " + st.explorer.values[g.param]); });
    }
    return [
      ((number ? number.textContent.trim() + " " : "") + (st.config.label || st.config.title)),
      "Source: " + (site ? site.content : document.title) + ", " + page + query + "#" + figureHash(st),
      "Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)" + (state.length ? " \u00b7 This view: " + state.join("; ") : ""),
    ];
  }

  var FOOT_LINE = 16, FOOT_PAD = 10;

  function save(blob, name) {
    var a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function xmlEscape(s) { return s.replace(/[<>&"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }

  function downloadView(st, format) {
    var view = st.view;
    if (!view) return;
    var lines = stampLines(st);
    var colours = getComputedStyle(st.chart);
    var ink = colours.color || "#1f2328";
    var bg = view.background() || (document.documentElement.dataset.theme === "dark" ? "#14171b" : "#ffffff");
    var name = st.config.name + "-this-view." + format;
    if (format === "svg") {
      view.toSVG().then(function (svg) {
        var w = +(/width="([\d.]+)"/.exec(svg) || [0, 640])[1], h = +(/height="([\d.]+)"/.exec(svg) || [0, 400])[1];
        var foot = FOOT_PAD * 2 + FOOT_LINE * lines.length;
        var inner = svg.replace(/^<\?xml[^>]*>\s*/, "").replace(/^<svg\b/, '<svg x="0" y="0"');
        var texts = lines.map(function (t, i) {
          return '<text x="8" y="' + (h + FOOT_PAD + FOOT_LINE * (i + 0.8)) + '" font-family="system-ui, sans-serif" font-size="' +
            (i ? 11 : 12) + '" fill="' + xmlEscape(ink) + '"' + (i ? "" : ' font-weight="600"') + ">" + xmlEscape(t) + "</text>";
        }).join("");
        var out = '<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + (h + foot) + '" viewBox="0 0 ' + w +
          " " + (h + foot) + '"><title>' + xmlEscape(lines[0]) + "</title><desc>" + xmlEscape(lines.slice(1).join(" ")) +
          '</desc><rect width="100%" height="100%" fill="' + xmlEscape(bg) + '"/>' + inner + texts + "</svg>";
        save(new Blob([out], { type: "image/svg+xml" }), name);
      });
      return;
    }
    var scale = 2;
    view.toImageURL("png", scale).then(function (url) {
      var img = new Image();
      img.onload = function () {
        var foot = (FOOT_PAD * 2 + FOOT_LINE * lines.length) * scale;
        var canvas = el("canvas");
        canvas.width = img.width;
        canvas.height = img.height + foot;
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = bg;
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0);
        ctx.fillStyle = ink;
        lines.forEach(function (t, i) {
          ctx.font = (i ? "" : "600 ") + (i ? 11 : 12) * scale + "px system-ui, sans-serif";
          ctx.fillText(t, 8 * scale, img.height + (FOOT_PAD + FOOT_LINE * (i + 0.8)) * scale, canvas.width - 16 * scale);
        });
        canvas.toBlob(function (blob) { if (blob) save(blob, name); }, "image/png");
      };
      img.src = url;
    });
  }

  function buildDownloads(st) {
    var holder = st.chart.querySelector(".cc-chart-downloads");
    if (!holder || holder.querySelector(".cc-download-view")) return;
    var span = el("span", { className: "cc-download-views" });
    span.appendChild(document.createTextNode(" \u00b7 This view, as you see it now: "));
    ["png", "svg"].forEach(function (format, i) {
      var b = el("button", { type: "button", className: "cc-download-view", "data-format": format, disabled: "" },
        "Image (" + format.toUpperCase() + ")");
      b.addEventListener("click", function () { downloadView(st, format); });
      if (i) span.appendChild(document.createTextNode(" \u00b7 "));
      span.appendChild(b);
    });
    holder.appendChild(span);
    st.downloadButtons = span.querySelectorAll("button");
  }

  // ---------------------------------------------------------------------------------------------------------
  // The proposition explorer: its controls and its announced outcome are HTML
  // ---------------------------------------------------------------------------------------------------------

  function buildExplorer(st) {
    var cfg = st.config.explorer;
    var box = el("div", { className: "cc-explorer" });
    var form = el("div", { className: "cc-explorer-controls" });
    st.explorer = { values: {}, inputs: {} };
    var linked = readExplorerUrl(cfg);
    st.linked = Object.keys(linked).length > 0;
    cfg.groups.forEach(function (g, gi) {
      var set = el("fieldset", { className: "cc-explorer-group" });
      set.appendChild(el("legend", {}, g.label));
      st.explorer.values[g.param] = linked[g.param] || g.value;
      st.explorer.inputs[g.param] = [];
      g.options.forEach(function (o, oi) {
        var id = st.chart.id + "-x-" + gi + "-" + oi;
        var lab = el("label", { "for": id, className: "cc-explorer-option" });
        var input = el("input", { type: "radio", id: id, name: st.chart.id + "-" + g.param, value: o });
        if (o === st.explorer.values[g.param]) input.checked = true;
        input.addEventListener("change", function () {
          if (!input.checked) return;
          st.explorer.values[g.param] = o;
          writeExplorerUrl(st);
          if (st.view) { try { st.view.signal(g.param, o).runAsync(); } catch (err) { /* not this view */ } }
          announce(st);
        });
        st.explorer.inputs[g.param].push(input);
        lab.appendChild(input);
        lab.appendChild(document.createTextNode(" " + o));
        set.appendChild(lab);
      });
      form.appendChild(set);
    });
    var actions = el("p", { className: "cc-explorer-actions" });
    var copy = el("button", { type: "button", className: "cc-copy-link" }, "Copy link to these settings");
    var status = el("span", { className: "cc-copy-status", role: "status" });
    copy.addEventListener("click", function () { copyLink(st, status); });
    actions.appendChild(copy);
    actions.appendChild(status);
    form.appendChild(actions);
    st.explorer.live = el("div", { className: "cc-explorer-outcome", "aria-live": "polite" });
    var view = st.chart.querySelector(".cc-chart-view");
    var outcome = el("div", { className: "cc-explorer-result" });
    // controls first, then the tiles (kept in sight: beside the controls on wide screens, stuck to the bottom
    // of the screen on phones), then the announced outcome in words
    view.parentNode.insertBefore(box, view);
    outcome.appendChild(view);
    box.appendChild(form);
    box.appendChild(outcome);
    box.appendChild(st.explorer.live);
    fetch(cfg.url).then(function (r) { return r.json(); }).then(function (rows) {
      st.explorer.rules = rows;
      announce(st);
    });
  }

  // A setting away from its default is written into the URL under the group's key (?state=strong#fig-…), so a
  // link opens the same imagined cluster; a value that is not one of the group's options is ignored.
  function readExplorerUrl(cfg) {
    var out = {};
    try {
      var params = new URL(window.location.href).searchParams;
      cfg.groups.forEach(function (g) {
        var value = params.get(g.url_key || g.param);
        if (value !== null && g.options.indexOf(value) >= 0) out[g.param] = value;
      });
    } catch (err) { /* no URL to read: the defaults stand */ }
    return out;
  }

  function writeExplorerUrl(st) {
    try {
      var url = new URL(window.location.href);
      st.config.explorer.groups.forEach(function (g) {
        var key = g.url_key || g.param, value = st.explorer.values[g.param];
        if (value !== g.value) url.searchParams.set(key, value); else url.searchParams.delete(key);
      });
      url.hash = figureHash(st);
      window.history.replaceState(window.history.state, "", url.toString());
    } catch (err) { /* a sandboxed page may refuse; the setting still works */ }
  }

  function announce(st) {
    var x = st.explorer, cfg = st.config.explorer;
    if (!x.rules) return;
    var rule = x.rules.filter(function (r) {
      return cfg.groups.every(function (g) { return r[g.param] === x.values[g.param]; });
    })[0];
    x.live.textContent = "";
    if (!rule) return;
    var p = el("p", { className: "cc-explorer-summary" });
    p.appendChild(el("strong", {}, cfg.tiers.map(function (t) { return t[1] + ": " + rule[t[0]]; }).join("; ") + "."));
    x.live.appendChild(p);
    if (rule.proposition_text) x.live.appendChild(el("p", { className: "cc-explorer-prop" }, rule.proposition_text));
    if (rule.explanation) x.live.appendChild(el("p", { className: "cc-explorer-why" }, rule.explanation));
  }

  function explorerToView(st) {
    var x = st.explorer;
    if (!x || !st.view) return;
    Object.keys(x.values).forEach(function (k) {
      try { st.view.signal(k, x.values[k]); } catch (err) { /* the view has no such param */ }
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Accessible names of the live chart
  // ---------------------------------------------------------------------------------------------------------

  function nameView(st) {
    var svg = st.chart.querySelector(".cc-chart-view svg");
    if (!svg) return;
    svg.setAttribute("aria-label", st.config.label || st.config.title);
    var fig = figureOf(st.chart);
    var alt = fig.querySelector(".visually-hidden");
    if (alt) {
      if (!alt.id) alt.id = (fig.id || st.chart.id) + "-alt";
      svg.setAttribute("aria-describedby", alt.id);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // The live view: attach listeners, restore state (after a theme redraw or from the URL)
  // ---------------------------------------------------------------------------------------------------------

  function attach(st, view) {
    if (!view || st.view === view) return;
    st.view = view;
    nameView(st);
    (st.config.keep || []).forEach(function (name) {
      try {
        if (name in st.kept) view.signal(name, st.kept[name]);
        view.addSignalListener(name, function (n, v) { st.kept[n] = v; });
      } catch (err) { /* not in this variant */ }
    });
    explorerToView(st);
    st.panels.forEach(function (panel) {
      var store = panel.cfg.param + "_store";
      try {
        view.addDataListener(store, function (n, entries) {
          if (st.applying) return;
          var value = valueFromStore(panel, entries);
          if (value) st.chart.dataset.ccViewSelected = value; else delete st.chart.dataset.ccViewSelected;
          if (value !== panel.value) setValue(st, panel, value, "view");
        });
        panel.noStore = false;
      } catch (err) { panel.noStore = true; }
      toView(st, panel);
    });
    view.runAsync().then(function () { nameView(st); });
    if (st.downloadButtons) st.downloadButtons.forEach(function (b) { b.disabled = false; });
  }

  function setup(chart) {
    if (charts[chart.id]) return charts[chart.id];
    var config = readConfig(chart);
    if (!config) return null;
    var st = { chart: chart, config: config, panels: [], view: null, kept: {} };
    charts[chart.id] = st;
    var after = chart.querySelector(".cc-chart-view");
    if (config.explorer) buildExplorer(st);
    var anchor = chart.querySelector(".cc-explorer") || after;
    (config.panels || []).forEach(function (cfg, i) {
      var panel = buildPanel(st, cfg, i);
      st.panels.push(panel);
      anchor.parentNode.insertBefore(panel.el, (st.panels.length > 1 ? st.panels[st.panels.length - 2].el : anchor).nextSibling);
      var fromUrl = readUrl(panel);
      panel.value = null;
      setValue(st, panel, fromUrl, fromUrl ? "url" : "init");
    });
    buildDownloads(st);
    if (chart._view) attach(st, chart._view);
    // A link that carries a selection or a setting: its chart is drawn at once (charts.js otherwise waits for
    // the reader's first input), so the view shows what the link says on arrival.
    else if (st.linked || st.panels.some(function (p) { return p.value; })) {
      chart.dispatchEvent(new CustomEvent("cc-wake", { bubbles: true }));
    }
    return st;
  }

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var chart = e.target && e.target.closest && e.target.closest(".cc-chart");
    var st = chart && charts[chart.id];
    if (!st) return;
    st.panels.forEach(function (p) { if (p.value) setValue(st, p, null, "control"); });
  });

  document.addEventListener("cc-view-ready", function (e) {
    var detail = e.detail || {};
    var node = detail.figure || e.target;
    if (!node || !node.closest) return;
    var chart = node.classList && node.classList.contains("cc-chart") ? node : (node.closest(".cc-chart") || node.querySelector(".cc-chart"));
    if (!chart) return;
    var st = setup(chart);
    if (st) attach(st, detail.view);
  });

  // The first chart's panels are made at once (they may be on the first screen), and so are those of the chart
  // a link points at (the page opens there); the others follow, one chart per task, so that making them never
  // holds up the page in one long task. They stand below their charts, off the first screen.
  var all = Array.prototype.slice.call(document.querySelectorAll(".cc-chart"));
  var target = null;
  try {
    var named = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    target = named && (named.closest(".cc-chart") || named.querySelector(".cc-chart"));
  } catch (err) { target = null; }
  var rest = all.filter(function (chart, i) {
    if (i > 0 && chart !== target) return true;
    setup(chart);
    return false;
  });
  (function next() {
    var chart = rest.shift();
    if (chart) setTimeout(function () { setup(chart); next(); }, 0);
  })();
})();
