import { describe, expect, it } from '@jest/globals';
import { isClientBundleVariable, isOwnPortVariable, namesProcessPort, portRangeBound } from '../../src/extract/portVariables.js';

describe('client-bundle variables', () => {
  it.each([
    ['NEXT_PUBLIC_API_PORT', true],
    ['VITE_PORT', true],
    ['vite_port', true],
    ['EXPO_PUBLIC_SERVER_PORT', true],
    ['REACT_APP_PORT', true],
    ['NUXT_PUBLIC_API_PORT', true],
    ['PORT', false],
    ['INVITE_PORT', false],
    ['API_PORT', false],
  ])('%s -> %s', (variable, expected) => {
    expect(isClientBundleVariable(variable)).toBe(expected);
  });

  it('are never a process\'s own port, even in a process they seem to name', () => {
    expect(isOwnPortVariable('VITE_PORT', 'vite')).toBe(false);
    expect(namesProcessPort('VITE_PORT', 'vite')).toBe(false);
    expect(isOwnPortVariable('REACT_APP_PORT', 'react-app')).toBe(false);
    expect(isOwnPortVariable('PORT', 'vite')).toBe(true);
    expect(namesProcessPort('WEB_PORT', 'web')).toBe(true);
  });
});

describe('portRangeBound', () => {
  it.each([
    ['PASV_MIN_PORT', 'PASV', 'start'],
    ['PASV_MAX_PORT', 'PASV', 'end'],
    ['WEBRTC_PORT_MIN', 'WEBRTC', 'start'],
    ['webrtc_port_max', 'WEBRTC', 'end'],
    ['TUNNEL_START_PORT', 'TUNNEL', 'start'],
    ['TUNNEL_END_PORT', 'TUNNEL', 'end'],
    ['SHAPER_PORT_START', 'SHAPER', 'start'],
    ['SHAPER_PORT_END', 'SHAPER', 'end'],
    ['MIN_PORT', '', 'start'],
  ])('%s is the %s range\'s %s', (variable, base, end) => {
    expect(portRangeBound(variable)).toMatchObject({ base, end });
  });

  it('pairs only the two ends of one spelling', () => {
    const pair = (variable: string) => portRangeBound(variable)?.pair;
    expect(pair('RTC_MIN_PORT')).toBe(pair('RTC_MAX_PORT'));
    expect(pair('RTC_PORT_MIN')).toBe(pair('RTC_PORT_MAX'));
    expect(pair('RTC_START_PORT')).toBe(pair('RTC_END_PORT'));
    expect(pair('RTC_MIN_PORT')).not.toBe(pair('RTC_PORT_MAX'));
    expect(pair('RTC_MIN_PORT')).not.toBe(pair('RTC_END_PORT'));
    expect(pair('RTC_MIN_PORT')).not.toBe(pair('SIP_MAX_PORT'));
  });

  it('is nothing for other port variables', () => {
    expect(['PORT', 'API_PORT', 'PORT_RANGE', 'MINIMUM_PORT', 'ADMIN_PORT'].map(portRangeBound)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
