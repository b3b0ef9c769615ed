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
});
