#!/usr/bin/env bash
# The steps of `npm test` before Vitest: both builds, while the import rules, the style and the
# type-check run beside them (on 2 cores that saves ~20 s: the checks are one thread each).
# Each step's output is printed whole when it ends, never interleaved; any failure fails the lot.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

npm run -s build >"$logs/build" 2>&1 &
build=$!

failed=()
for step in lint:deps format:check typecheck; do
  if npm run -s "$step" >"$logs/$step" 2>&1; then
    echo "✓ $step"
  else
    echo "✗ $step"
    cat "$logs/$step"
    failed+=("$step")
  fi
done

if wait "$build"; then
  echo "✓ build"
else
  echo "✗ build"
  cat "$logs/build"
  failed+=(build)
fi

if ((${#failed[@]})); then
  echo "Failed: ${failed[*]}" >&2
  exit 1
fi
