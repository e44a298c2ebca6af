# Summit: `make play` and `make test` each create .venv on first use and install the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export SDL_AUDIODRIVER ?= dummy

.PHONY: play test test-slow bench bench-peer bench-net clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/summit play

test: $(STAMP)
	SDL_VIDEODRIVER=dummy $(BIN)/python -m pytest -q

test-slow: $(STAMP)
	SDL_VIDEODRIVER=dummy $(BIN)/python -m pytest -q -m slow

# The benchmarks (bench/README.md; not part of `make test`). The batch benchmark plays BENCH_RUNS games per
# job count so that `make bench` takes a few minutes; `make bench BENCH_RUNS=1000` runs the full 1,000.
BENCH_RUNS ?= 100

bench: $(STAMP)
	$(BIN)/python bench/game_speed.py
	$(BIN)/python bench/scaling.py
	$(BIN)/python bench/ui_speed.py
	$(BIN)/python bench/batch_speed.py --runs $(BENCH_RUNS)
	$(BIN)/python bench/targets.py

# A class on one host (bench/net_load.py): 25 and 40 devices play a hosted Rutte game, two of them chromium.
bench-net: $(STAMP)
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

clean:
	rm -rf $(VENV) build *.egg-info
