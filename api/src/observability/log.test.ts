import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrub, type serializeError } from './log.js';

describe('scrub', () => {
  it('takes quoted values, e-mail addresses and phone numbers out of error messages', () => {
    const message = `insert into "person" ("email", "phone", "name") values ('wang@lakeside.test', '13800138000', '王小明') - duplicate key value violates unique constraint "person_email_unique"`;
    const scrubbed = scrub(message);
    expect(scrubbed).toContain('"person_email_unique"');
    expect(scrubbed).toContain(`values ('?', '?', '?')`);
    expect(scrub('Key (email)=(wang@lakeside.test) already exists.')).toBe('Key (email)=(?) already exists.');
    expect(scrub('no one at owner1@lakeside.test or +86 138 0013 8000')).toBe('no one at <email> or <number>');
    expect(scrub('name "王小明" refused')).toBe('name "?" refused');
  });
});

describe('the logger', () => {
  it('writes JSON lines and logs errors by type, code and stack, with their message scrubbed', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ destination });
    const error = Object.assign(new Error(`select 1 where email = 'a@b.test'`), { code: '23505' });
    logger.error({ err: error }, 'Internal error');
    const line = JSON.parse(lines[0]!) as { msg: string; err: ReturnType<typeof serializeError> };
    expect(line.msg).toBe('Internal error');
    expect(line.err).toMatchObject({ type: 'Error', code: '23505', message: `select 1 where email = '?'` });
    expect(lines[0]).not.toContain('a@b.test');
  });
});
