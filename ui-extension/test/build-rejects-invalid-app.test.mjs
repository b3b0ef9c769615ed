// The SDK's build is the CI check of the app and of custom-objects/: these prove it refuses a broken
// copy of this very app, each for the reason given (a failure for another reason does not pass).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const appPath = join(dirname(fileURLToPath(import.meta.url)), '..');
const customObjectsPath = join(appPath, '..', 'custom-objects');
const sharedScreensPath = join(appPath, '..', 'ui', 'src');
// The screens' CSV downloads quote with the server's own writer (ui/src/csv.ts).
const sharedCsvWriterPath = join(appPath, '..', 'src', 'common', 'csv');
const copies = [];

/** The app, custom-objects/, the shared screens (ui/src) and the server code they import, laid out as in the repository, sharing the app's node_modules. */
async function copyOfApp() {
  const root = await mkdtemp(join(tmpdir(), 'trackflow-app-'));
  copies.push(root);
  const app = join(root, 'ui-extension');
  await cp(customObjectsPath, join(root, 'custom-objects'), { recursive: true, filter: (source) => !source.endsWith('.spec.ts') });
  for (const entry of ['src', 'scripts', 'package.json', 'tsconfig.json']) {
    await cp(join(appPath, entry), join(app, entry), { recursive: true, filter: (source) => !source.includes(join('src', 'generated')) });
  }
  await cp(sharedScreensPath, join(root, 'ui', 'src'), { recursive: true, filter: (source) => !source.endsWith('.spec.ts') });
  await cp(sharedCsvWriterPath, join(root, 'src', 'common', 'csv'), { recursive: true, filter: (source) => !source.endsWith('.spec.ts') });
  await symlink(join(appPath, 'node_modules'), join(app, 'node_modules'), 'dir');
  // The screens import React from where they sit, as they do from the repository's own node_modules.
  await symlink(join(appPath, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { root, app };
}

async function edit(file, from, to) {
  const text = await readFile(file, 'utf8');
  assert.ok(text.includes(from), `${file} no longer contains ${from}: update this test`);
  await writeFile(file, text.replace(from, to));
}

/** npm run build in the copy: the same command CI runs on the real app. */
function build(app) {
  return new Promise((resolve) => {
    execFile('npm', ['run', 'build', '--silent'], { cwd: app, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}

after(async () => {
  await Promise.all(copies.map((root) => rm(root, { recursive: true, force: true })));
});

// Each build takes tens of seconds; they run side by side.
describe('twenty dev:build', { concurrency: true }, () => {
  test('rejects the app without a default role', async () => {
    const { app } = await copyOfApp();
    await rm(join(app, 'src', 'roles', 'trackflow.role.ts'));
    const { code, output } = await build(app);
    assert.notEqual(code, 0, output);
    assert.match(output, /Application must declare a default role/);
  });

  test('rejects a universal identifier in custom-objects/ that is not a version 4 UUID', async () => {
    const { root } = await copyOfApp();
    await edit(join(root, 'custom-objects', 'trackflow-data-model.ts'), 'b2e4d3c1-8f7a-4d6b-8e9f-', 'b2e4d3c1-8f7a-1d6b-8e9f-');
    const { code, output } = await build(join(root, 'ui-extension'));
    assert.notEqual(code, 0, output);
    assert.match(output, /Universal identifier "b2e4d3c1-8f7a-1d6b-8e9f-\d{12}" is UUID version 1/);
  });
});
