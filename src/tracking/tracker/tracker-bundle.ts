import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { minify } from 'terser';
import ts from 'typescript';
import { BuiltScript, builtScript } from 'src/common/http/built-script';

export const TRACKER_GZIP_BUDGET_BYTES = 2048;
export const CONSENT_BANNER_GZIP_BUDGET_BYTES = 1024;
const CORE = 'tracker-core.ts';
const TRACKER = 'trackflow.browser.ts';
const CONSENT_BANNER = 'consent-banner.browser.ts';

/** The TypeScript sources ship with the server: next to this file under ts-jest, under src/ when running from dist/. */
function sourceDirectory(): string {
  const candidates = [__dirname, resolve(__dirname, '..', '..', '..', '..', 'src', 'tracking', 'tracker')];
  const found = candidates.find((directory) => existsSync(join(directory, TRACKER)));
  if (!found) throw new Error(`tracker sources not found in ${candidates.join(' or ')}`);
  return found;
}

/** trackflow.js, the tracker every page loads. */
export const buildTrackerScript = () => buildBrowserScript([CORE, TRACKER]);

/** trackflow-consent.js, the banner loaded only by sites that ask for it; what it leaves unused of the core is minified away. */
export const buildConsentBannerScript = () => buildBrowserScript([CORE, CONSENT_BANNER]);

/**
 * The core and a browser file concatenated into one closure (their imports and exports removed,
 * so no module loader is needed), compiled to ES2020 (optional chaining stays native, which every
 * browser since 2020 runs), minified.
 */
async function buildBrowserScript(sources: string[]): Promise<BuiltScript> {
  const directory = sourceDirectory();
  const body = sources.map((file) =>
    readFileSync(join(directory, file), 'utf8')
      .replace(/^import [^;]+;$/gm, '')
      .replace(/^export /gm, ''),
  ).join('\n');
  const compiled = ts.transpileModule(`(function () {\n${body}\n})();`, { compilerOptions: { target: ts.ScriptTarget.ES2020, removeComments: true } }).outputText;
  const minified = await minify(compiled, { ecma: 2020, compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true }, mangle: true, format: { comments: false } });
  if (!minified.code) throw new Error(`terser produced no code for ${sources.join(' + ')}`);
  return builtScript(minified.code);
}
