// Inputs that fuzzing (__tests__/fuzz) found mishandled, kept as regressions.
import { describe, expect, it } from '@jest/globals';
import { findArgvListeners, findCommandListeners } from '../../../src/extract/command/findCommandListeners.js';

describe('findCommandListeners: fuzz regressions', () => {
  it.each([
    // The shell reads 6379, but no one place of the line writes it to point at or rewrite.
    ["redis-server --port 6'3'79"],
    ['redis-server --port 63"79"'],
    // Docker reads a -p value with strconv: no white space around the ports, anywhere.
    ['docker run -p " 8080:80" nginx'],
    ['docker run -p "8080 - 8090:80" nginx'],
    ['docker run -p \u20298000-8010:80 nginx'],
  ])('finds no listener in %j', (command) => {
    expect(findCommandListeners(command)).toEqual([]);
  });

  it('still finds a quoted port, written whole inside its quotes', () => {
    expect(findCommandListeners("redis-server --port '6379'").map(({ port, offset }) => [port, offset])).toEqual([[6379, 21]]);
  });

  it('finds no listener whose port is split across two arguments of an argument vector', () => {
    expect(findArgvListeners(['sh', '-c', "redis-server --port 63'79'"])).toEqual([]);
  });
});
