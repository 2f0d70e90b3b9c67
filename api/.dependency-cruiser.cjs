/**
 * The layering, checked by `npm run boundaries` (dependency-cruiser) in CI. See docs/architecture.md
 * for the picture. Paths are relative to api/.
 */
const DOMAINS_ON_COMMUNITY = '(auth|people|register|tickets|proposals|decisions|reviews|notifications|files|audit|home|knowledge)';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles, type-only imports included.', from: {}, to: { circular: true } },
    {
      name: 'rules-are-pure',
      severity: 'error',
      comment: 'A *.rules.ts file decides; it reads no database, speaks no GraphQL and knows no framework.',
      from: { path: '^src/.+\\.rules\\.ts$' },
      to: { path: ['node_modules/(graphql|type-graphql|@mikro-orm|@apollo|pg|express)/', '\\.(entity|service|resolver|types|queries)\\.ts$'] },
    },
    {
      name: 'shared-knows-no-domain',
      severity: 'error',
      comment: 'api/src/shared is below every domain: it imports none of them (the logger is infrastructure).',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: ['^src/shared/', '^src/observability/log\\.ts$'] },
    },
    {
      name: 'community-knows-nothing-built-on-it',
      severity: 'error',
      comment: 'Every domain builds on community; community imports none of them.',
      from: { path: '^src/community/' },
      to: { path: `^src/${DOMAINS_ON_COMMUNITY}/` },
    },
    {
      name: 'proposals-know-no-decisions-or-reviews',
      severity: 'error',
      comment: 'Decisions and reviews act on proposals through ProposalService commands; proposals never reach back.',
      from: { path: '^src/proposals/' },
      to: { path: '^src/(decisions|reviews)/' },
    },
    {
      name: 'domains-do-not-reach-the-root',
      severity: 'error',
      comment: 'The composition root (services.ts, server.ts) wires domains; only resolvers and endpoints see the request context.',
      from: { path: '^src/[a-z-]+/', pathNot: ['\\.(resolver|routes|loader|checker|cookie)\\.ts$', '^src/(cli|seed|observability)/', '\\.test\\.ts$'] },
      to: { path: '^src/(services|context|server|schema|main|worker|websocket|settings(\\.types|\\.resolver)?)\\.ts$' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)(dist|build|\\.svelte-kit)/', 'node_modules/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'], extensions: ['.ts', '.js', '.svelte'] },
  },
};
