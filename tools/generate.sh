#!/usr/bin/env bash
# Code generation, run by the Makefile with the generators already built into bin/tools/.
#   tools/generate.sh write   regenerate the tree's generated files in place (make generate)
#   tools/generate.sh check   regenerate into a temporary folder and compare with the tree's
#                             generated files, whatever git says (make check-generated)
# The generated files are the oapi-codegen outputs named below and every sqlc `out:` folder of
# sqlc.yaml; .gitattributes marks the same files.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/bin/tools"

# The oapi-codegen outputs: the folder holding oapi-codegen.yaml and the file it writes.
oapi_outputs=(backend/internal/api/api.gen.go mobile-bridge/client/client.gen.go)

sqlc_outs() { sed -n 's/^ *out: *//p' "$root/sqlc.yaml"; }

# generate OUT: write every generated file under OUT (the repository root or a mirror of it).
generate() {
  local out="$1" f dir cfg
  cfg="$(mktemp)"
  for f in "${oapi_outputs[@]}"; do
    dir="$(dirname "$f")"
    # Without its `output:` line the config makes oapi-codegen print the code; it runs in the
    # config's folder so relative paths in the config (the overlay) resolve as in the tree.
    grep -v '^output:' "$root/$dir/oapi-codegen.yaml" >"$cfg"
    mkdir -p "$out/$dir"
    (cd "$root/$dir" && "$bin/oapi-codegen" -config "$cfg" "$root/api-spec/openapi.yaml") >"$out/$f.tmp"
    mv "$out/$f.tmp" "$out/$f"
  done
  rm -f "$cfg"
  if [ "$out" != "$root" ]; then
    # sqlc reads paths relative to its config: give it a copy of its inputs under OUT.
    cp "$root/sqlc.yaml" "$out/"
    cp -r "$root/migrations" "$out/"
    for f in $(sed -n 's/^ *queries: *//p' "$root/sqlc.yaml"); do
      mkdir -p "$out/$(dirname "$f")" && cp "$root/$f" "$out/$f"
    done
  fi
  (cd "$out" && "$bin/sqlc" generate)
}

case "${1:-}" in
write)
  generate "$root"
  ;;
check)
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  generate "$tmp"
  differ=()
  for f in "${oapi_outputs[@]}"; do
    cmp -s "$tmp/$f" "$root/$f" || differ+=("$f")
  done
  for d in $(sqlc_outs); do
    for f in $( (cd "$tmp" && find "$d" -type f; cd "$root" && find "$d" -type f 2>/dev/null) | sort -u); do
      if [ ! -e "$root/$f" ]; then differ+=("$f (missing)")
      elif [ ! -e "$tmp/$f" ]; then differ+=("$f (no longer generated)")
      elif ! cmp -s "$tmp/$f" "$root/$f"; then differ+=("$f"); fi
    done
  done
  if [ "${#differ[@]}" -gt 0 ]; then
    echo "check-generated: these generated files differ from what the generators make now (run 'make generate'):"
    printf '  %s\n' "${differ[@]}"
    exit 1
  fi
  echo "check-generated: generated files match ($(( ${#oapi_outputs[@]} )) oapi-codegen files, $(sqlc_outs | wc -l) sqlc folders)"
  ;;
*)
  echo "usage: $0 write|check" >&2
  exit 2
  ;;
esac
