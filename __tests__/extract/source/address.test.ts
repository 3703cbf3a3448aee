import { describe, expect, it } from '@jest/globals';
import { namesListenerSetting, parseAddressText, parseHostText } from '../../../src/extract/source/address.js';
import { packageName } from '../../../src/extract/source/packageManifest.js';
import { mayHoldListener } from '../../../src/extract/source/prefilter.js';

describe('parseAddressText', () => {
  it.each([
    ['8080', { host: undefined, port: 8080, index: 0, protocol: 'tcp' }],
    [':8080', { host: null, port: 8080, index: 1, protocol: 'tcp' }],
    ['0.0.0.0:9990', { host: null, port: 9990, index: 8, protocol: 'tcp' }],
    ['[::]:8765', { host: null, port: 8765, index: 5, protocol: 'tcp' }],
    ['[::1]:8765', { host: '::1', port: 8765, index: 6, protocol: 'tcp' }],
    ['127.0.0.1:3000', { host: '127.0.0.1', port: 3000, index: 10, protocol: 'tcp' }],
    ['localhost:3000', { host: '127.0.0.1', port: 3000, index: 10, protocol: 'tcp' }],
    ['udp://0.0.0.0:53', { host: null, port: 53, index: 14, protocol: 'udp' }],
  ])('reads %s', (text, expected) => {
    expect(parseAddressText(text)).toEqual(expected);
  });

  it.each(['http://0.0.0.0:8765/metrics', 'listening on 0.0.0.0:8765', 'db.internal:5432', 'redis://cache:6379', ':99999', ':$PORT', '0.0.0.0', ''])('is not a listen address: %s', (text) => {
    expect(parseAddressText(text)).toBeUndefined();
  });

  it('reads hosts: wildcards are null, DNS names are not hosts', () => {
    expect(['', '*', '0.0.0.0', '::', 'LOCALHOST', '10.1.2.3', 'example.com'].map(parseHostText)).toEqual([null, null, null, null, '127.0.0.1', '10.1.2.3', undefined]);
  });
});

describe('namesListenerSetting', () => {
  it('takes port, listen, bind and addr words, and not a client setting', () => {
    const names = ['port', 'metrics_port', 'metricsPort', '--bind-address', 'listen', 'http.addr', 'db-port', 'REDIS_PORT', 'upstreamAddr', 'report_interval', 'support', 'cdn_endpoint', 'workers'];
    expect(names.filter(namesListenerSetting)).toEqual(['port', 'metrics_port', 'metricsPort', '--bind-address', 'listen', 'http.addr']);
  });
});

describe('packageName', () => {
  it('reads each manifest, and nothing from one that does not parse', () => {
    expect(packageName('Cargo.toml', '[package]\nname = "who-am-i"\n')).toBe('who-am-i');
    expect(packageName('Cargo.toml', '[workspace]\nmembers = ["a"]\n')).toBeUndefined();
    expect(packageName('Cargo.toml', '[package\nname = ')).toBeUndefined();
    expect(packageName('package.json', '{ "name": "@acme/api" }')).toBe('api');
    expect(packageName('package.json', '{ "name": "plain" }')).toBe('plain');
    expect(packageName('package.json', '{ "name": ')).toBeUndefined();
    expect(packageName('go.mod', '// comment\nmodule "github.com/acme/api/v3" // the API\n')).toBe('api');
    expect(packageName('pyproject.toml', '[project]\nname = "ml-api"\n')).toBe('ml-api');
    expect(packageName('pyproject.toml', '[tool.poetry]\nname = "search"\n')).toBe('search');
  });
});

describe('mayHoldListener', () => {
  it('passes files with a listener word of their language and skips the rest', () => {
    expect(mayHoldListener('rust', 'let l = TcpListener::bind(addr);')).toBe(true);
    expect(mayHoldListener('rust', 'pub fn export(report: &Report) -> String { report.to_string() }')).toBe(false);
    expect(mayHoldListener('go', 'http.ListenAndServe(":8080", nil)')).toBe(true);
    expect(mayHoldListener('go', 'import "strings"\nfunc Export() {}')).toBe(false);
    expect(mayHoldListener('typescript', "import { x } from './y.js';\nexport const z = x.bind(this);")).toBe(false);
    expect(mayHoldListener('typescript', 'app.listen(3000);')).toBe(true);
    expect(mayHoldListener('python', 'import os\nprint(os.sep)')).toBe(false);
    expect(mayHoldListener('python', 'uvicorn.run(app, port=8000)')).toBe(true);
  });
});
