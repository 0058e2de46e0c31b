#!/usr/bin/env bash
# The main job, from nothing: set up .venv, build the clean corpus and validate it.
# Later stages (dataset, baselines, leaderboard) are appended here as they land.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1
sn=.venv/bin/silkroad-news
$sn corpus build
$sn corpus validate
