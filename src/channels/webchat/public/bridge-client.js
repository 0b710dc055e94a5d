/*
 * The connection between Web Chat and this server's Direct-Line-style bridge, built for flaky networks:
 *   POST webchat/conversations                    -> { conversationId, token, userId }
 *   GET  webchat/conversations/:id/stream?token=  -> Server-Sent Events, one activity per event
 *   POST webchat/conversations/:id/activities     -> { id }  (Authorization: Bearer token)
 * - The stream is read with fetch (not EventSource) so a refused conversation (403/404: the server restarted and
 *   forgot it) can be told apart from a network failure.
 * - Lost connection: reconnect with exponential backoff (1 s doubling to 15 s, with jitter), at once when the
 *   browser says it is back online; messages typed meanwhile are queued and sent, in order, on reconnect.
 * - The session (conversation id + token) is kept in sessionStorage, so a reload or a page change in the same tab
 *   resumes the conversation and replays its transcript; a refused one is replaced by a new conversation while
 *   the visible transcript stays.
 * Exposes window.KfbBridge.create(options) -> a DirectLineJS-shaped object (activity$, connectionStatus$,
 * postActivity, end) plus helpers the page uses (ready, reconnect, forget, postEvent). Needs bridge-parts.js.
 */
(function () {
  var ONLINE = 2,
    ENDED = 5,
    CONNECTING = 1,
    UNINITIALIZED = 0;
  // Backoff: 1 s, 2 s, 4 s, 8 s, then every 15 s: quick after a blip, gentle on a server that is down for longer.
  var BACKOFF_MIN_MS = 1000;
  var BACKOFF_MAX_MS = 15000;

  var parts = window.KfbBridgeParts;
  var url = parts.url;
  var readSession = parts.readSession;
  var saveSession = parts.saveSession;
  var subject = parts.subject;

  function create(options) {
    var onState = options.onState || function () {};
    var activity$ = subject(false);
    var connectionStatus$ = subject(true, UNINITIALIZED);
    var session = readSession();
    var lastSeq = 0;
    var abort = null;
    var attempt = 0;
    var timer = null;
    var online = false;
    var ended = false;
    var queue = [];

    function setOnline(value, detail) {
      online = value;
      onState(value ? { state: 'online' } : detail);
    }

    function start() {
      return fetch(url('webchat/conversations' + (options.greet === false ? '?greet=0' : '')), {
        method: 'POST',
      }).then(function (response) {
        if (!response.ok) {
          const error = new Error('HTTP ' + response.status);
          error.status = response.status;
          throw error;
        }
        return response.json();
      });
    }

    /** Opens the stream; resolves when it ends (closed by the server or the network). */
    function stream() {
      var controller = new AbortController();
      abort = controller;
      var base = 'webchat/conversations/' + encodeURIComponent(session.conversationId);
      var headers = lastSeq > 0 ? { 'last-event-id': String(lastSeq) } : {};
      return fetch(url(base + '/stream?token=' + encodeURIComponent(session.token)), {
        headers: headers,
        signal: controller.signal,
        cache: 'no-store',
      }).then(function (response) {
        if (response.status === 403 || response.status === 404) {
          const refused = new Error('conversation refused');
          refused.refused = true;
          throw refused;
        }
        if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
        attempt = 0;
        connectionStatus$.next(ONLINE);
        setOnline(true);
        flush();
        return parts.readEvents(response.body.getReader(), handleEvent);
      });
    }

    function handleEvent(block) {
      var id = null;
      var data = '';
      block.split('\n').forEach(function (line) {
        if (line.indexOf('id: ') === 0) id = line.slice(4);
        else if (line.indexOf('data: ') === 0) data += line.slice(6);
      });
      if (id !== null && /^\d+$/.test(id)) lastSeq = Number(id);
      if (!data) return;
      try {
        const activity = JSON.parse(data);
        activity$.next(options.transform ? options.transform(activity) : activity);
      } catch (e) {
        console.error('Bad activity from the bridge', e);
      }
    }

    /** Connects (starting a conversation when there is none), and keeps reconnecting until ended. */
    function connect() {
      if (ended) return;
      clearTimeout(timer);
      timer = null;
      var ready = session ? Promise.resolve(session) : start().then(adopt);
      ready.then(stream).then(
        function () {
          lost(null);
        },
        function (error) {
          if (error && error.name === 'AbortError') return;
          if (error?.refused) {
            // The server no longer knows this conversation (restart, expiry): start a new one, keep the transcript.
            session = null;
            saveSession(null);
            lastSeq = 0;
            onState({ state: 'replaced' });
            options.greet = false;
            connect();
            return;
          }
          lost(error);
        },
      );
    }

    function adopt(started) {
      session = started;
      lastSeq = 0;
      saveSession(started);
      return started;
    }

    function lost(error) {
      // One reconnect at a time: the stream and a failed send may both notice the same outage.
      if (ended || timer) return;
      abort = null;
      var delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt);
      attempt += 1;
      // Up to 20 % jitter so many tabs do not all come back at the same instant.
      delay = Math.round(delay * (1 + Math.random() * 0.2));
      var starting = error && error.status === 503;
      setOnline(false, {
        state: starting ? 'starting' : 'offline',
        retryInMs: delay,
        queued: queue.length,
      });
      timer = setTimeout(connect, delay);
    }

    function send(activity) {
      var base = 'webchat/conversations/' + encodeURIComponent(session.conversationId);
      return fetch(url(base + '/activities'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + session.token },
        body: JSON.stringify(activity),
      }).then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            if (response.ok) return body.id;
            var error = new Error(body?.error?.message || 'HTTP ' + response.status);
            error.status = response.status;
            throw error;
          });
      });
    }

    /** Sends queued activities in order; stops (keeping the rest) at the first network failure. */
    function flush() {
      if (!online || !session || queue.length === 0) return;
      var item = queue[0];
      send(item.activity).then(
        function (id) {
          queue.shift();
          item.observer.next(id);
          item.observer.complete();
          flush();
        },
        function (error) {
          if (error.status === 403 || error.status === 404 || error.status === undefined) {
            // Keep it queued: the stream notices the same failure and reconnects (or replaces the conversation).
            if (abort) abort.abort();
            lost(error);
            return;
          }
          queue.shift();
          item.observer.error(error);
          if (options.onSendError) options.onSendError(error);
          flush();
        },
      );
    }

    function postActivity(activity) {
      return {
        subscribe: function (a, b, c) {
          var observer =
            typeof a === 'function' ? { next: a, error: b || function () {}, complete: c || function () {} } : a;
          queue.push({ activity: activity, observer: observer });
          if (queue.length === 1) flush();
          if (!online) onState({ state: 'offline', queued: queue.length });
          return { unsubscribe: function () {} };
        },
      };
    }

    window.addEventListener('online', function () {
      if (!online && !ended) connect();
    });
    window.addEventListener('offline', function () {
      if (abort) abort.abort();
      if (online) lost(null);
    });

    var started = false;
    return {
      activity$: {
        subscribe: function (a, b, c) {
          var subscription = activity$.subscribe(a, b, c);
          if (!started) {
            started = true;
            connectionStatus$.next(CONNECTING);
            connect();
          }
          return subscription;
        },
      },
      // Web Chat only ever sees "connecting" then "online": outages are shown by our banner, and Web Chat keeps the
      // send box usable so messages can queue (its own "Unable to connect" would block them).
      connectionStatus$: connectionStatus$,
      postActivity: postActivity,
      end: function () {
        ended = true;
        if (abort) abort.abort();
        clearTimeout(timer);
        connectionStatus$.next(ENDED);
      },
      /** Retry now (the banner's button). */
      reconnect: function () {
        if (!online) connect();
      },
      /** The conversation's user id once known (Web Chat's userID must match the bridge's). */
      session: function () {
        return session;
      },
      /** Starts over: forgets the stored session (the page then reloads). */
      forget: function () {
        saveSession(null);
      },
      /** Sends an extra activity (a feedback comment) through the same queue. */
      postEvent: function (activity) {
        return new Promise(function (resolve, reject) {
          postActivity(activity).subscribe({ next: resolve, error: reject, complete: function () {} });
        });
      },
      /** Sessions start before Web Chat renders (it needs the user id): resolves with the session. */
      ready: function () {
        if (session) return Promise.resolve(session);
        var tries = 0;
        function again() {
          return start()
            .then(adopt)
            .catch(function (error) {
              var delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** tries++);
              onState({ state: error && error.status === 503 ? 'starting' : 'offline', retryInMs: delay, queued: 0 });
              return new Promise(function (resolve) {
                setTimeout(resolve, delay);
              }).then(again);
            });
        }
        return again();
      },
    };
  }

  window.KfbBridge = { create: create, readSession: readSession };
})();
