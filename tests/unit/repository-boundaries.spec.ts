import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
/** The repository's own files, as git sees them (tracked, or new and not ignored). */
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file !== '' && !file.endsWith('package-lock.json') && !file.startsWith('tests/fixtures/'))
  .filter((file) => /\.(ts|tsx|js|mjs|json|md|sh)$/.test(file) || file === '.ci/run');
const text = (file: string) => {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    return ''; // deleted in the working tree
  }
};

describe('the repository’s boundaries', () => {
  it('lists the files it checks', () => {
    expect(files.filter((file) => file.startsWith('src/')).length).toBeGreaterThan(100);
  });

  it('never imports test code from production code, the stand-in, benchmarks or migrations', () => {
    const production = files.filter((file) => /^(src|standin|bench|migrations|custom-objects|ui|ui-extension)\//.test(file) && !/\.spec\.tsx?$|\/test\//.test(file));
    const offenders = production.filter((file) => /from ['"](tests\/|(\.\.\/)+tests\/)|require\(['"](tests\/|(\.\.\/)+tests\/)/.test(text(file)));
    expect(offenders).toEqual([]);
  });

  it('points at nothing outside itself: no sibling folders, no machine paths', () => {
    const offenders = files.filter((file) => file !== 'tests/unit/repository-boundaries.spec.ts' && /\.\.\/shared\b|\/work\/(main|shared)\b/.test(text(file)));
    expect(offenders).toEqual([]);
  });

  it('tracks no symbolic link, which could lead anywhere on the machine that made it', () => {
    const links = execFileSync('git', ['ls-files', '--stage'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((entry) => entry.startsWith('120000 '));
    expect(links).toEqual([]);
  });

  it('builds no test code into production (tsconfig.build.json)', () => {
    const build = JSON.parse(text('tsconfig.build.json')) as { include: string[]; exclude: string[] };
    expect(build.include.some((entry) => entry.startsWith('tests'))).toBe(false);
    expect(build.exclude).toEqual(expect.arrayContaining(['tests', '**/*.spec.ts']));
  });
});
