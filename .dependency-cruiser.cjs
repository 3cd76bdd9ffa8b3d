// Import rules, checked by `npm run lint:deps` (the first step of `npm test`).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A circle of imports (type-only ones too) ties its modules into one knot: none can be understood, tested or moved alone. Shared types go to the bottom (src/core/codes.ts, src/core/lang.ts), texts to the translation tree (src/locales).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-tools',
      severity: 'error',
      comment: 'The extension and the core stand alone: nothing in src/ imports the command line, the benchmarks, the tests or the tools.',
      from: { path: '^src/' },
      to: { path: '^(scripts|bench|tests|tools|cli)/' },
    },
    {
      name: 'cli-not-to-tools',
      severity: 'error',
      comment:
        'The command line ships with the core and runs on its own: it may import src/, never the tools, the tests or the benchmarks (they may import cli/). What both need, such as the Chromium launcher, lives in cli/.',
      from: { path: '^cli/' },
      to: { path: '^(scripts|bench|tests|tools)/' },
    },
    {
      name: 'codes-at-the-bottom',
      severity: 'error',
      comment: 'src/core/codes.ts names codes for everyone (errors, report, warnings, formats, UI): it imports nothing, so it can never close a circle.',
      from: { path: '^src/core/codes\\.ts$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a circle of types is still a circle for the reader.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
