#!/usr/bin/env bash
# The tests, from nothing: set up .venv and .venv-labelstudio, lint, then run every test,
# the real-Label-Studio integration tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --with-labelstudio
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/python -m pytest "$@"
