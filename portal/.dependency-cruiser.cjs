/** The portal's boundaries, checked by `npm run boundaries` (dependency-cruiser) in CI; see docs/architecture.md. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles, type-only imports included.', from: {}, to: { circular: true } },
    {
      name: 'portal-talks-graphql-only',
      severity: 'error',
      comment: 'The portal reaches the API over HTTP; of the other workspaces it imports only the generated schema package.',
      from: { path: '^src/' },
      to: { path: ['^\\.\\./(api|seeds|tests)/', '@cocreate/(api|seeds|tests)', 'node_modules/(@mikro-orm|pg|type-graphql|@apollo/server)/'] },
    },
    {
      name: 'lib-knows-no-routes',
      severity: 'error',
      comment: 'Routes compose lib; lib never imports a route.',
      from: { path: '^src/lib/' },
      to: { path: '^src/routes/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)(build|\\.svelte-kit)/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['svelte', 'import', 'types', 'default'], extensions: ['.ts', '.js', '.svelte'] },
  },
};
