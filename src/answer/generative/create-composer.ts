import type { Config } from '../../config/env.js';
import type { Logger } from '../../core/logger.js';
import { createChatModel } from '../../llm/providers.js';
import type { RetrievalStack } from '../../retrieval/stack.js';
import type { OutputGuard } from '../../safety/types.js';
import type { Answerer } from '../answerer.js';
import { articleTexts } from '../verify.js';
import { GenerativeComposer } from './composer.js';

/** The generative composer for the configured provider, or undefined for `LLM_PROVIDER=none`. */
export function createComposer(deps: {
  config: Config;
  answerer: Answerer;
  stack: RetrievalStack;
  guard: OutputGuard;
  logger: Logger;
}): GenerativeComposer | undefined {
  const model = createChatModel(deps.config);
  if (!model) return undefined;
  deps.logger.info('llm_enabled', { provider: model.provider });
  return new GenerativeComposer({
    answerer: deps.answerer,
    model,
    guard: deps.guard,
    texts: articleTexts(deps.stack.data.articles),
    logger: deps.logger,
  });
}
