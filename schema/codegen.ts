import type { CodegenConfig } from '@graphql-codegen/cli';

// Every operation a client sends lives in operations/*.graphql; codegen validates each one
// against schema.graphql and emits typed documents for the portal and the tests.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['operations/**/*.graphql'],
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'gql' },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string' } },
    },
  },
  hooks: {},
};
export default config;
