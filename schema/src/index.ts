export * from './gql/graphql.js';
export * from './reasons.js';
