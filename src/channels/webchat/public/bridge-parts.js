/*
 * Small pieces of the Web Chat bridge client (bridge-client.js), kept apart so each file stays short: URLs relative to
 * the page, the session kept in sessionStorage, a minimal Observable subject, and a Server-Sent Events reader over
 * fetch. Exposes window.KfbBridgeParts.
 */
(function () {
  /** One tab's conversation (id, token, user id): survives reloads and page changes, not a closed tab. */
  var STORAGE_KEY = 'kfb-webchat-session';

  function url(path) {
    return new URL(path, document.baseURI).toString();
  }
  function readSession() {
    try {
      const s = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      return s && typeof s.conversationId === 'string' && typeof s.token === 'string' ? s : null;
    } catch (_e) {
      return null;
    }
  }
  function saveSession(s) {
    try {
      if (s) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
      else sessionStorage.removeItem(STORAGE_KEY);
    } catch (_e) {
      /* storage disabled: the conversation simply does not survive a reload */
    }
  }

  /** A hot multicast stream Web Chat can subscribe to; `sticky` replays the last value (connection status). */
  function subject(sticky, initial) {
    var observers = new Set();
    var has = sticky;
    var value = initial;
    var s = {
      subscribe: function (a, b, c) {
        var o = typeof a === 'function' ? { next: a, error: b, complete: c } : a || {};
        observers.add(o);
        if (has && o.next) o.next(value);
        return {
          unsubscribe: function () {
            observers.delete(o);
          },
        };
      },
      next: function (v) {
        value = v;
        has = has || sticky;
        observers.forEach(function (o) {
          if (o.next) o.next(v);
        });
      },
    };
    if (typeof Symbol === 'function' && Symbol.observable)
      s[Symbol.observable] = function () {
        return s;
      };
    return s;
  }

  /** Reads an SSE body, calling `onEvent(block)` for each event block (the lines between blank lines). */
  function readEvents(reader, onEvent) {
    var decoder = new TextDecoder();
    var buffer = '';
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          onEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        return pump();
      });
    }
    return pump();
  }

  window.KfbBridgeParts = {
    url: url,
    readSession: readSession,
    saveSession: saveSession,
    subject: subject,
    readEvents: readEvents,
  };
})();
