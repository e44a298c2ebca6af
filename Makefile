# Summit: `make play` and `make test` each create .venv on first use and install the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make play` installs what playing needs; `make test` adds the test tools (the `test` extra).
PLAY_STAMP := $(VENV)/.installed-play
TEST_STAMP := $(VENV)/.installed-test
# Both installs are editable, so the game is always this checkout's. For an editable install of this layout
# setuptools prints a boxed notice ("Editable installation ... Please be careful with folders in your working
# directory", its InformationOnly category), which reads like an error: that one message is filtered out.
QUIET_SETUPTOOLS := PYTHONWARNINGS='ignore:Editable installation'
export SDL_AUDIODRIVER ?= dummy

.PHONY: play test test-slow bench bench-peer bench-net messages clean

$(BIN)/python:
	@echo "Creating $(VENV) (Python's virtual environment for Summit)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

# Without the test extra. A venv that `make test` set up for this pyproject.toml holds all of it already.
$(PLAY_STAMP): pyproject.toml | $(BIN)/python
	@if [ ! $(TEST_STAMP) -nt pyproject.toml ]; then \
		echo "Installing Summit into $(VENV) (a minute or two the first time)"; \
		$(QUIET_SETUPTOOLS) $(BIN)/python -m pip install --quiet -e .; \
	fi
	@touch $@

# With the test extra: a venv that only `make play` set up gets the test tools here.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing Summit and its test tools into $(VENV)"
	@$(QUIET_SETUPTOOLS) $(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

play: $(PLAY_STAMP)
	$(BIN)/summit play

test: $(TEST_STAMP)
	SDL_VIDEODRIVER=dummy $(BIN)/python -m pytest -q

test-slow: $(TEST_STAMP)
	SDL_VIDEODRIVER=dummy $(BIN)/python -m pytest -q -m slow

# The benchmarks (bench/README.md; not part of `make test`). The batch benchmark plays BENCH_RUNS games per
# job count so that `make bench` takes a few minutes; `make bench BENCH_RUNS=1000` runs the full 1,000.
BENCH_RUNS ?= 100

bench: $(TEST_STAMP)
	$(BIN)/python bench/game_speed.py
	$(BIN)/python bench/scaling.py
	$(BIN)/python bench/ui_speed.py
	$(BIN)/python bench/batch_speed.py --runs $(BENCH_RUNS)
	$(BIN)/python bench/targets.py

# A class on one host (bench/net_load.py): 25 and 40 devices play a hosted Rutte game, two of them chromium.
bench-net: $(TEST_STAMP)
	$(BIN)/python bench/net_load.py --devices 25 --browsers 2
	$(BIN)/python bench/net_load.py --devices 40 --browsers 2
	$(BIN)/python bench/targets.py

# NegMAS (AGPL) is never a dependency of Summit: it lives only in its own venv, with Summit installed beside
# it, for bench/peer.py. It is installed again when pyproject.toml or the pin changes.
NEGMAS_VERSION := 0.16.0
PEER_VENV := bench/.venv-peer
PEER_STAMP := $(PEER_VENV)/.installed-negmas-$(NEGMAS_VERSION)

bench-peer:
	if [ ! $(PEER_STAMP) -nt pyproject.toml ]; then \
		test -x $(PEER_VENV)/bin/python || $(PYTHON) -m venv $(PEER_VENV); \
		$(PEER_VENV)/bin/python -m pip install --quiet --upgrade pip && \
		$(PEER_VENV)/bin/python -m pip install --quiet negmas==$(NEGMAS_VERSION) -e . && \
		rm -f $(PEER_VENV)/.installed-* && touch $(PEER_STAMP); \
	fi
	$(PEER_VENV)/bin/python bench/peer.py
	$(BIN)/python bench/targets.py

# The translations (docs/translating.md): extract every marked text of game/ into game/locale/summit.pot, bring
# each language's summit.po up to date with it (new texts empty, changed ones marked fuzzy), and compile the .mo
# files the game reads. Translate the .po files, then run it again; commit the .pot, .po and .mo.
LOCALES := game/locale
messages: $(PLAY_STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg -k msg -k nmsg:1,2 -k worded -k voiced -k nvoiced:1,2 --project=Summit --copyright-holder="Summit's authors" \
		--msgid-bugs-address="" --sort-by-file --width=120 -o $(LOCALES)/summit.pot game
	$(BIN)/pybabel -q update --ignore-pot-creation-date -D summit -i $(LOCALES)/summit.pot -d $(LOCALES) --width=120 --ignore-obsolete
	$(BIN)/pybabel compile -D summit -d $(LOCALES) --statistics

clean:
	rm -rf $(VENV) build *.egg-info
