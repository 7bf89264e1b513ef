// One SWC configuration for builds and tests: TypeScript with legacy decorators and
// decorator metadata (Nest's dependency injection reads parameter types at run time).
const path = require('node:path');
const tsconfig = require('../tsconfig.base.json');

const root = path.resolve(__dirname, '..');

function swcOptions({ rewritePaths }) {
  const jsc = {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
    keepClassNames: true,
  };
  if (rewritePaths) {
    // Alias imports (@crm/*) become relative paths in the output, so the built tree runs without a resolver hook.
    jsc.baseUrl = root;
    jsc.paths = tsconfig.compilerOptions.paths;
  }
  return { jsc, module: { type: 'commonjs' }, sourceMaps: true };
}

function jestModuleNameMapper() {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    mapper[`^${alias.replace('/', '\\/')}$`] = `<rootDir>/${target}`;
  }
  return mapper;
}

module.exports = { swcOptions, jestModuleNameMapper, root };
