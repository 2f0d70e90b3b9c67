export * from './gql/graphql.js';
