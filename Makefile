# Two commands set everything up on a fresh machine with python3 (>=3.10) and make:
#   make run    create .venv, install the app, open it on the bundled article
#   make test   same set-up plus the test extras, run the whole suite
#   make dist   wheel, sdist and the standalone Linux app in dist/ (see packaging/README.md)
#   make smoke  check the standalone app (no Python reachable, a real window under Xvfb)
#   make notices  regenerate THIRD_PARTY_NOTICES.txt after a dependency changes
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARTICLE := seeds/000_5c7e1887aa53ff4b.txt

.PHONY: run test install install-test bench dist smoke notices clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/timeline-app $(ARTICLE)

test: install-test
	$(BIN)/python -m pytest -q

# Build tools go into the venv but are not dependencies of the app (packaging/requirements.txt).
$(VENV)/.installed-dist: $(VENV)/.installed packaging/requirements.txt
	$(BIN)/pip install --quiet -r packaging/requirements.txt
	touch $@

dist: $(VENV)/.installed-dist
	rm -rf dist build/pyinstaller
	$(BIN)/python -m build --quiet --outdir dist .
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	    --workpath build/pyinstaller packaging/timeline-app.spec
	$(BIN)/python packaging/notices.py --bundle dist/timeline-app \
	    -o dist/timeline-app/_internal/THIRD_PARTY_NOTICES.txt
	cp LICENSE dist/timeline-app/_internal/THIRD_PARTY_NOTICES.txt packaging/install.sh dist/timeline-app/
	tar -C dist -czf dist/timeline-explorer-$$(cat build/version/VERSION)-linux-$$(uname -m).tar.gz timeline-app
	@ls -l dist
	packaging/check_size.sh dist/timeline-app

# THIRD_PARTY_NOTICES.txt from the installed run-time dependencies (tests/test_packaging.py checks it)
notices: install
	$(BIN)/python packaging/notices.py

smoke:
	packaging/smoke_test.sh

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info
