#!/bin/sh
# Builds wasm/tree-sitter-nix.wasm from the C source that the npm package tree-sitter-nix
# ships (src/parser.c, src/scanner.c), without emscripten or tree-sitter-cli.
#
# web-tree-sitter loads a grammar as an emscripten side module: a PIC module that imports
# its memory, table, __memory_base and __table_base from `env` and starts with a `dylink.0`
# custom section. clang's wasm32-unknown-emscripten target is the one that emits PIC code
# (the wasm32 and wasm32-wasi targets ignore -fPIC and fail to link as -shared), and
# wasm-ld --experimental-pic -shared writes the dylink.0 section. The grammar needs no libc
# function, only stdlib.h's declarations, which wasi-libc's headers provide.
#
# Needs: Debian's clang, lld, wasi-libc (apt-get install -y clang lld wasi-libc).
# The output depends only on the grammar source and the clang/lld version: no paths, no
# debug info, no timestamps are embedded, so two builds with one toolchain are identical.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
grammar="$root/node_modules/tree-sitter-nix"
out="$root/wasm/tree-sitter-nix.wasm"
sysroot_include=${WASI_INCLUDE:-/usr/include/wasm32-wasi}
cc=${CC:-clang}
ld=${WASM_LD:-wasm-ld}

for tool in "$cc" "$ld"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build-nix-wasm: $tool not found (apt-get install -y clang lld wasi-libc)" >&2; exit 1; }
done
[ -f "$sysroot_include/stdlib.h" ] || { echo "build-nix-wasm: $sysroot_include/stdlib.h not found (apt-get install -y wasi-libc, or set WASI_INCLUDE)" >&2; exit 1; }
[ -f "$grammar/src/parser.c" ] || { echo "build-nix-wasm: $grammar/src/parser.c not found (npm ci)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Relative source paths and a fixed working folder keep file names out of the objects.
cd "$grammar/src"
for unit in parser scanner; do
  "$cc" --target=wasm32-unknown-emscripten -Os -fPIC -fvisibility=hidden -fno-exceptions \
    -isystem "$sysroot_include" -I. -c "$unit.c" -o "$work/$unit.o"
done
"$ld" --experimental-pic -shared --no-entry --strip-all \
  --export=tree_sitter_nix -o "$work/tree-sitter-nix.wasm" "$work/parser.o" "$work/scanner.o"

mkdir -p "$root/wasm"
mv "$work/tree-sitter-nix.wasm" "$out"
version=$(node -p "require('$grammar/package.json').version" 2>/dev/null || echo unknown)
echo "built wasm/tree-sitter-nix.wasm from tree-sitter-nix $version ($(wc -c <"$out") bytes, sha256 $(sha256sum "$out" | cut -d' ' -f1))"
