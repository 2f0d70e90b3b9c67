import { describe, expect, it } from 'vitest';
import { cleanArguments, cleanText, codePointLength } from './text.js';

const run = async (args: Record<string, unknown>) => cleanArguments({ args } as never, async () => args);

describe('text at the edge', () => {
  it('trims whitespace and zero-width characters, so an invisible title is empty', () => {
    expect(cleanText('  \u200b\u200b\u2060\ufeff ')).toBe('');
    expect(cleanText('\u3000 电梯\u200b坏了 \u200d')).toBe('电梯坏了');
    // A zero-width joiner inside an emoji sequence is part of the character and stays.
    expect(cleanText('👨\u200d👩\u200d👧')).toBe('👨\u200d👩\u200d👧');
  });

  it('counts characters as the column does: a variation selector is one', () => {
    expect(codePointLength('❤️')).toBe(2);
    expect(codePointLength('𠮷')).toBe(1);
  });

  it('refuses a NUL naming the field, and leaves passwords as typed', async () => {
    await expect(run({ input: { title: 'a\u0000b' } })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'title' } });
    await expect(run({ search: '\u0000' })).rejects.toMatchObject({ extensions: { field: 'search' } });
    await expect(run({ input: { items: [{ name: 'x\u0000' }] } })).rejects.toMatchObject({ extensions: { field: 'items[0].name' } });
    const args = { email: ' a@b.c ', password: ' secret ' };
    await run(args);
    expect(args).toEqual({ email: 'a@b.c', password: ' secret ' });
  });
});
