import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { BuiltScript, builtScript } from 'src/common/http/built-script';

const ENTRY = join('dashboard', 'main.tsx');

/** ui/ sits at the repository root: two levels above this file under ts-jest, three from dist/src/dashboard. */
function uiDirectory(): string {
  const candidates = [resolve(__dirname, '..', '..', 'ui'), resolve(__dirname, '..', '..', '..', 'ui')];
  const found = candidates.find((directory) => existsSync(join(directory, ENTRY)));
  if (!found) throw new Error(`dashboard sources (ui/${ENTRY}) not found in ${candidates.join(' or ')}`);
  return found;
}

/** Bundles the dashboard (React and the shared screens) into one minified script, once at start. */
export async function buildDashboardBundle(): Promise<BuiltScript> {
  const directory = uiDirectory();
  const result = await build({
    entryPoints: [join(directory, ENTRY)],
    absWorkingDir: directory,
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return builtScript(result.outputFiles[0].text);
}
