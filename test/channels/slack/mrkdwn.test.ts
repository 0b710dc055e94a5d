import { describe, expect, it } from 'vitest';
import {
  markdownToMrkdwn,
  mentionsSomeoneElse,
  slackTextToPlain,
  splitText,
} from '../../../src/channels/slack/mrkdwn.js';

describe('markdownToMrkdwn', () => {
  it('converts emphasis, links, headings and bullets, and keeps [n] markers', () => {
    const md =
      '## Risks\n\n**Dissociation** is *common* [1]. See [the study](https://example.org/a?b=1&c=2).\n- one [2]\n* two\n\n_General information, not medical advice._';
    expect(markdownToMrkdwn(md)).toBe(
      '*Risks*\n\n*Dissociation* is _common_ [1]. See <https://example.org/a?b=1&amp;c=2|the study>.\n• one [2]\n• two\n\n_General information, not medical advice._',
    );
  });

  it('escapes control characters so text cannot ping @channel or forge links, even inside code', () => {
    expect(markdownToMrkdwn('<!channel> a < b & c > d `x<y>`')).toBe(
      '&lt;!channel&gt; a &lt; b &amp; c &gt; d `x&lt;y&gt;`',
    );
  });

  it('leaves ~~strike~~ as Slack strike and does not treat a lone asterisk as emphasis', () => {
    expect(markdownToMrkdwn('~~old~~ 5 * 3 = 15')).toBe('~old~ 5 * 3 = 15');
  });
});

describe('slackTextToPlain', () => {
  it('strips the bot mention, keeps labelled mentions and channel names, unwraps links, decodes entities', () => {
    expect(
      slackTextToPlain(
        '<@UBOT> ask <@U2|sam> in <#C1|general> about <https://x.org|this> &amp; <!here> &lt;dose&gt;',
        'UBOT',
      ),
    ).toBe('ask @sam in #general about this & <dose>');
    expect(slackTextToPlain('<@UBOT|ketamine-bot>   is it   safe?', 'UBOT')).toBe('is it safe?');
  });

  it('tells thread replies aimed at a colleague apart from ones aimed at the bot', () => {
    expect(mentionsSomeoneElse('<@U2> can you check?', 'UBOT')).toBe(true);
    expect(mentionsSomeoneElse('<@UBOT> and side effects?', 'UBOT')).toBe(false);
    expect(mentionsSomeoneElse('and side effects?', 'UBOT')).toBe(false);
  });
});

describe('splitText', () => {
  it('keeps short text whole and splits long text at paragraph or sentence boundaries within the limit', () => {
    expect(splitText('short', 100)).toEqual(['short']);
    const sentence = 'Ketamine is studied for depression. ';
    const pieces = splitText(sentence.repeat(30).trim(), 200);
    expect(pieces.every((p) => p.length <= 200)).toBe(true);
    expect(pieces.every((p) => p.endsWith('.'))).toBe(true);
    expect(pieces.join(' ')).toBe(sentence.repeat(30).trim());
  });

  it('hard-cuts a single word longer than the limit', () => {
    const pieces = splitText('x'.repeat(450), 200);
    expect(pieces.map((p) => p.length)).toEqual([200, 200, 50]);
  });
});
