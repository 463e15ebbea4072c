#!/usr/bin/env bash
# The adopter's first hour, as CI: pack every public package (pnpm turns workspace:* into
# versions), install the tarballs with plain npm into a fresh project outside the workspace (no
# workspace links), and book one appointment against the packed Cal.com stand-in from a
# TypeScript consumer (tsc, module/moduleResolution nodenext), a plain ESM .mjs and a CommonJS
# .cjs (require(esm), Node >= 20.19). Each must print `booked <uid>`. Every tarball must hold
# LICENSE, README.md and package.json.
#
#   scripts/smoke-adopter.sh            # builds first
#   SKIP_BUILD=1 scripts/smoke-adopter.sh   # dist/ already built (CI after `pnpm build`)
#   KEEP=1 ...                          # keep the temporary project for a look
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
pnpm=(npx --yes pnpm@10)
work="$(mktemp -d "${TMPDIR:-/tmp}/voicebook-adopter.XXXXXX")"
case "$work" in "$root"/*) echo "smoke: temp dir inside the workspace" >&2; exit 1 ;; esac
if [ "${KEEP:-}" = 1 ]; then echo "smoke: keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }

cd "$root"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "smoke: building the packages"
  "${pnpm[@]}" --filter './packages/*' build >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "build"; }
fi

mkdir -p "$work/tarballs" "$work/project"
for dir in packages/*/; do
  name="$(node -p "require('./${dir}package.json').name")"
  private="$(node -p "require('./${dir}package.json').private === true")"
  [ "$private" = true ] && continue
  [ -d "${dir}dist" ] || fail "$name has no dist/ (build first)"
  (cd "$dir" && "${pnpm[@]}" pack --pack-destination "$work/tarballs" >/dev/null) || fail "pack $name"
done

for tgz in "$work"/tarballs/*.tgz; do
  list="$(tar -tzf "$tgz")"
  for f in package/LICENSE package/README.md package/package.json; do
    grep -qx "$f" <<<"$list" || fail "$(basename "$tgz") lacks ${f#package/}"
  done
  if tar -xzOf "$tgz" package/package.json | grep -q '"workspace:'; then
    fail "$(basename "$tgz") still names a workspace: version"
  fi
done
echo "smoke: $(ls "$work"/tarballs/*.tgz | wc -l) tarballs, each with LICENSE"

cd "$work/project"
cat >package.json <<'JSON'
{ "name": "voicebook-adopter", "version": "1.0.0", "private": true, "type": "commonjs" }
JSON
cp "$root"/scripts/smoke/consumer.{mts,mjs,cjs} "$root"/scripts/smoke/tsconfig.json .
npm install --no-audit --no-fund --loglevel=error "$work"/tarballs/*.tgz typescript@5 @types/node@20 \
  >"$work/npm.log" 2>&1 || { tail -40 "$work/npm.log"; fail "npm install"; }
[ -L node_modules/@voicebook/booking-engine ] && fail "npm linked instead of installing"

run() { # label, command...
  local label="$1" out
  shift
  out="$("$@" 2>&1)" || { echo "$out" >&2; fail "$label consumer exited non-zero"; }
  grep -Eq '^booked [A-Za-z0-9_-]+$' <<<"$out" || { echo "$out" >&2; fail "$label consumer did not book"; }
  echo "smoke: $label: $(grep -E '^booked ' <<<"$out")"
}
npx tsc -p tsconfig.json || fail "tsc (nodenext) on the packed types"
run "typescript (nodenext)" node out/consumer.mjs
run "esm (.mjs)" node consumer.mjs
run "commonjs (.cjs, require)" node consumer.cjs
echo "smoke: ok"
