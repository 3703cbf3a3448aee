import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { prepareNixGrammar, readNixTree, syntaxDiagnostics } from '../../../src/extract/nix/nixGrammar.js';
import { loadParser, locateWasm } from '../../../src/extract/treeSitter/loader.js';

function diagnosticsOf(text: string): string[] {
  const read = readNixTree({ path: 'bad.nix', text }, undefined, (source) => ({ bindings: [], diagnostics: syntaxDiagnostics(source) }));
  return read.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
}

describe('the built tree-sitter-nix grammar', () => {
  it('is a side module with a dylink.0 section that the shared loader finds and web-tree-sitter 0.27 accepts', async () => {
    const wasm = readFileSync(locateWasm('tree-sitter-nix.wasm'));
    // web-tree-sitter reads the `dylink.0` custom section (id 0) before instantiating: it must come first.
    expect(wasm[8]).toBe(0);
    expect(wasm.subarray(9, 24).toString('latin1')).toContain('dylink.0');
    const parser = await loadParser('nix');
    expect(parser.language?.abiVersion).toBe(13);
    const tree = parser.parse('{ services.api.port = 8080; }');
    expect(tree?.rootNode.toString()).toBe(
      '(source_code expression: (attrset_expression (binding_set binding: (binding attrpath: (attrpath attr: (identifier) attr: (identifier) attr: (identifier)) expression: (integer_expression)))))',
    );
    tree?.delete();
  });

  it('parses `\'\'${` escapes in indented strings, lists without commas, and reports no error for them', async () => {
    await prepareNixGrammar();
    const text = ["{", "  script = ''", "    echo ''${HOME} '''quoted''' $x", "  '';", '  ports = [ 80 443 8080 ];', '}'].join('\n');
    expect(diagnosticsOf(text)).toEqual([]);
  });

  it('reports no error for trailing commas in formals, which Nix accepts and nixfmt writes', async () => {
    await prepareNixGrammar();
    expect(diagnosticsOf(['{', '  lib,', '  pkgs,', '}:', '{ }'].join('\n'))).toEqual([]);
    expect(diagnosticsOf(['{', '  pkgs ? import <nixpkgs> { },', '}:', 'pkgs'].join('\n'))).toEqual([]);
  });

  it('locates each real syntax error at its innermost node', async () => {
    await prepareNixGrammar();
    const text = ['{ config, ... }:', '{', '  services.a.port = 1;', '  services.b = { port = 2 };', '  services.d = { port = ; };', '}'].join('\n');
    expect(diagnosticsOf(text)).toEqual(['4:27 Nix syntax error near `}`', '5:24 Nix syntax error: expected a name']);
  });
});
