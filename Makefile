# Quick start: `make run` (set up, ingest if needed, serve on 127.0.0.1:8000) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run ingest serve test lint fmt eval bench bench-quick bench-scale fuzz chromium ocr clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first: the local CPU wheel, so nothing pulls the CUDA build
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

ingest: $(STAMP)
	$(BIN)/assistant ingest

run: $(STAMP)
	$(BIN)/assistant ingest
	$(BIN)/assistant serve --host 127.0.0.1 --port 8000

serve: $(STAMP)
	$(BIN)/assistant serve

chromium:
	@test -x /usr/bin/chromium || { \
	  echo "installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# tesseract + Vietnamese data read scanned PDFs; DejaVu has the glyphs the PDF tests write.
ocr:
	@test -x /usr/bin/tesseract -a -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata \
	  -a -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { \
	  echo "installing tesseract-ocr, tesseract-ocr-vie and fonts-dejavu-core"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    tesseract-ocr tesseract-ocr-vie fonts-dejavu-core >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check assistant ui tests scripts
	$(BIN)/ruff format --check assistant ui tests scripts
	$(BIN)/mypy assistant ui

fmt: $(STAMP)
	$(BIN)/ruff format assistant ui tests scripts
	$(BIN)/ruff check --fix assistant ui tests scripts

test: $(STAMP) chromium ocr lint
	$(BIN)/python -m pytest -q -p no:cacheprovider

eval: $(STAMP)
	$(BIN)/assistant ingest
	$(BIN)/assistant eval

# Ingest, start-up, latency, distinct-question load beside the embedding limit, and
# synthetic scales up to 1,000 plans with embedded and `chroma run` stores (~10 min).
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

bench-quick: $(STAMP)
	$(BIN)/python scripts/bench.py --quick

# The 10,000-plan corpus (both stores), without the HTTP load phases.
bench-scale: $(STAMP)
	$(BIN)/python scripts/bench.py --skip-serving --scales 5,1000,10000

fuzz: $(STAMP)
	$(BIN)/python -m pytest -q tests/api/test_fuzz.py

clean:
	rm -rf .data test-artifacts
