#!/usr/bin/env bash
# Creates or refreshes the project's virtualenvs from nothing but python3 and the package
# registries. Safe to run repeatedly: each venv is rebuilt only when its requirements change,
# and it is marked ready (.stamp) only after its install and its smoke check succeeded.
#   .venv              the toolkit and its dev tools (pyproject.toml)
#   .venv-labelstudio  the Label Studio server, whose exact pins clash with ours
# With --with-labelstudio (what scripts/test.sh asks for) it also installs, when missing, the
# browser the browser tests drive and the fonts that render Chinese in it: Debian's chromium
# and fonts-noto-cjk (apt-get, as root or through sudo). Playwright only drives that browser:
# `playwright install` (a browser download) is never run.
# Usage: bash scripts/bootstrap.sh [--with-labelstudio]
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"

pip_quiet() {  # pip with this machine's harmless "Location ... is ignored" lines filtered out
  local venv="$1"; shift
  local log; log=$(mktemp)
  if ! "$venv/bin/python" -m pip install -q "$@" >"$log" 2>&1; then
    grep -v "^WARNING: Location" "$log" >&2 || true
    rm -f "$log"
    echo "bootstrap: pip install $* failed in $venv" >&2
    return 1
  fi
  grep -v "^WARNING: Location" "$log" >&2 || true
  rm -f "$log"
}

fresh_venv() {  # $1 dir, $2 stamp value, $3 smoke-check command, then the pip install arguments
  local dir="$1" want="$2" check="$3"; shift 3
  if [ -x "$dir/bin/python" ] && [ "$(cat "$dir/.stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  echo "bootstrap: installing $dir (one-off, one to two minutes)" >&2
  rm -rf "$dir"
  "$PY" -m venv "$dir"
  pip_quiet "$dir" --upgrade pip setuptools wheel
  pip_quiet "$dir" "$@"
  if ! (eval "$check") >/dev/null 2>&1; then
    echo "bootstrap: $dir does not work after installing; check: $check" >&2
    (eval "$check") >&2 || true
    exit 1
  fi
  echo "$want" > "$dir/.stamp"
}

fresh_venv .venv "$(sha256sum pyproject.toml | cut -c1-16)" \
  ".venv/bin/python -m pip check && .venv/bin/python -c 'import silkroad_news.cli, datasets, opencc, jieba, cn2an, sklearn_crfsuite, seqeval, label_studio_sdk, playwright.sync_api'" \
  -e '.[dev]'

browser_packages() {  # Debian's chromium and CJK fonts for the browser tests, when missing
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bootstrap: installing ${missing[*]} (apt-get)" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  if ! { $sudo apt-get update -qq && \
         DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "bootstrap: could not install ${missing[*]}; run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

if [ "${1:-}" = "--with-labelstudio" ]; then
  browser_packages
  export LABEL_STUDIO_BASE_DATA_DIR="${TMPDIR:-/tmp}/silkroad-ls-bootstrap-check"
  fresh_venv .venv-labelstudio "$(sha256sum requirements/labelstudio.txt | cut -c1-16)" \
    ".venv-labelstudio/bin/python -c 'import label_studio, django'" \
    -r requirements/labelstudio.txt
fi
