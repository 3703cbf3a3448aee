#!/bin/sh
# Builds wasm/tree-sitter-nix.wasm from the C source that the npm package tree-sitter-nix
# ships (src/parser.c, src/scanner.c), without emscripten or tree-sitter-cli.
#
# The package is fetched here with `npm pack` (pinned version, checked against its
# registry integrity) rather than kept in devDependencies: installing it runs node-gyp,
# which would make every `npm ci` need python and a C++ compiler for a file we commit.
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
package="tree-sitter-nix@0.0.2"
integrity="sha512-rPYc7NUi6hPOyFSoVdCVC9feqBk0kJ0Z3ftTWXo1ubyyKzPM5tJP6mD6xYl0gN45oh9GHGzvTbOmmwIk0XOj5A=="
out="$root/wasm/tree-sitter-nix.wasm"
sysroot_include=${WASI_INCLUDE:-/usr/include/wasm32-wasi}
cc=${CC:-clang}
ld=${WASM_LD:-wasm-ld}

for tool in "$cc" "$ld"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build-nix-wasm: $tool not found (apt-get install -y clang lld wasi-libc)" >&2; exit 1; }
done
[ -f "$sysroot_include/stdlib.h" ] || { echo "build-nix-wasm: $sysroot_include/stdlib.h not found (apt-get install -y wasi-libc, or set WASI_INCLUDE)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# `npm pack` of a registry package downloads its tarball and runs none of its scripts.
tarball=$(cd "$work" && npm pack --silent "$package")
actual="sha512-$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w0)"
[ "$actual" = "$integrity" ] || { echo "build-nix-wasm: $package has integrity $actual, expected $integrity" >&2; exit 1; }
mkdir "$work/package-source"
tar -xzf "$work/$tarball" -C "$work/package-source"
grammar="$work/package-source/package"
[ -f "$grammar/src/parser.c" ] || { echo "build-nix-wasm: $package has no src/parser.c" >&2; exit 1; }

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
echo "built wasm/tree-sitter-nix.wasm from $package ($(wc -c <"$out") bytes, sha256 $(sha256sum "$out" | cut -d' ' -f1))"
