# Summit: `make play` and `make test` each create .venv on first use and install the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export SDL_AUDIODRIVER ?= dummy

.PHONY: play test test-slow bench clean

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

bench: $(STAMP)
	$(BIN)/python bench/run_speed.py
	$(BIN)/python bench/ui_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
