import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { minify } from 'terser';
import ts from 'typescript';
import { BuiltScript, builtScript } from 'src/common/http/built-script';

export const TRACKER_GZIP_BUDGET_BYTES = 2048;
const SOURCES = ['tracker-core.ts', 'trackflow.browser.ts'];

/** The TypeScript sources ship with the server: next to this file under ts-jest, under src/ when running from dist/. */
function sourceDirectory(): string {
  const candidates = [__dirname, resolve(__dirname, '..', '..', '..', '..', 'src', 'tracking', 'tracker')];
  const found = candidates.find((directory) => existsSync(join(directory, SOURCES[1])));
  if (!found) throw new Error(`tracker sources not found in ${candidates.join(' or ')}`);
  return found;
}

/**
 * Builds trackflow.js: the core and the browser glue concatenated into one closure (their
 * imports and exports removed, so no module loader is needed), compiled to ES2020 (optional chaining stays native, which every browser since 2020 runs), minified.
 */
export async function buildTrackerScript(): Promise<BuiltScript> {
  const directory = sourceDirectory();
  const body = SOURCES.map((file) =>
    readFileSync(join(directory, file), 'utf8')
      .replace(/^import [^;]+;$/gm, '')
      .replace(/^export /gm, ''),
  ).join('\n');
  const compiled = ts.transpileModule(`(function () {\n${body}\n})();`, { compilerOptions: { target: ts.ScriptTarget.ES2020, removeComments: true } }).outputText;
  const minified = await minify(compiled, { ecma: 2020, compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true }, mangle: true, format: { comments: false } });
  if (!minified.code) throw new Error('terser produced no code for trackflow.js');
  return builtScript(minified.code);
}
