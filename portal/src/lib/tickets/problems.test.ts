import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { problemOf } from '$lib/core/problem';
import { fieldMessage } from './problems';

const graphQLError = (code: string, extensions: Record<string, unknown> = {}, message = 'server words') =>
  new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code, ...extensions } })] });

describe('problemOf', () => {
  it.each([
    ['FORBIDDEN', 'forbidden'],
    ['NOT_FOUND', 'notFound'],
    ['INVALID_TRANSITION', 'invalidTransition'],
    ['CONFLICT', 'conflict'],
    ['UNAUTHENTICATED', 'unauthenticated'],
    ['SOMETHING_ELSE', 'unknown'],
  ])('%s → %s', (code, expected) => {
    expect(problemOf(graphQLError(code)).code).toBe(expected);
  });

  it('names the bad field from a domain error or from validation', () => {
    expect(problemOf(graphQLError('BAD_USER_INPUT', { field: 'reason' }))).toMatchObject({ code: 'badInput', field: 'reason' });
    expect(problemOf(graphQLError('BAD_USER_INPUT', { fields: ['input.title'] }))).toMatchObject({ code: 'badInput', field: 'title' });
    expect(problemOf(graphQLError('BAD_USER_INPUT')).field).toBeNull();
  });

  it('reports a network failure as such', () => {
    expect(problemOf(new CombinedError({ networkError: new Error('offline') })).code).toBe('network');
  });
});

describe('fieldMessage', () => {
  it('explains the fields the portal knows and leaves others to the general message', () => {
    expect(fieldMessage(problemOf(graphQLError('BAD_USER_INPUT', { field: 'demand' })))).toBe('new.problem.demand');
    expect(fieldMessage(problemOf(graphQLError('BAD_USER_INPUT', { field: 'promisedReplyAt' })))).toBe('problem.field.promisedReplyAt');
    expect(fieldMessage(problemOf(graphQLError('BAD_USER_INPUT', { field: 'first' })))).toBeNull();
    expect(fieldMessage(problemOf(graphQLError('CONFLICT')))).toBeNull();
  });
});
