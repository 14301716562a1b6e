/**
 * Lets a child process started by a test run the TypeScript sources as they are (no build first):
 * `node -r ./test/support/ts-register.js apps/worker/src/main.ts`. Each file is transpiled on its
 * own with the project's compiler options (the project is isolatedModules-clean), as ts-jest does.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '../..');
const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
const compilerOptions = {
  ...options,
  sourceMap: false,
  inlineSourceMap: true,
  incremental: false,
  module: ts.ModuleKind.CommonJS,
};

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

// The libs' path aliases (tsconfig.json "paths"), as Jest's moduleNameMapper and tsc-alias resolve them.
const Module = require('node:module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@hocba\/([^/]+)$/.exec(request);
  return Reflect.apply(resolveFilename, this, [
    alias ? path.join(root, 'libs', alias[1], 'src') : request,
    ...rest,
  ]);
};
