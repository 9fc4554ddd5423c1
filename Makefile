# Entry points: `make docs` and `make test` (see README.md). Every target first
# runs scripts/install.sh, which installs only what is missing; builds are incremental.
SHELL := /bin/bash
PYTHON ?= python3
JOBS ?= 2
VENV_PY := $(CURDIR)/.venv/bin/python
# The docs build runs the tutorials with this sitecustomize, which refuses network
# access (tests/docs sets the same for its own tutorial runs).
OFFLINE := PYTHONPATH=$(CURDIR)/tests/docs/offline MPLBACKEND=Agg
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: help install build test test-cpp test-python docs test-asan clean

help:
	@echo "make docs       install, build, run every tutorial, render docs/_build/html/"
	@echo "make test       install, build, run C++ tests, pytest (tests/python, tests/docs), strict docs build"
	@echo "make build      install what is missing, then configure (once) and build build/"
	@echo "make test-cpp   CTest only (GoogleTest and C++ tutorials)"
	@echo "make test-python  pytest only (tests/python and tests/docs)"
	@echo "make test-asan  build build-asan/ with address,undefined sanitizers and run the C++ tests"
	@echo "make install    install missing Debian packages and the .venv (scripts/install.sh)"
	@echo "make clean      remove build outputs (keeps .venv)"

install:
	@PYTHON=$(PYTHON) scripts/install.sh

build: install
	@test -f build/build.ninja || cmake -S . -B build -G Ninja -DPython_EXECUTABLE=$(VENV_PY)
	cmake --build build -j $(JOBS)

test: test-cpp test-python docs

test-cpp: build
	ctest --test-dir build --output-on-failure -j $(JOBS)

test-python: build
	$(VENV_PY) -m pytest $(wildcard tests/python tests/docs)

# -W --keep-going: every warning is an error, all reported at once. A fresh output
# folder each time: no cached page hides its warning, no deleted page lingers.
docs: build
	rm -rf docs/_build
	$(OFFLINE) $(VENV_PY) -m sphinx -W --keep-going -b html docs docs/_build/html
	@echo "Docs built: open file://$(CURDIR)/docs/_build/html/index.html"

test-asan: install
	@test -f build-asan/build.ninja || cmake -S . -B build-asan -G Ninja \
	  -DTESSEL_SANITIZE=address,undefined -DTESSEL_BUILD_PYTHON=OFF
	cmake --build build-asan -j $(JOBS)
	$(SANITIZER_ENV) ctest --test-dir build-asan --output-on-failure -j $(JOBS)

clean:
	rm -rf build build-asan docs/_build docs/_doxygen docs/_gallery python/tessel/_core*.so
