/**
 * Dependency rules (`npm run lint`): no import cycles anywhere, and dependencies point inward:
 * channels → chat → answer / safety → retrieval → index → corpus → text / core. `src/core` (the contract and the
 * ports) imports nothing else of the project. Cross-cutting leaves (config, errors, paths, logger, http helpers,
 * embeddings, feedback, storage) may be used by the layers that need them, but never import an outer layer.
 */
const layer = (name, forbidden) => ({
  name: `${name}-points-inward`,
  comment: `src/${name} must not import ${forbidden.join(', ')}`,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: { path: `^src/(${forbidden.join('|')})(/|\\.ts$)` },
});
const OUTER = ['app', 'server', 'channels'];

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-imports-nothing',
      comment: 'src/core holds the contract and the ports: it imports nothing else of the project',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'text-imports-only-core',
      severity: 'error',
      from: { path: '^src/text/' },
      to: { path: '^src/', pathNot: '^src/(core|text)/' },
    },
    layer('corpus', [...OUTER, 'chat', 'answer', 'safety', 'retrieval', 'index']),
    layer('embeddings', [...OUTER, 'chat', 'answer', 'safety', 'retrieval', 'index', 'corpus']),
    layer('index', [...OUTER, 'chat', 'answer', 'safety', 'retrieval']),
    layer('retrieval', [...OUTER, 'chat', 'answer', 'safety']),
    layer('answer', [...OUTER, 'chat']),
    layer('safety', [...OUTER, 'chat']),
    layer('chat', OUTER),
    layer('channels', ['app', 'server']),
    layer('config', [...OUTER, 'chat', 'answer', 'safety', 'retrieval', 'index', 'corpus']),
    layer('http', [...OUTER, 'chat', 'answer', 'safety', 'retrieval', 'index', 'corpus']),
    layer('llm', [...OUTER, 'chat', 'answer', 'safety', 'retrieval', 'index', 'corpus']),
    {
      name: 'src-not-from-tests',
      comment: 'test doubles live under test/; src never imports them',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|evals|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
