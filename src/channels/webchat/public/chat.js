/*
 * The chat page: renders Bot Framework Web Chat over window.KfbBridge (bridge-client.js) and adds what Web Chat
 * lacks: an offline banner, a feedback acknowledgement with an optional comment on thumbs-down, a "New
 * conversation" button, the widget's greeting, Escape-to-close inside the widget's iframe, and card buttons that
 * open tel:/sms: numbers and the article pages.
 */
(function () {
  var params = new URLSearchParams(window.location.search);
  var embedded = params.get('embed') === '1' && window.parent !== window;
  var $ = function (id) {
    return document.getElementById(id);
  };
  var statusLine = $('chat-status');
  var banner = $('chat-banner');
  var bannerText = $('chat-banner-text');
  var FEEDBACK_EVENT = 'webchat:activity-status/feedback';
  // How long the "thanks" note stays: long enough to read (about 8 words), short enough not to linger.
  var THANKS_MS = 4000;

  function setStatus(text) {
    statusLine.textContent = text;
  }

  function showBanner(state) {
    if (state.state === 'online') {
      banner.hidden = true;
      setStatus('');
      return;
    }
    if (state.state === 'replaced') {
      setStatus(
        'The server was restarted, so this is a new conversation. Earlier messages stay visible, but the bot no longer remembers them.',
      );
      return;
    }
    var seconds = state.retryInMs ? Math.max(1, Math.round(state.retryInMs / 1000)) : 0;
    var text =
      state.state === 'starting' ? 'The chat is starting up.' : 'You are offline: the chat server cannot be reached.';
    text += seconds ? ' Trying again in ' + seconds + ' s.' : ' Reconnecting automatically.';
    if (state.queued)
      text +=
        ' ' +
        state.queued +
        ' message' +
        (state.queued === 1 ? '' : 's') +
        ' will be sent when the connection is back.';
    bannerText.textContent = text;
    banner.hidden = false;
  }

  /**
   * Article links arrive document-relative (`articles/<id>#unit-3`, right behind any path prefix); Web Chat treats a
   * link without a scheme as a citation reference and renders a dead button, so make them absolute here.
   */
  var ARTICLE_LINK = /\]\((articles\/[a-z0-9-]+#unit-\d+)/g;
  function absoluteLinks(text) {
    return typeof text === 'string'
      ? text.replace(ARTICLE_LINK, function (_m, path) {
          return '](' + new URL(path, document.baseURI).toString();
        })
      : text;
  }
  function transform(activity) {
    if (activity.text) activity.text = absoluteLinks(activity.text);
    (activity.attachments || []).forEach(function (a) {
      var body = a?.content?.body;
      if (Array.isArray(body))
        body.forEach(function (block) {
          if (block && block.type === 'TextBlock') block.text = absoluteLinks(block.text);
        });
    });
    return activity;
  }

  var replacedNotice = false;
  var bridge = window.KfbBridge.create({
    onState: function (state) {
      // Once said, the "new conversation" notice stays until the next outage: it explains the gap in memory.
      if (state.state === 'replaced') replacedNotice = true;
      else if (state.state !== 'online') replacedNotice = false;
      if (state.state === 'online' && replacedNotice) {
        banner.hidden = true;
        return;
      }
      showBanner(state);
    },
    transform: transform,
  });
  $('chat-banner-retry').addEventListener('click', function () {
    bridge.reconnect();
  });

  // --- "New conversation": forget the stored session and start over.
  $('chat-new').addEventListener('click', function () {
    bridge.forget();
    bridge.end();
    window.location.reload();
  });

  // --- The widget's greeting (a data- attribute or init option on the host page), shown above the transcript.
  var greeting = params.get('greeting');
  if (greeting) {
    $('chat-greeting').textContent = greeting.slice(0, 300);
    $('chat-greeting').hidden = false;
  }

  // --- Escape inside the iframe closes the widget's panel (the host page cannot see keys pressed in here).
  var hostOrigin = (function () {
    try {
      return new URL(params.get('host') || document.referrer).origin;
    } catch (_e) {
      return null;
    }
  })();
  if (embedded && hostOrigin && hostOrigin !== 'null') {
    window.addEventListener(
      'keydown',
      function (event) {
        if (event.key === 'Escape') window.parent.postMessage({ type: 'kfb-widget:close' }, hostOrigin);
      },
      true,
    );
  }

  // --- Feedback: acknowledge every vote; on thumbs-down offer an optional comment, sent as a second vote.
  var form = $('chat-feedback');
  var comment = $('chat-feedback-comment');
  var feedbackLabel = $('chat-feedback-label');
  var pending = null;
  var thanksTimer = null;
  function thank(text) {
    form.hidden = false;
    form.classList.add('is-thanks');
    feedbackLabel.textContent = text;
    clearTimeout(thanksTimer);
    thanksTimer = setTimeout(function () {
      form.hidden = true;
    }, THANKS_MS);
  }
  function onVote(activity) {
    var action = (activity.entities || [])[0];
    if (!action) return;
    pending = { name: activity.name, entities: activity.entities };
    clearTimeout(thanksTimer);
    if (action['@type'] === 'DislikeAction') {
      form.hidden = false;
      form.classList.remove('is-thanks');
      feedbackLabel.textContent = 'Thanks for telling us. What was wrong or missing? (optional)';
      comment.value = '';
      comment.focus();
    } else {
      thank('Thanks for your feedback!');
    }
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = comment.value.trim();
    if (!pending || !text) {
      form.hidden = true;
      return;
    }
    bridge
      .postEvent({
        type: 'event',
        name: pending.name,
        entities: pending.entities,
        value: { comment: text.slice(0, 2000) },
      })
      .then(
        function () {
          thank('Thanks, your comment was sent.');
        },
        function (e) {
          setStatus('Your comment could not be sent: ' + e.message);
        },
      );
  });
  $('chat-feedback-skip').addEventListener('click', function () {
    form.hidden = true;
  });

  var directLine = Object.assign({}, bridge, {
    postActivity: function (activity) {
      if (activity && activity.type === 'event' && activity.name === FEEDBACK_EVENT) onVote(activity);
      return bridge.postActivity(activity);
    },
  });

  /** tel:/sms: (Web Chat refuses sms:) and the article pages (relative URLs, which Web Chat cannot judge). */
  function cardActionMiddleware() {
    return function (next) {
      return function (...args) {
        var cardAction = args[0].cardAction;
        var value = cardAction && typeof cardAction.value === 'string' ? cardAction.value : '';
        if (cardAction.type === 'openUrl' && /^(tel|sms):/i.test(value)) {
          window.open(value, '_blank', 'noopener');
          return;
        }
        if (cardAction.type === 'openUrl' && value && !/^[a-z][a-z0-9+.-]*:/i.test(value)) {
          window.open(new URL(value, document.baseURI).toString(), '_blank', 'noopener');
          return;
        }
        return next(...args);
      };
    };
  }

  var accent = /^#[0-9a-f]{3,8}$/i.test(params.get('accent') || '') ? params.get('accent') : '#0b6e6e';
  // The page's own buttons and links follow the widget's colour too.
  document.documentElement.style.setProperty('--accent', accent);
  var styleOptions = {
    accent: accent,
    botAvatarInitials: 'K',
    bubbleBorderRadius: 10,
    bubbleFromUserBackground: '#e3f1f1',
    bubbleFromUserBorderRadius: 10,
    hideUploadButton: true,
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    sendBoxTextWrap: true,
    // Messages typed offline wait in the queue; Web Chat's default 20 s would mark them failed meanwhile.
    sendTimeout: 300000,
    suggestedActionLayout: 'flow',
    suggestedActionsStackedHeight: 200,
  };

  /** Screen readers announce the disclaimer with the input; Web Chat renders it asynchronously, so wait for it. */
  function describeInputWithDisclaimer() {
    var root = $('webchat');
    function tag() {
      var input = root.querySelector('input[type="text"], textarea');
      if (!input) return false;
      input.setAttribute('aria-describedby', 'chat-disclaimer');
      return true;
    }
    if (tag()) return;
    var observer = new MutationObserver(function () {
      if (tag()) observer.disconnect();
    });
    observer.observe(root, { childList: true, subtree: true });
  }

  setStatus('Connecting…');
  bridge.ready().then(function (session) {
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: session.userId,
        username: 'You',
        locale: 'en-US',
        styleOptions: styleOptions,
        cardActionMiddleware: cardActionMiddleware,
        sendTypingIndicator: false,
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: 'Ask a question about ketamine therapy' },
      },
      $('webchat'),
    );
    describeInputWithDisclaimer();
  });
})();
