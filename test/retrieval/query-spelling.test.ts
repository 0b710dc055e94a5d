import { beforeAll, describe, expect, it } from 'vitest';
import { createBot, type LoadedBot } from '../../src/chat/create-bot.js';
import { newConversation } from '../../src/core/conversation.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { modelWords, QuerySpelling } from '../../src/retrieval/query-spelling.js';
import { cachedUseLiteModel } from '../helpers/cached-use-lite.js';

const TEXTS = [
  'Ketamine infusion side effects are usually mild. Spravato is an esketamine nasal spray.',
  'Most patients need several infusions over a few weeks; a provider such as Dr Medina monitors them.',
  'The articles describe depression and anxiety.',
];
const spelling = new QuerySpelling(TEXTS, ['spravato', 'the drip'], modelWords());

describe('QuerySpelling', () => {
  it('corrects misspelt and misheard words towards the corpus, keeping case and everything else', () => {
    expect(spelling.correct('ketamin infusoin side efects')).toBe('ketamine infusion side effects');
    expect(spelling.correct('is spravado safe?')).toBe('is spravato safe?');
    expect(spelling.correct('Spravado vs esketamin')).toBe('Spravato vs esketamine');
    expect(spelling.correct('WHAT IS KETAMIN')).toBe('WHAT IS KETAMINE');
  });

  it('leaves real words, names, numbers, short words and contractions as typed', () => {
    const untouched = [
      'how do the articles describe it', // "articles": the model reads article + s
      'does Dr Mildy take Aetna', // a capitalised name inside a sentence ("mild" is no name in the corpus)
      'is 50mg or 2024 ok',
      'ket vs k',
      'dont whats isnt',
      'can i use the nasal spray while pregnant',
    ];
    for (const q of untouched) expect(spelling.correct(q)).toBe(q);
  });

  it('reads the model’s whole-word pieces from the installed USE-lite vocabulary', () => {
    const words = modelWords();
    expect(words.has('spray')).toBe(true);
    expect(words.has('ketamine')).toBe(false);
  });
});

describe('a typo’d turn still embeds once', () => {
  const embedded: string[] = [];
  let bot: LoadedBot;
  beforeAll(async () => {
    const inner = cachedUseLiteModel('real-bot');
    // Counts what reaches the model (the query cache in front of it answers repeats without a call).
    const counting = {
      embed: (texts: string[]) => {
        embedded.push(...texts);
        return inner.embed(texts);
      },
    };
    bot = await createBot({ embeddings: new UseLiteEmbeddings({ model: counting }) });
  });

  it('embeds the corrected text, which the policy and retrieval share', async () => {
    // First turn: the policy's and the sources check's own exemplars are embedded once, lazily.
    await bot.handleTurn({ message: 'What is ketamine?', channel: 'eval' }, newConversation());
    embedded.length = 0;
    const reply = await bot.handleTurn(
      { message: 'is spravado safe for depresion', channel: 'eval' },
      newConversation(),
    );
    expect(embedded).toEqual(['is spravato safe for depression']);
    expect(reply.meta.resolvedQuery).toBe('is spravado safe for depresion');
  });
});
