import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');

/**
 * A small repository in the house's shape, with one breach of each rule beside imports the rules
 * allow. Cruising it with the repository's own .dependency-cruiser.cjs shows the check fails on
 * each breach, and on nothing else, as `npm run lint:boundaries` would on the real tree.
 */
const FIXTURE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { 'src/*': ['src/*'], 'standin/*': ['standin/*'] } } }),
  'node_modules/@nestjs/common/package.json': JSON.stringify({ name: '@nestjs/common', main: 'index.js' }),
  'node_modules/@nestjs/common/index.js': 'exports.Injectable = () => undefined;',
  'standin/twenty.ts': 'export const standIn = true;',
  'src/common/net/address.util.ts': 'export const parse = (text: string) => text;',
  'src/common/auth/guard.ts': "import { keys } from 'src/security/keys.service';\nexport const guard = keys;",
  'src/config/app-config.ts': "import type { Key } from 'src/security/keys.service';\nexport type Config = { key: Key };",
  'src/security/key.entity.ts': 'export class KeyEntity {}',
  'src/security/key.repository.ts': "import { KeyEntity } from 'src/security/key.entity';\nexport const repository = new KeyEntity();",
  'src/security/keys.service.ts':
    "import { parse } from 'src/common/net/address.util';\nimport { repository } from 'src/security/key.repository';\nexport type Key = string;\nexport const keys = [parse('k'), repository];",
  'src/security/keys.types.ts': 'export type KeyScope = string;',
  'src/security/keys.resolver.ts': "import { keys } from 'src/security/keys.service';\nexport const resolver = keys;",
  'src/links/links.service.ts':
    "import { keys } from 'src/security/keys.service';\nimport type { KeyScope } from 'src/security/keys.types';\nimport { repository } from 'src/security/key.repository';\nimport { resolver } from 'src/security/keys.resolver';\nexport const links: unknown[] = [keys, repository, resolver, '' as KeyScope];",
  'src/links/short-code.util.ts': "import { Injectable } from '@nestjs/common';\nexport const shortCode = Injectable;",
  'src/links/template.entity.ts': "import { Variable } from 'src/links/variable.entity';\nexport class Template { variables: Variable[] = []; }",
  'src/links/variable.entity.ts': "import { Template } from 'src/links/template.entity';\nexport class Variable { template?: Template; }",
  'src/tracking/clicks.service.ts': "import { server } from 'src/server';\nexport const clicks = server;",
  'src/server.ts': "import { links } from 'src/links/links.service';\nexport const server = links;",
  'src/attribution/engine/model.ts': "import { links } from 'src/links/links.service';\nexport const model = links;",
  'src/privacy/erasure.service.ts': "import { retention } from 'src/privacy/retention.service';\nexport const erasure = () => retention;",
  'src/privacy/retention.service.ts': "import { erasure } from 'src/privacy/erasure.service';\nexport const retention = () => erasure;",
  'src/redirect/redirect.handler.ts': "import { standIn } from 'standin/twenty';\nexport const redirect = standIn;",
  'src/settings/settings.service.ts': "import { missing } from 'src/nowhere/missing';\nexport const settings = missing;",
};

describe('the boundary check (.dependency-cruiser.cjs)', () => {
  let directory: string;
  let run: { status: number | null; violations: string[] };

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'trackflow-boundaries-'));
    for (const [file, text] of Object.entries(FIXTURE)) {
      mkdirSync(dirname(join(directory, file)), { recursive: true });
      writeFileSync(join(directory, file), text);
    }
    const cli = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    // The arguments of `npm run lint:boundaries`; the err reporter prints `error rule: from → to` (a cycle goes on over the next lines).
    const result = spawnSync(process.execPath, [cli, 'src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'], { cwd: directory, encoding: 'utf8' });
    run = { status: result.status, violations: [...result.stdout.matchAll(/error ([\w-]+): (\S+) →\s+(\S+)/g)].map(([, rule, from, to]) => `${rule}: ${from} → ${to}`).sort() };
  }, 60_000);

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('fails', () => {
    expect(run.status).not.toBe(0);
  });

  it('names each wrong-way import, type-only ones included, and nothing the house plan allows', () => {
    expect(run.violations).toEqual(
      [
        'engine-imports-no-feature: src/attribution/engine/model.ts → src/links/links.service.ts',
        'feature-imports-no-composition-root: src/tracking/clicks.service.ts → src/server.ts',
        'feature-imports-public-surface: src/links/links.service.ts → src/security/key.repository.ts',
        'feature-imports-public-surface: src/links/links.service.ts → src/security/keys.resolver.ts',
        'no-circular: src/privacy/erasure.service.ts → src/privacy/retention.service.ts',
        'no-unresolvable: src/settings/settings.service.ts → src/nowhere/missing',
        'platform-imports-no-feature: src/common/auth/guard.ts → src/security/keys.service.ts',
        'platform-imports-no-feature: src/config/app-config.ts → src/security/keys.service.ts',
        'production-imports-no-dev-tools: src/redirect/redirect.handler.ts → standin/twenty.ts',
        'pure-cores-import-no-framework: src/links/short-code.util.ts → node_modules/@nestjs/common/index.js',
      ].sort(),
    );
  });
});
