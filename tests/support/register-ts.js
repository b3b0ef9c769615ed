/* Lets a child process run the TypeScript sources directly, as jest does, for tests that kill it. */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const root = path.resolve(__dirname, '..', '..');
require('tsconfig-paths').register({ baseUrl: root, paths: { 'src/*': ['src/*'], 'tests/*': ['tests/*'], 'migrations/*': ['migrations/*'], 'custom-objects/*': ['custom-objects/*'], 'standin/*': ['standin/*'] } });
require.extensions['.ts'] = (module, filename) => {
  const output = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true },
  });
  module._compile(output.outputText, filename);
};
