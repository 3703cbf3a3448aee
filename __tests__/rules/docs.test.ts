import { describe, expect, it } from '@jest/globals';
import { ruleById } from '../../src/rules/catalogue.js';
import { readmeAnchor, ruleDocsUrl } from '../../src/rules/docs.js';

describe('ruleDocsUrl', () => {
  const rule = ruleById('out-of-range');

  it('resolves the rule\'s README anchor against the docs base, with or without its slash', () => {
    expect(ruleDocsUrl(rule, 'https://github.com/acme/portcullis/blob/v1')).toBe('https://github.com/acme/portcullis/blob/v1/README.md#rule-out-of-range');
    expect(ruleDocsUrl(rule, 'https://github.com/acme/portcullis/blob/v1/')).toBe('https://github.com/acme/portcullis/blob/v1/README.md#rule-out-of-range');
  });

  it('gives no URL without a base, or with one that is no URL', () => {
    expect(ruleDocsUrl(rule, undefined)).toBeUndefined();
    expect(ruleDocsUrl(rule, 'not a url')).toBeUndefined();
  });

  it('knows the README anchor', () => {
    expect(readmeAnchor(rule)).toBe('rule-out-of-range');
  });
});
