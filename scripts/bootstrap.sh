#!/usr/bin/env bash
# Creates or refreshes the project's virtualenvs from nothing but python3 and the package
# registries. Safe to run repeatedly: each venv is rebuilt only when its requirements change.
#   .venv              the toolkit and its dev tools (pyproject.toml)
#   .venv-labelstudio  the Label Studio server, whose exact pins clash with ours
# Usage: bash scripts/bootstrap.sh [--with-labelstudio]
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"

fresh_venv() {  # $1 dir, $2 stamp value, then the pip install arguments
  local dir="$1" want="$2"; shift 2
  if [ -x "$dir/bin/python" ] && [ "$(cat "$dir/.stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  echo "bootstrap: installing $dir (one-off, about a minute)" >&2
  rm -rf "$dir"
  "$PY" -m venv "$dir"
  "$dir/bin/python" -m pip install -q --upgrade pip setuptools wheel 2>&1 | grep -v "^WARNING: Location" >&2 || true
  "$dir/bin/python" -m pip install -q "$@" 2>&1 | grep -v "^WARNING: Location" >&2 || true
  "$dir/bin/python" -m pip check >/dev/null 2>&1 || { echo "bootstrap: pip check failed in $dir" >&2; "$dir/bin/python" -m pip check >&2; exit 1; }
  echo "$want" > "$dir/.stamp"
}

fresh_venv .venv "$(cat pyproject.toml | sha256sum | cut -c1-16)" -e '.[dev]'
.venv/bin/python -c "import silkroad_news" || { echo "bootstrap: .venv is broken" >&2; exit 1; }

if [ "${1:-}" = "--with-labelstudio" ]; then
  fresh_venv .venv-labelstudio "$(cat requirements/labelstudio.txt | sha256sum | cut -c1-16)" -r requirements/labelstudio.txt
  .venv-labelstudio/bin/label-studio --version >/dev/null 2>&1 || true
fi
