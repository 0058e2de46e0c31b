#!/usr/bin/env bash
# The main job, from nothing: set up .venv, build the clean corpus and the dataset from the
# committed annotations, validate both, train and score the baselines, regenerate and print
# the leaderboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1
sn=.venv/bin/silkroad-news
$sn corpus build
$sn corpus validate
$sn annotations validate
$sn build
$sn baselines run
$sn leaderboard
cat leaderboard/README.md
