/** The disclaimer under the input, on the page and in the widget. */
export const DISCLAIMER =
  'General information from published articles — not medical advice; in a crisis call or text 988.';

/** Options for {@link chatPage}. */
export interface ChatPageOptions {
  /** Inside the `/widget.js` panel: no page header (the panel has its own). */
  embed: boolean;
}

/**
 * The chat page: Web Chat (served from our own node_modules, never a CDN) connected to the local bridge by
 * `chat.js`. Asset URLs are relative so the app also works behind a path prefix.
 */
export function chatPage({ embed }: ChatPageOptions): string {
  const newButton = '<button type="button" id="chat-new" class="chat-new">New conversation</button>';
  const header = embed
    ? `<div class="chat-toolbar"><h1 id="chat-title" class="visually-hidden">Ask about ketamine therapy</h1>
      <p id="chat-greeting" class="chat-greeting" hidden></p>${newButton}</div>`
    : `<header class="chat-header">
      <div class="chat-header-row"><h1 id="chat-title">Ask about ketamine therapy</h1>${newButton}</div>
      <p>Answers come only from five published articles, each sentence with its source (<a href="articles/">read the articles</a>). No dosing or personal medical advice.</p>
      <p id="chat-greeting" class="chat-greeting" hidden></p>
    </header>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Ask about ketamine therapy</title>
  <link rel="stylesheet" href="webchat/chat.css">
</head>
<body class="${embed ? 'is-embed' : 'is-page'}">
  <main class="chat-shell" aria-labelledby="chat-title">
    ${header}
    <div id="chat-banner" class="chat-banner" role="alert" hidden>
      <span id="chat-banner-text"></span>
      <button type="button" id="chat-banner-retry">Retry now</button>
    </div>
    <section id="webchat" class="chat-webchat" aria-label="Chat with the ketamine therapy FAQ bot"></section>
    <form id="chat-feedback" class="chat-feedback" hidden>
      <label id="chat-feedback-label" for="chat-feedback-comment"></label>
      <textarea id="chat-feedback-comment" rows="2" maxlength="2000"></textarea>
      <div class="chat-feedback-buttons">
        <button type="submit" id="chat-feedback-send">Send comment</button>
        <button type="button" id="chat-feedback-skip">No thanks</button>
      </div>
    </form>
    <p id="chat-status" class="chat-status" role="status" aria-live="polite"></p>
    <p id="chat-disclaimer" class="chat-disclaimer">${DISCLAIMER}</p>
  </main>
  <script src="webchat/webchat.js" defer></script>
  <script src="webchat/bridge-parts.js" defer></script>
  <script src="webchat/bridge-client.js" defer></script>
  <script src="webchat/chat.js" defer></script>
</body>
</html>
`;
}
