import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const root = join(__dirname, '..', '..');
const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && existsSync(join(root, file)));

type Statement = { file: string; line: number; sql: string };

/** Every string or template literal of production code that reads or writes a trackflow table. */
const statements: Statement[] = sources.flatMap((file) => {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Statement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const sql = node.getText();
      if (/\btrackflow\.[a-z_]+/.test(sql) && /\b(SELECT|INSERT|UPDATE|DELETE|COPY)\b/.test(sql)) found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, sql });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
});

/** SQL lives in repositories and in the fragments they share (`*.sql.ts`, the rollups' definitions and builder). */
const SQL_HOMES = [/\.repository\.ts$/, /\.sql\.ts$/, /^src\/analytics\/rollups\/rollup-(sql|sources)\.ts$/];

/** Privacy removes a person's data from every table in one transaction, and retention ages it out: the one feature that writes what others own. */
const WRITES_EVERYWHERE = 'privacy';
/** Writes outside the owning feature, each for a reason the layering gives. */
const SHARED_WRITES: { table: string; file: string; why: string }[] = [
  { table: 'trackflow_settings', file: 'src/common/workspace/workspace.repository.ts', why: 'a workspace is created with its settings row in one transaction, and the platform may not call the settings feature' },
];

const featureOf = (file: string) => file.split('/')[1];

/**
 * Statements that name no workspace, each for a reason; anything else touching a table that
 * holds customer data says `workspace_id` (every table but trackflow.workspace has one).
 */
const UNSCOPED: { file: string; names: string; why: string }[] = [
  { file: 'src/crm/twenty/twenty-connection.repository.ts', names: 'WHERE webhook_id = $1', why: 'a delivery names its webhook, not the workspace: this lookup is how the workspace is found' },
  { file: 'src/links/tracked-link.repository.ts', names: 'AND short_code = $2', why: 'short codes are unique per domain, and the shared domain serves every workspace' },
  { file: 'src/redirect/redirect-link.repository.ts', names: 'FROM trackflow.domain_configuration WHERE', why: 'the redirect knows a host or a domain id before it knows the workspace' },
  { file: 'src/security/api-keys/api-key.repository.ts', names: 'WHERE api_key_id = $1', why: 'a key is checked before its workspace is known' },
  { file: 'src/security/api-keys/api-key.repository.ts', names: 'UPDATE trackflow.api_key SET usage_count', why: 'usage counted by the key that was just authenticated' },
  { file: 'src/security/webhooks/webhook-subscriptions.repository.ts', names: 'UPDATE trackflow.webhook_delivery SET attempts', why: 'the delivery job records its own attempt, by the id of a row it read with its workspace' },
  { file: 'src/tracking/clicks/click-persistence.repository.ts', names: 'FROM jsonb_to_recordset', why: 'rows just written by this batch, addressed by their primary keys' },
  { file: 'src/tracking/events/event-persistence.repository.ts', names: 'CREATE TEMP TABLE', why: 'a staging table shaped like visitor_event, not a read' },
  { file: 'src/privacy/privacy.repository.ts', names: 'WHERE id IN (${conversions})', why: 'the ids come from a subquery scoped to the workspace' },
  { file: 'src/analytics/rollups/rollups.repository.ts', names: 'rollup', why: 'the workspace condition is part of the period fragment interpolated into the statement' },
  { file: 'src/analytics/rollups/rollup-sources.ts', names: "clicksOfSession('c', 'r')", why: 'a lateral join inside a statement scoped to the workspace' },
  { file: 'src/attribution/touchpoints.repository.ts', names: "clicksOfSession('c', 's')", why: 'a subquery inside a statement scoped to the workspace' },
  { file: 'src/privacy/retention/event-partitions.repository.ts', names: 'pg_stat_user_tables', why: "the server's write statistics of whole partitions, which every workspace shares; no row is read" },
];

describe('who writes which table', () => {
  it('finds the SQL it checks', () => {
    expect(statements.length).toBeGreaterThan(150);
  });

  it('keeps SQL in repositories and the fragments they share', () => {
    expect(statements.filter(({ file }) => !SQL_HOMES.some((home) => home.test(file))).map(({ file, line }) => `${file}:${line}`)).toEqual([]);
  });

  it('gives every table one feature that writes it', () => {
    const writers = new Map<string, Set<string>>();
    for (const { file, sql } of statements) {
      if (featureOf(file) === WRITES_EVERYWHERE) continue;
      for (const [, table] of sql.matchAll(/\b(?:INSERT INTO|UPDATE|DELETE FROM|COPY)\s+trackflow\.([a-z_]+)/g)) {
        if (SHARED_WRITES.some((shared) => shared.table === table && shared.file === file)) continue;
        writers.set(table, new Set([...(writers.get(table) ?? []), featureOf(file)]));
      }
    }
    const shared = [...writers].filter(([, features]) => features.size > 1).map(([table, features]) => `${table}: ${[...features].sort().join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('scopes every statement on customer data by workspace', () => {
    const unscoped = statements.filter(({ file, sql }) => {
      const tables = [...sql.matchAll(/\btrackflow\.([a-z_]+)/g)].map(([, table]) => table).filter((table) => table !== 'workspace');
      return tables.length > 0 && !sql.includes('workspace_id') && !UNSCOPED.some((exempt) => exempt.file === file && sql.includes(exempt.names));
    });
    expect(unscoped.map(({ file, line }) => `${file}:${line}`)).toEqual([]);
  });
});
