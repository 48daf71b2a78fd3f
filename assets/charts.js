// Chart bootstrap. Every figure arrives as its build-time preview (an <img> in a box of its final size) plus
// a Vega spec compiled at build time. After the reader's first input, this script swaps in the live Vega view
// when the figure nears the viewport or is first touched, loading the Vega runtime once, only then. The live view is drawn hidden in
// the same box and shown in one step, so nothing moves. Events for chart-details.js: "cc-view-ready" on the
// figure, detail {view, figure, variant, usermeta}, each time a view is created or re-created.
(function () {
  "use strict";
  var figures = Array.prototype.slice.call(document.querySelectorAll(".cc-chart"));
  var script = document.currentScript;
  if (!figures.length || !script) return;
  var runtimeUrl = script.dataset.runtime;
  var runtime = null;

  function scheme() { return document.documentElement.dataset.theme === "dark" ? "dark" : "light"; }

  function loadRuntime() {
    if (!runtime) {
      runtime = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = runtimeUrl;
        s.onload = function () { resolve(window.vega); };
        s.onerror = function () { reject(new Error("the chart runtime did not load")); };
        document.head.appendChild(s);
      });
    }
    return runtime;
  }

  function payload(figure) {
    if (!figure._payload) figure._payload = JSON.parse(figure.querySelector("script.cc-chart-spec").textContent);
    return figure._payload;
  }

  // The box the chart is drawn in: the figure, or the part of it a page script gave the chart (the explorer
  // puts its tiles beside its controls). Its container in site.css is the same box.
  function boxOf(figure) {
    var view = figure.querySelector(".cc-chart-view");
    return (view && view.parentNode) || figure;
  }

  // The width the chart is drawn at: its box's, which site.css sets to the width of the preview it shows (the
  // widest preview drawn at most as wide as the container), so the live view is that preview, pixel for pixel.
  function drawWidth(figure) {
    var view = figure.querySelector(".cc-chart-view");
    return view ? view.getBoundingClientRect().width : boxOf(figure).clientWidth;
  }

  // The widths the figure has previews for (each preview lists the widths it was drawn for).
  function previewWidths(figure) {
    if (!figure._widths) {
      figure._widths = [];
      figure.querySelectorAll("img.cc-chart-static").forEach(function (img) {
        (img.dataset.w || "").split(" ").forEach(function (w) { if (w) figure._widths.push(+w); });
      });
    }
    return figure._widths;
  }

  // The layout for that width; the same rule as the renderer's (renderer.preview_variant).
  function variantFor(figure) {
    var p = payload(figure);
    return p.variants.narrow && drawWidth(figure) <= p.narrowMax ? "narrow" : "wide";
  }

  // The dark spec is the light one with a few colours replaced (see renderer.dark_patch).
  function themedSpec(figure, variant) {
    var p = payload(figure);
    var spec = JSON.parse(JSON.stringify(p.variants[variant]));
    if (scheme() === "dark") {
      (p.dark[variant] || []).forEach(function (change) {
        var path = change[0], node = spec;
        if (!path.length) { spec = change[1]; return; }
        for (var i = 0; i < path.length - 1; i++) node = node[path[i]];
        if (change.length > 1) node[path[path.length - 1]] = change[1];
        else delete node[path[path.length - 1]];
      });
    }
    return spec;
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

  // Our tooltip: text only (never HTML from the data), placed beside the pointer and kept on screen.
  var tip = null;
  function tooltip(handler, event, item, value) {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "cc-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    if (value === null || value === undefined || value === "" || !event) { tip.hidden = true; return; }
    tip.textContent = "";
    if (typeof value === "object" && !Array.isArray(value)) {
      var dl = document.createElement("dl");
      Object.keys(value).forEach(function (key) {
        if (key === "title") return;
        var dt = document.createElement("dt"), dd = document.createElement("dd");
        dt.textContent = key;
        dd.textContent = Array.isArray(value[key]) ? value[key].join(", ") : String(value[key]);
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      if (value.title) {
        var strong = document.createElement("strong");
        strong.textContent = String(value.title);
        tip.appendChild(strong);
      }
      tip.appendChild(dl);
    } else {
      tip.textContent = String(value);
    }
    tip.hidden = false;
    var x = event.clientX + 12, y = event.clientY + 12, box = tip.getBoundingClientRect();
    if (x + box.width > window.innerWidth - 8) x = Math.max(8, event.clientX - box.width - 12);
    if (y + box.height > window.innerHeight - 8) y = Math.max(8, event.clientY - box.height - 12);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  // What a re-created view inherits: the signals a reader sets (selections, bound controls), not those computed
  // from others (they recompute), nor sizes and the theme's background.
  var OWN = { width: 1, height: 1, padding: 1, autosize: 1, background: 1, cursor: 1 };
  function keepSignal(name, op) { return !OWN[name] && !op._update; }
  function keepData(name, data) { return data.modified && !name.startsWith("_:vega:_"); }

  // Values a reader chose in the controls before the view existed (the page's controls are live HTML).
  function chosenControls(figure) {
    var chosen = {};
    figure.querySelectorAll(".cc-chart-controls input:checked, .cc-chart-controls select").forEach(function (el) {
      chosen[el.name] = el.value;
    });
    return chosen;
  }

  // A task of its own for what follows: input that arrived meanwhile is handled first, so creating a view
  // (parsing the spec, building its dataflow, running and drawing it) never blocks the page in one long task.
  function nextTask() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }

  function draw(figure) {
    if (figure._drawing) return figure._drawing;
    var vega, variant, width, old, state = null, box, live, parsed, view;
    figure._drawing = loadRuntime().then(function (runtime) {
      vega = runtime;
      return nextTask();
    }).then(function () {
      variant = variantFor(figure);
      width = Math.round(drawWidth(figure));  // read now: in the swap below a layout would see both views at once
      old = figure._view;
      if (old && figure._variant === variant) {
        try { state = old.getState({ signals: keepSignal, data: keepData, recurse: false }); } catch (e) { state = null; }
      }
      parsed = vega.parse(hideUndescribedMarks(themedSpec(figure, variant)), null, { ast: true });
      return nextTask();
    }).then(function () {
      box = figure.querySelector(".cc-chart-view");
      live = document.createElement("div");
      live.className = "cc-chart-live cc-pending";
      box.appendChild(live);
      var chosen = old ? {} : chosenControls(figure);
      view = new vega.View(parsed, {
        expr: vega.expressionInterpreter, renderer: "svg", container: live,
        bind: figure.querySelector(".cc-chart-controls") || undefined, tooltip: tooltip, hover: true
      });
      Object.keys(chosen).forEach(function (name) {
        try { view.signal(name, chosen[name]); } catch (e) { /* a control of another layout */ }
      });
      return nextTask();
    }).then(function () {
      return view.runAsync().then(function () {
        if (!state) return;
        view.setState(state);
        return view.runAsync();
      }).then(function () {
        // One synchronous step: the old view (or the preview) goes, the new one shows, in the same box.
        if (old) old.finalize();
        Array.prototype.slice.call(box.querySelectorAll(".cc-chart-live")).forEach(function (el) {
          if (el !== live) el.remove();
        });
        live.classList.remove("cc-pending");
        // the previews' box was the image the alt text named; the live chart names itself (and its marks)
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        figure._view = view;
        figure._variant = variant;
        figure._width = width;
        figure.dataset.rendered = "true";
        figure.dataset.variant = variant;
        labelControls(figure);
        figure.dispatchEvent(new CustomEvent("cc-view-ready", {
          bubbles: true, detail: { view: view, figure: figure, variant: variant, usermeta: payload(figure).usermeta }
        }));
      });
    }).catch(function (err) {
      // The preview and the data table stay: they carry the same content.
      figure.dataset.rendered = "error";
      figure.dataset.error = err && err.message ? err.message : String(err);
    }).then(function () { figure._drawing = null; });
    return figure._drawing;
  }

  // Vega's bound inputs have no accessible names of their own; give each the text Vega shows beside it.
  function labelControls(figure) {
    figure.querySelectorAll(".vega-bind").forEach(function (bind, i) {
      var name = bind.querySelector(".vega-bind-name");
      if (!name) return;
      name.id = figure.id + "-control-" + i;
      bind.querySelectorAll("input, select").forEach(function (input) {
        if (!input.getAttribute("aria-label") && input.type !== "radio") input.setAttribute("aria-labelledby", name.id);
      });
      var group = bind.querySelector(".vega-bind-radio");
      if (group) {
        group.setAttribute("role", "radiogroup");
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

  // Near the viewport: one figure at a time, each when the main thread is idle, so drawing never competes with
  // the reader's scrolling or typing. First interaction: at once.
  var queue = [];
  var idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 1); };
  function pump() {
    var figure = queue.shift();
    if (!figure) return;
    draw(figure).then(function () { if (queue.length) idle(pump, { timeout: 1000 }); });
  }
  function wake(figure) {
    if (figure.dataset.rendered || figure._drawing || queue.indexOf(figure) >= 0) return;
    queue.push(figure);
    if (queue.length === 1) idle(pump, { timeout: 1000 });
  }

  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { observer.unobserve(entry.target); wake(entry.target); }
    });
  }, { rootMargin: "50% 0px" }) : null;

  // Until the reader does something, the previews are the charts (the same pixels): a page that is only opened
  // or only read on its first screen never runs the chart runtime. The first scroll, wheel, key, touch or
  // pointer move arms the observer; touching or focusing a figure draws it at once. A link that restores a
  // selection or a setting asks for its chart with a "cc-wake" event (chart-details.js), which needs no input.
  var INPUTS = ["scroll", "wheel", "keydown", "pointermove", "pointerdown", "touchstart"];
  var loaded = false, armed = false, asked = [];
  function arm() {
    if (armed) return;
    armed = true;
    INPUTS.forEach(function (type) { window.removeEventListener(type, arm, { capture: true, passive: true }); });
    if (loaded) observe();
  }
  INPUTS.forEach(function (type) { window.addEventListener(type, arm, { capture: true, passive: true }); });

  function drawNow(figure) {
    if (figure.dataset.rendered || figure._drawing) return;
    var i = queue.indexOf(figure);
    if (i >= 0) queue.splice(i, 1);
    draw(figure);
  }
  document.addEventListener("cc-wake", function (e) {
    var figure = e.target && e.target.closest && e.target.closest(".cc-chart");
    if (!figure) return;
    if (loaded) drawNow(figure); else if (asked.indexOf(figure) < 0) asked.push(figure);
  });

  function observe() {
    figures.forEach(function (figure) { if (observer) observer.observe(figure); else wake(figure); });
  }
  function start() {
    loaded = true;
    figures.forEach(function (figure) {
      ["pointerover", "pointerdown", "focusin", "touchstart"].forEach(function (type) {
        figure.addEventListener(type, function () { drawNow(figure); }, { passive: true, once: true });
      });
    });
    asked.forEach(drawNow);
    if (armed) observe();
  }
  // After the page is interactive: the runtime never competes with the page's own first work.
  if (document.readyState === "complete") start(); else window.addEventListener("load", start, { once: true });

  document.querySelectorAll("details.cc-chart-table").forEach(function (d) {
    d.addEventListener("toggle", function () { if (d.open) fillTable(d); });
  });

  // Re-create live views in the new theme, keeping their state (selections, controls).
  // (A figure still being drawn is redrawn once when it is done, since it may have read the old theme or width.)
  function redraw(figure) {
    if (figure._drawing) {
      if (!figure._again) {
        figure._again = true;
        figure._drawing.then(function () { figure._again = false; draw(figure); });
      }
    } else if (figure._view) draw(figure);
  }
  document.addEventListener("cc-theme-change", function () { figures.forEach(redraw); });

  // A box that changes width (rotation, resizing, a container crossing a preview's width) is drawn again at its
  // new width, in the layout for it, as its new preview was. Below the narrowest preview the box follows the
  // container, and Vega's own resize handling keeps the view at its width.
  if ("ResizeObserver" in window) {
    var resized = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        var figure = entry.target.closest(".cc-chart");
        if (!figure || !figure._view) return;
        var width = Math.round(drawWidth(figure));
        if (variantFor(figure) !== figure._variant ||
            (width !== figure._width && previewWidths(figure).indexOf(width) >= 0)) redraw(figure);
      });
    });
    figures.forEach(function (figure) {
      var view = figure.querySelector(".cc-chart-view");
      if (view) resized.observe(view);
    });
  }
})();
