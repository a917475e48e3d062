#!/usr/bin/env bash
# test.sh [pytest args]: set up everything the tests need, then run every test (unit, build, browser,
# validators). The same command runs in CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
exec .venv/bin/python -m pytest "$@"
