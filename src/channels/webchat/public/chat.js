/*
 * Connects Bot Framework Web Chat to this server's Direct-Line-style bridge:
 *   POST webchat/conversations                    -> { conversationId, token, userId }
 *   GET  webchat/conversations/:id/stream?token=  -> Server-Sent Events, one activity per event
 *   POST webchat/conversations/:id/activities     -> { id }  (Authorization: Bearer token)
 * Web Chat only needs a DirectLineJS-shaped object: activity$, connectionStatus$, postActivity(), end().
 */
(function () {
  // DirectLineJS connection states, as Web Chat expects them.
  var UNINITIALIZED = 0,
    CONNECTING = 1,
    ONLINE = 2,
    FAILED = 4,
    ENDED = 5;

  var statusLine = document.getElementById('chat-status');
  function setStatus(text) {
    statusLine.textContent = text;
  }
  function url(path) {
    return new URL(path, document.baseURI).toString();
  }

  /** The smallest Observable Web Chat accepts: subscribe(observer | next, error, complete) -> { unsubscribe }. */
  function Observable(subscribe) {
    this._subscribe = subscribe;
  }
  Observable.prototype.subscribe = function (observerOrNext, error, complete) {
    var observer =
      typeof observerOrNext === 'function'
        ? { next: observerOrNext, error: error, complete: complete }
        : observerOrNext || {};
    var closed = false;
    var safe = {
      next: function (v) {
        if (!closed && observer.next) observer.next(v);
      },
      error: function (e) {
        if (!closed) {
          closed = true;
          if (observer.error) observer.error(e);
        }
      },
      complete: function () {
        if (!closed) {
          closed = true;
          if (observer.complete) observer.complete();
        }
      },
    };
    var teardown = this._subscribe(safe);
    return {
      unsubscribe: function () {
        closed = true;
        if (typeof teardown === 'function') teardown();
      },
    };
  };
  if (typeof Symbol === 'function' && Symbol.observable) {
    Observable.prototype[Symbol.observable] = function () {
      return this;
    };
  }

  /** A hot, multicast stream; `current` makes it behave like a BehaviorSubject for connection status. */
  function Subject(initial, hasInitial) {
    var observers = new Set();
    var subject = new Observable(function (observer) {
      observers.add(observer);
      if (subject.hasValue) observer.next(subject.value);
      return function () {
        observers.delete(observer);
      };
    });
    subject.hasValue = !!hasInitial;
    subject.value = initial;
    subject.next = function (value) {
      subject.value = value;
      subject.hasValue = subject.hasValue || hasInitial;
      observers.forEach(function (o) {
        o.next(value);
      });
    };
    subject.getValue = function () {
      return subject.value;
    };
    return subject;
  }

  function createBridgeDirectLine(session) {
    var activities = new Subject(undefined, false);
    var connectionStatus$ = new Subject(UNINITIALIZED, true);
    var source = null;
    var base = 'webchat/conversations/' + encodeURIComponent(session.conversationId);

    function connect() {
      if (source) return;
      connectionStatus$.next(CONNECTING);
      source = new EventSource(url(base + '/stream?token=' + encodeURIComponent(session.token)));
      source.onopen = function () {
        connectionStatus$.next(ONLINE);
        setStatus('');
      };
      source.onmessage = function (event) {
        try {
          activities.next(JSON.parse(event.data));
        } catch (e) {
          console.error('Bad activity from the bridge', e);
        }
      };
      // EventSource reconnects by itself (sending Last-Event-ID, so nothing is lost or repeated).
      source.onerror = function () {
        if (source.readyState === EventSource.CLOSED) {
          connectionStatus$.next(FAILED);
          setStatus('Disconnected. Reload the page to chat again.');
        } else {
          connectionStatus$.next(CONNECTING);
          setStatus('Reconnecting…');
        }
      };
    }

    var activity$ = new Observable(function (observer) {
      var subscription = activities.subscribe(observer);
      connect();
      return function () {
        subscription.unsubscribe();
      };
    });

    return {
      activity$: activity$,
      connectionStatus$: connectionStatus$,
      postActivity: function (activity) {
        return new Observable(function (observer) {
          fetch(url(base + '/activities'), {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer ' + session.token },
            body: JSON.stringify(activity),
          })
            .then(function (response) {
              return response.json().then(function (body) {
                if (!response.ok)
                  throw new Error((body && body.error && body.error.message) || 'HTTP ' + response.status);
                observer.next(body.id);
                observer.complete();
              });
            })
            .catch(function (e) {
              setStatus('Could not send: ' + e.message);
              observer.error(e);
            });
        });
      },
      end: function () {
        if (source) source.close();
        connectionStatus$.next(ENDED);
      },
    };
  }

  function startConversation(attempt) {
    return fetch(url('webchat/conversations'), { method: 'POST' }).then(function (response) {
      if (response.status === 503 && attempt < 30) {
        setStatus('The bot is starting up…');
        return new Promise(function (resolve) {
          setTimeout(resolve, 2000);
        }).then(function () {
          return startConversation(attempt + 1);
        });
      }
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  }

  var styleOptions = {
    accent: '#0b6e6e',
    botAvatarInitials: 'K',
    bubbleBorderRadius: 10,
    bubbleFromUserBackground: '#e3f1f1',
    bubbleFromUserBorderRadius: 10,
    hideUploadButton: true,
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    sendBoxTextWrap: true,
    suggestedActionLayout: 'flow',
    suggestedActionsStackedHeight: 200,
  };

  /** Screen readers announce the disclaimer with the input; Web Chat renders it asynchronously, so wait for it. */
  function describeInputWithDisclaimer() {
    var root = document.getElementById('webchat');
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

  startConversation(0)
    .then(function (session) {
      window.WebChat.renderWebChat(
        {
          directLine: createBridgeDirectLine(session),
          userID: session.userId,
          username: 'You',
          locale: 'en-US',
          styleOptions: styleOptions,
          sendTypingIndicator: false,
          overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: 'Ask a question about ketamine therapy' },
        },
        document.getElementById('webchat'),
      );
      describeInputWithDisclaimer();
    })
    .catch(function (e) {
      setStatus('Sorry, the chat could not start (' + e.message + '). Please reload the page.');
    });
})();
