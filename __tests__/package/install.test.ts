// `npm ci` must need no compiler and no python: no package of the tree may build native
// code when it installs (node-gyp, which npm also runs by itself for a binding.gyp).
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockedPackage {
  hasInstallScript?: boolean;
}

/** Every package with an install step, and why that step compiles nothing. */
const INSTALL_STEPS_WITHOUT_A_COMPILER: Record<string, string> = {
  'node_modules/@parcel/watcher': 'runs node-gyp only when npm_config_build_from_source=true; a prebuilt binary package is installed otherwise',
  'node_modules/@swc/core': 'its postinstall checks the prebuilt binary of its optional dependencies',
  'node_modules/esbuild': 'its postinstall checks the prebuilt binary of its optional dependencies',
};

describe('the development install', () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockedPackage> };

  it('has no package that builds native code on install', () => {
    const installing = Object.entries(lock.packages)
      .filter(([path, locked]) => path !== '' && (locked.hasInstallScript === true || existsSync(join(path, 'binding.gyp'))))
      .map(([path]) => path)
      .sort();
    expect(installing).toEqual(Object.keys(INSTALL_STEPS_WITHOUT_A_COMPILER).sort());
    for (const path of installing) {
      const scripts = (JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
      const steps = ['preinstall', 'install', 'postinstall'].map((name) => scripts[name]).filter((step) => step !== undefined);
      // A binding.gyp without an install script of its own makes npm run `node-gyp rebuild`.
      expect({ path, steps: steps.length > 0, gyp: steps.some((step) => /node-gyp|prebuild-install|cmake-js/.test(step)) }).toEqual({ path, steps: true, gyp: false });
    }
  });

  it('keeps the Nix grammar out of it: its wasm is committed, and scripts/build-nix-wasm.sh fetches the pinned source', () => {
    expect(Object.keys(lock.packages).filter((path) => path.endsWith('/tree-sitter-nix'))).toEqual([]);
    expect(existsSync('wasm/tree-sitter-nix.wasm')).toBe(true);
    expect(readFileSync('scripts/build-nix-wasm.sh', 'utf8')).toMatch(/npm pack --silent "\$package"/);
  });
});
