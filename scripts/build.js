// @ts-check
/**
 * `npm run build` always builds; `--if-stale` (npm start, the trackflow command, the benchmarks)
 * builds only when a source or the build's configuration changed since the last successful build,
 * so starting TrackFlow costs a file walk instead of a type check of the whole project.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
// Written last, so a build that fails (the tracker over its size budget included) is tried again next time.
const STAMP = join(root, 'dist', '.build-stamp');
// What tsconfig.build.json compiles and what decides how; directories count too, as a deleted or renamed file only changes its directory.
const INPUTS = ['src', 'migrations', 'bench', 'custom-objects', 'standin', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts'];

/** @param {string} path @returns {number} */
function newestChange(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), stat.mtimeMs);
}

/** Why a build is due, or null when the last one is up to date. */
function staleness() {
  const built = statSync(STAMP, { throwIfNoEntry: false });
  if (!built) return 'no complete build yet; building (about 20 s)';
  const changed = INPUTS.find((input) => newestChange(join(root, input)) > built.mtimeMs);
  return changed === undefined ? null : `${changed} changed since the last build; building (incremental)`;
}

/** @param {string} pkg @param {string} name */
function binOf(pkg, name) {
  const manifest = require.resolve(`${pkg}/package.json`, { paths: [root] });
  return join(dirname(manifest), require(manifest).bin[name]);
}

/**
 * @param {(number | 'inherit')} output where the steps' standard output goes: the command that
 * asked for the build may own stdout (`trackflow --help | less`), so it gets stderr instead
 */
function build(output) {
  const startedAt = new Date();
  const steps = [
    [binOf('typescript', 'tsc'), '-p', 'tsconfig.build.json'],
    [binOf('tsc-alias', 'tsc-alias'), '-p', 'tsconfig.build.json'],
    [join(root, 'dist/src/tracking/tracker/tracker-size.js')],
  ];
  for (const args of steps) {
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', output, 'inherit'] });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, '');
  // A source saved while the build ran is newer than this, so the next start builds it.
  utimesSync(STAMP, startedAt, startedAt);
}

function buildIfStale() {
  const reason = staleness();
  if (reason === null) return;
  process.stderr.write(`TrackFlow: ${reason}\n`);
  build(2);
}

module.exports = { buildIfStale };

if (require.main === module) {
  if (process.argv.includes('--if-stale')) buildIfStale();
  else build('inherit');
}
