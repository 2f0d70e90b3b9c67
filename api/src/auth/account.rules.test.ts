import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as en from '@zxcvbn-ts/language-en';
import { ACTIVATION_CODE_LENGTH, CODE_ALPHABET, formatActivationCode, makeCode, normaliseCode, normalisePhone, signInIdentifier } from './auth.rules.js';
import { passwordProblem } from './password.rules.js';

describe('mainland mobile numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['008613800138000', '13800138000'],
    [' 19912345678 ', '19912345678'],
  ])('reads %j as %s', (raw, phone) => expect(normalisePhone(raw)).toBe(phone));

  it.each(['12345678901', '1380013800', '138001380001', '23800138000', '+1 13800138000', '1380013800x', '', '１３８００１３８０００', '13800138000\u0000'])(
    'refuses %j',
    (raw) => expect(normalisePhone(raw)).toBeNull(),
  );
});

describe('what goes in the sign-in box', () => {
  it('tells an email from a number', () => {
    expect(signInIdentifier(' Owner1@Lakeside.TEST ')).toEqual({ kind: 'email', value: 'owner1@lakeside.test' });
    expect(signInIdentifier('+86 139 1234 5678')).toEqual({ kind: 'phone', value: '13912345678' });
    expect(signInIdentifier('owner1')).toBeNull();
    expect(signInIdentifier('a@b c')).toBeNull();
  });
});

describe('one-time codes', () => {
  it('uses only letters nobody confuses, and every one of them', () => {
    const seen = new Set<string>();
    // Every byte value once, in order: each letter's bytes all come through.
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const c of makeCode(bytes, CODE_ALPHABET.length * 8)) seen.add(c);
    for (let i = 0; i < 50; i++) for (const c of makeCode(randomBytes(64), ACTIVATION_CODE_LENGTH)) expect(CODE_ALPHABET).toContain(c);
    expect([...seen].sort().join('')).toBe([...CODE_ALPHABET].sort().join(''));
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('maps bytes without favouring the first letters: bytes past the last whole multiple are skipped', () => {
    const limit = 256 - (256 % CODE_ALPHABET.length);
    const bytes = Uint8Array.from([limit, limit + 1, 0, 1, 2, 3]);
    expect(makeCode(bytes, 4)).toBe(CODE_ALPHABET.slice(0, 4));
    expect(() => makeCode(Uint8Array.from([255, 255, 255]), 2)).toThrow(RangeError);
  });

  it('reads a code as people type it', () => {
    const code = 'K7QM2XW9RT';
    expect(formatActivationCode(code)).toBe('K7QM2-XW9RT');
    expect(normaliseCode(' k7qm2 - xw9rt ')).toBe(code);
    expect(normaliseCode('K7QM2\u00a0XW9RT')).toBe(code);
  });
});

describe('password strength (zxcvbn-ts)', () => {
  const context = { userInputs: ['湖畔花园', '湖畔物业', '王建国', '13800138000'], production: true, demoPassword: 'cocreate-demo' };

  it.each([
    ['short', 'TOO_SHORT'],
    ['12345678', 'TOO_GUESSABLE'],
    ['password1', 'TOO_GUESSABLE'],
    ['qwertyuiop', 'TOO_GUESSABLE'],
    ['cocreate-demo', 'DEMO_PASSWORD'],
    ['湖畔花园12345678', 'NAMES_COMMUNITY'],
    ['x'.repeat(201), 'TOO_LONG'],
  ])('refuses %j as %s', (password, reason) => expect(passwordProblem(password, context)?.reason).toBe(reason));

  it('counts characters, not UTF-16 units: eight emoji are eight characters', () => {
    expect(passwordProblem('😀😃😄😁😆', context)?.reason).toBe('TOO_SHORT');
  });

  it('gives the estimator’s advice as stable keys and in English', () => {
    const problem = passwordProblem('password1', context)!;
    expect(Object.keys(en.translations.warnings)).toContain(problem.warning);
    expect(problem.suggestions.every((key) => key in en.translations.suggestions)).toBe(true);
    expect(problem.suggestions.length).toBeGreaterThan(0);
    expect(problem.advice.join(' ')).toMatch(/[a-z]/);
  });

  it('accepts a long passphrase and the demo password outside production', () => {
    expect(passwordProblem('lakeside swallow teapot 7', context)).toBeNull();
    expect(passwordProblem('cocreate-demo', { ...context, production: false })).toBeNull();
  });
});
