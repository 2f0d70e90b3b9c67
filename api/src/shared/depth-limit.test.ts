import { describe, expect, it } from 'vitest';
import { buildSchema, parse, validate } from 'graphql';
import { depthLimit } from './depth-limit.js';

const schema = buildSchema(`type Node { id: ID, child: Node } type Query { node: Node }`);
const nested = (levels: number) => {
  let selection = 'id';
  for (let i = 1; i < levels; i++) selection = `child { ${selection} }`;
  return selection;
};
const errors = (query: string) => validate(schema, parse(query), [depthLimit(12)]);

describe('depthLimit', () => {
  it('allows exactly 12 levels and refuses 13', () => {
    expect(errors(`{ node { ${nested(11)} } }`)).toEqual([]);
    const refused = errors(`{ node { ${nested(12)} } }`);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.message).toBe('Query is more than 12 levels deep; the limit is 12.');
  });

  it('follows fragments, including nested and cyclic spreads, without looping', () => {
    const query = `
      { node { ...A } }
      fragment A on Node { child { ...B } }
      fragment B on Node { child { child { ${nested(9)} } } }
    `;
    expect(errors(query)[0]?.message).toMatch(/more than 12 levels/);
    const cyclic = `{ node { ...C } } fragment C on Node { child { ...C } }`;
    expect(() => validate(schema, parse(cyclic), [depthLimit(12)])).not.toThrow();
  });

  it('counts inline fragments as no level of their own', () => {
    expect(errors(`{ node { ... on Node { ${nested(11)} } } }`)).toEqual([]);
  });

  it('walks fragments that each spread the next twice in linear time, and still measures them', () => {
    // 40 fragments, each spreading the next twice: 2^40 paths for a walk that does not remember.
    const levels = 40;
    const defs = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Node { id }` : `fragment F${i} on Node { a: child { ...F${i + 1} } b: child { ...F${i + 1} } }`,
    );
    const query = `{ node { ...F0 } } ${defs.join(' ')}`;
    const refused = validate(schema, parse(query), [depthLimit(12)]);
    expect(refused[0]?.message).toMatch(/more than 12 levels/);
    const shallow = Array.from({ length: 10 }, (_, i) =>
      i === 9 ? `fragment G${i} on Node { id }` : `fragment G${i} on Node { a: child { ...G${i + 1} } b: child { ...G${i + 1} } }`,
    );
    expect(validate(schema, parse(`{ node { ...G0 } } ${shallow.join(' ')}`), [depthLimit(12)])).toEqual([]);
  });
});
