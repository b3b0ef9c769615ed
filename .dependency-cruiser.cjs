/**
 * The house plan of docs/ARCHITECTURE.md as import rules. `npm run lint:boundaries` (part of
 * `npm test`) fails on any breach; tests/unit/dependency-rules.spec.ts proves each rule bites.
 *
 * Layers: the platform (`src/common`, `src/config`); the features (every other folder of `src`);
 * the composition root (`src/app.module.ts`, `src/server.ts`, `src/main.ts`, `src/cli`), which
 * may import anything.
 */
const PLATFORM = '^src/(common|config)/';
const COMPOSITION_ROOT = '^src/((app\\.module|server|main)\\.ts$|cli/)';
/**
 * What a feature offers the others: its module, services, jobs (enqueued by class), DTOs, types,
 * pure helpers, record-to-DTO mappers and the domain events it publishes. Its entities, repositories, SQL, resolvers, controllers
 * and handlers stay inside: each table has one owner, each entry point one feature.
 */
const PUBLIC_SURFACE = '\\.(module|service|job|dto|types|util|mappers|events)\\.ts$';
const FRAMEWORKS_AND_STORES = '^node_modules/(@nestjs/|typeorm/|ioredis/|bull/|pg/|pg-copy-streams/)';

module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-feature',
      comment: 'src/common and src/config serve every feature, so they import none: a feature offers what the platform needs through an abstract class the platform declares (ApiKeyAuthorizer, HealthDetail).',
      severity: 'error',
      from: { path: PLATFORM },
      to: { path: '^src/', pathNot: PLATFORM, couldNotResolve: false },
    },
    {
      name: 'feature-imports-no-composition-root',
      comment: 'The app module, the server, main and the CLI put the features together; a feature importing them would import every other feature.',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: COMPOSITION_ROOT },
      to: { path: COMPOSITION_ROOT },
    },
    {
      name: 'feature-imports-public-surface',
      comment: "A feature reaches another one only through its module's public surface (PUBLIC_SURFACE above).",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: [PLATFORM, COMPOSITION_ROOT] },
      to: {
        path: '^src/[^/]+/',
        couldNotResolve: false,
        // The credited click is one SQL definition shared by the rollups and conversions (so the two agree); issue 16 part 1 gives its tables one owner.
        // So is which clicks belong to a session (tracking's rule, read by ad spend, rollups and touchpoints alike).
        pathNot: ['^src/$1/', PLATFORM, PUBLIC_SURFACE, '^src/analytics/credits/last-click\\.sql\\.ts$', '^src/tracking/sessions/session-clicks\\.sql\\.ts$'],
      },
    },
    {
      name: 'pure-cores-import-no-framework',
      comment: 'The attribution engine and pure helpers (*.util.ts) import no NestJS, TypeORM, Redis or PostgreSQL; the database and queue helpers of the platform are the exception, being about those stores.',
      severity: 'error',
      from: { path: '^src/(attribution/engine/|.+\\.util\\.ts$)', pathNot: '^src/common/(database|queue)/' },
      to: { path: FRAMEWORKS_AND_STORES },
    },
    {
      name: 'engine-imports-no-feature',
      comment: 'The attribution engine is pure maths: besides itself it uses the platform only.',
      severity: 'error',
      from: { path: '^src/attribution/engine/' },
      to: { path: '^src/', pathNot: ['^src/attribution/engine/', PLATFORM] },
    },
    {
      name: 'production-imports-no-dev-tools',
      comment: 'The Twenty stand-in, benchmarks and tests are development tools; only the demo command drives the stand-in.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/demo/' },
      to: { path: '^(standin|bench|tests)/' },
    },
    {
      name: 'no-circular',
      comment: "Entities are exempt as a starting point: TypeORM relations name each other both ways (LinkTemplate ↔ TemplateVariable, DomainConfiguration ↔ DomainHeaderConfiguration).",
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.entity\\.ts$' },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import the cruiser cannot resolve is one no rule can judge (a broken path alias would silently pass everything).',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from a feature ties the platform to it as much as a value does.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
