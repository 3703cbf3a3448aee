import { describe, expect, it } from '@jest/globals';
import { BINDING_RULES, COLLISION_RULES, isCollisionRule, isRuleId, RULE_IDS, RULES, ruleById, ruleIndex } from '../../src/rules/catalogue.js';
import { binding, collisionCase, entry } from './cases.js';

describe('the rule catalogue', () => {
  it('lists DESIGN.md\'s rules in its order, each once', () => {
    expect(RULE_IDS).toEqual(['duplicate-port', 'registry-conflict', 'registry-duplicate', 'registry-drift', 'reserved-port', 'out-of-range', 'unregistered']);
    expect(RULES.map((rule) => rule.defaultSeverity)).toEqual(['error', 'error', 'error', 'warning', 'warning', 'warning', 'warning']);
    RULE_IDS.forEach((id, index) => {
      expect(ruleIndex(id)).toBe(index);
      expect(ruleById(id).id).toBe(id);
    });
  });

  it('documents each rule: a PascalCase name from its id, sentences, Markdown help, a README anchor', () => {
    for (const rule of RULES) {
      expect(rule.name).toBe(rule.id.replace(/(?:^|-)([a-z])/g, (_, letter: string) => letter.toUpperCase()));
      for (const text of [rule.summary, rule.description, rule.help]) expect(text).toMatch(/^[A-Z].*\.$/);
      expect(rule.docs).toBe(`README.md#rule-${rule.id}`);
    }
  });

  it('tells rule ids from other words', () => {
    expect(isRuleId('unregistered')).toBe(true);
    expect(isRuleId('unregisterd')).toBe(false);
    expect(isRuleId('__proto__')).toBe(false);
  });

  it('splits the rules into those that judge collisions and those that judge one claim', () => {
    expect(COLLISION_RULES.map((rule) => rule.id)).toEqual(['duplicate-port', 'registry-conflict', 'registry-duplicate']);
    expect(BINDING_RULES.map((rule) => rule.id)).toEqual(['registry-drift', 'reserved-port', 'out-of-range', 'unregistered']);
    expect(RULE_IDS.filter(isCollisionRule)).toEqual(COLLISION_RULES.map((rule) => rule.id));
  });

  it('names every collision by exactly one collision rule, by how many registry owners it has', () => {
    const owners = [entry({ service: 'a', port: 80 }), entry({ service: 'b', port: 80 }), entry({ service: 'c', port: 80 })];
    const newcomer = binding({ service: 'web', port: 80 });
    const named = [0, 1, 2, 3].map((count) => COLLISION_RULES.filter((rule) => rule.names(collisionCase([newcomer, ...owners.slice(0, count)]))).map((rule) => rule.id));
    expect(named).toEqual([['duplicate-port'], ['registry-conflict'], ['registry-duplicate'], ['registry-duplicate']]);
  });
});
