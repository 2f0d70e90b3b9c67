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
    expect(refused[0]!.message).toBe('Query is 13 levels deep; the limit is 12.');
  });

  it('follows fragments, including nested and cyclic spreads, without looping', () => {
    const query = `
      { node { ...A } }
      fragment A on Node { child { ...B } }
      fragment B on Node { child { child { ${nested(9)} } } }
    `;
    expect(errors(query)[0]?.message).toMatch(/13 levels/);
    const cyclic = `{ node { ...C } } fragment C on Node { child { ...C } }`;
    expect(() => validate(schema, parse(cyclic), [depthLimit(12)])).not.toThrow();
  });

  it('counts inline fragments as no level of their own', () => {
    expect(errors(`{ node { ... on Node { ${nested(11)} } } }`)).toEqual([]);
  });
});
