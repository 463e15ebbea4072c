#!/usr/bin/env bash
# A `pnpm release` dry run that changes nothing here: copy the work tree (with the built dist/)
# into a throwaway directory, run `changeset version` there (bumps versions, writes CHANGELOGs,
# turns the pending changesets into releases), print each package's new version, and `pnpm pack`
# every public package of the copy, checking each tarball names no workspace: version and holds
# LICENSE, README.md and dist/. Nothing is published, nothing here is modified.
#
#   pnpm release:dry            # after pnpm build
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
changeset="$root/node_modules/.bin/changeset"
pnpm=(npx --yes pnpm@10)
tmp="$(mktemp -d "${TMPDIR:-/tmp}/voicebook-release.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "release:dry: FAIL: $*" >&2; exit 1; }

cd "$root"
for dir in packages/*/; do [ -d "${dir}dist" ] || fail "${dir} has no dist/ (run pnpm build)"; done
{ git ls-files -co --exclude-standard -z; find packages/*/dist -type f -print0; } |
  tar --null -T - -cf - | tar -xf - -C "$tmp"
# pnpm pack reads workspace:* versions through the packages' node_modules links. Theirs are
# relative (../../../calcom-client), so copied they point at the versioned copy; the store links
# reach the root's node_modules.
for dir in packages/*/; do [ -d "${dir}node_modules" ] && cp -a "${dir}node_modules" "$tmp/$dir"; done
ln -s "$root/node_modules" "$tmp/node_modules"

cd "$tmp"
pending="$(find .changeset -name '*.md' ! -name README.md | wc -l)"
[ "$pending" -gt 0 ] || fail "no pending changesets"
echo "release:dry: $pending pending changesets"
"$changeset" version >"$tmp/version.log" 2>&1 || { cat "$tmp/version.log"; fail "changeset version"; }

mkdir -p "$tmp/.tarballs"
printf '%-32s %-10s %s\n' package before after
for dir in packages/*/; do
  name="$(node -p "require('./${dir}package.json').name")"
  [ "$(node -p "require('./${dir}package.json').private === true")" = true ] && continue
  before="$(node -p "require('$root/${dir}package.json').version")"
  after="$(node -p "require('./${dir}package.json').version")"
  printf '%-32s %-10s %s\n' "$name" "$before" "$after"
  [ -f "${dir}CHANGELOG.md" ] || fail "$name: changeset version wrote no CHANGELOG.md"
  (cd "$dir" && "${pnpm[@]}" pack --pack-destination "$tmp/.tarballs" >"$tmp/pack.log" 2>&1) || { cat "$tmp/pack.log"; fail "pack $name"; }
done
for tgz in "$tmp"/.tarballs/*.tgz; do
  list="$(tar -tzf "$tgz")"
  for f in package/LICENSE package/README.md package/package.json; do
    grep -qx "$f" <<<"$list" || fail "$(basename "$tgz") lacks ${f#package/}"
  done
  grep -q '^package/dist/' <<<"$list" || fail "$(basename "$tgz") has no dist/"
  tar -xzOf "$tgz" package/package.json | grep -q '"workspace:' && fail "$(basename "$tgz") names workspace:"
  deps="$(tar -xzOf "$tgz" package/package.json | node -e 'const p=JSON.parse(require("fs").readFileSync(0,"utf8"));console.log(Object.entries(p.dependencies??{}).filter(([n])=>n.startsWith("@voicebook/")).map(([n,v])=>n+"@"+v).join(" "))')"
  echo "release:dry: $(basename "$tgz"): $(wc -l <<<"$list") files${deps:+; depends on $deps}"
done
echo "release:dry: ok (nothing published; the versioned copy was thrown away)"
