# The two commands: `make site` and `make test`. Both set up what they need on a fresh machine.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: site test preview check figures bench clean chromium

site: $(STAMP)
	$(PY) -m clustercsr build
	@echo ""
	@echo "Site built: open _site/index.html (or run 'make preview' to serve it with live reload)."

test: site chromium $(NODE_STAMP)
	$(PY) -m pytest

preview: $(STAMP)
	$(PY) -m clustercsr preview

check: $(STAMP)
	$(PY) -m clustercsr check

figures: $(STAMP)
	$(PY) -m clustercsr figures

bench: site chromium $(NODE_STAMP)
	$(PY) benchmarks/run.py

# Reinstall only when the package metadata changes.
$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Browser tests drive Debian's Chromium; never a downloaded browser build.
chromium:
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }

# axe-core and the Nu HTML Checker, pinned in package.json / package-lock.json.
$(NODE_STAMP): package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

clean:
	rm -rf _site .cache figures/*.svg figures/*.png figures/*.csv figures/data
