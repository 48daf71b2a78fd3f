# The two commands: `make site` and `make test`. Both set up what they need on a fresh machine.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: site test preview check figures bench clean chromium lock vendor

site: $(STAMP)
	$(PY) -m clustercsr build
	@echo ""
	@echo "Site built: open _site/index.html (or run 'make preview' to serve it with live reload)."

# Chromium first: it brings the fonts the browser tests draw in, and the site's previews are measured in them.
test: chromium site $(NODE_STAMP)
	$(PY) -m pytest

preview: $(STAMP)
	$(PY) -m clustercsr preview

check: $(STAMP)
	$(PY) -m clustercsr check

figures: $(STAMP)
	$(PY) -m clustercsr figures

bench: chromium site $(NODE_STAMP)
	$(PY) benchmarks/run.py

# The chart runtime (src/clustercsr/vendor/, committed): rebundle it from the npm packages pinned in
# package-lock.json after changing js/vega-runtime.mjs or a pin. See README, "The chart runtime".
vendor: $(NODE_STAMP)
	node js/build-runtime.mjs

# Install exactly what requirements.lock pins, every file checked against its hash, then the project itself.
# Reinstall only when the lock or the package metadata changes.
$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Refresh requirements.lock from pyproject.toml: the newest versions its ranges allow, with their hashes.
lock:
	test -x $(VENV)/bin/uv || { test -x $(PY) || python3 -m venv $(VENV); $(PY) -m pip install --quiet uv; }
	{ echo "# Exact versions with hashes of every Python package clustercsr uses (and its tests). Refresh: make lock"; \
	  $(VENV)/bin/uv pip compile pyproject.toml --extra test --generate-hashes --universal --python-version 3.11 \
	    --no-header --quiet; } > requirements.lock.new && mv requirements.lock.new requirements.lock

# Browser tests drive Debian's Chromium; never a downloaded browser build.
chromium:
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }

# axe-core, the Nu HTML Checker and the runtime's sources, pinned in package.json / package-lock.json.
$(NODE_STAMP): package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

clean:
	rm -rf _site ._site.tmp-* _site.old-* .cache figures/*.svg figures/*.png figures/*.csv figures/data
