/*
 * Ketamine FAQ chat widget. Add to any page:
 *   <script src="https://YOUR-BOT-HOST/widget.js" async
 *           data-position="bottom-left" data-color="#5b2a86" data-title="Ask Riverside"
 *           data-greeting="Hi! Ask me about ketamine therapy." data-open="true" data-offset="24"></script>
 * or, without data- attributes, call KetamineFaqWidget.init({ position, color, title, greeting, open, offset }) (with
 * data-manual on the tag, nothing mounts until init is called).
 * The launcher and panel live in a shadow root with `all: initial`, so host styles (`* { font-family }`) cannot
 * reach them; the chat itself is an iframe of this server's page. Escape inside the iframe closes the panel via
 * postMessage (checked: our origin, our frame). On phones the host page stops scrolling behind the open panel.
 */
(function () {
  if (window.KetamineFaqWidget) return;
  var script = document.currentScript;
  var base = new URL('.', script?.src ? script.src : window.location.href);
  var chatOrigin = base.origin;
  var ICON =
    '<svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' +
    '<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
  var CLOSE =
    '<svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>';
  // Phones: below this width the panel is full screen (and the host page is scroll-locked).
  var PHONE_MAX_WIDTH = 480;
  var DEFAULTS = {
    position: 'bottom-right',
    color: '#0b6e6e',
    title: 'Ask about ketamine therapy',
    label: 'Ask about ketamine',
    greeting: '',
    open: false,
    // Pixels from the screen edges: 20 clears most browsers' scroll bars and a host's own corner buttons.
    offset: 20,
  };

  function fromDataset(el) {
    var d = el?.dataset || {};
    var out = {};
    if (d.position) out.position = d.position;
    if (d.color) out.color = d.color;
    if (d.title) out.title = d.title;
    if (d.label) out.label = d.label;
    if (d.greeting) out.greeting = d.greeting;
    if (d.open) out.open = d.open === 'true' || d.open === '1' || d.open === '';
    if (d.offset) out.offset = d.offset;
    return out;
  }

  /** Options with every value checked: a bad one falls back to its default rather than breaking the host page. */
  function normalise(options) {
    var o = Object.assign({}, DEFAULTS, options || {});
    if (['bottom-right', 'bottom-left'].indexOf(o.position) < 0) o.position = DEFAULTS.position;
    if (!/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(String(o.color))) o.color = DEFAULTS.color;
    o.title = String(o.title).slice(0, 80) || DEFAULTS.title;
    o.label = String(o.label).slice(0, 40) || DEFAULTS.label;
    o.greeting = String(o.greeting || '').slice(0, 300);
    var offset = Number(o.offset);
    o.offset = Number.isFinite(offset) && offset >= 0 && offset <= 200 ? Math.round(offset) : DEFAULTS.offset;
    o.open = o.open === true;
    return o;
  }

  function css(o) {
    var side = o.position === 'bottom-left' ? 'left' : 'right';
    var px = o.offset + 'px';
    return [
      ':host{all:initial}',
      '*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}',
      '.button{position:fixed;' +
        side +
        ':' +
        px +
        ';bottom:' +
        px +
        ';z-index:2147483000;display:flex;align-items:center;gap:8px;',
      'min-height:44px;padding:12px 18px;border:0;border-radius:999px;background:' +
        o.color +
        ';color:#fff;font-size:15px;font-weight:600;line-height:1.2;',
      'box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}',
      '.button:hover{filter:brightness(.9)}',
      '.button:focus-visible,.close:focus-visible{outline:3px solid #f0b400;outline-offset:2px}',
      '.panel{position:fixed;' + side + ':' + px + ';bottom:calc(' + px + ' + 64px);z-index:2147483001;width:400px;',
      'height:min(640px,calc(100vh - ' +
        (o.offset + 90) +
        'px));display:flex;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.3)}',
      '.panel[hidden]{display:none}',
      '.bar{display:flex;align-items:center;justify-content:space-between;padding:8px 8px 8px 16px;background:' +
        o.color +
        ';color:#fff;font-size:15px;font-weight:600;line-height:1.2}',
      '.close{display:flex;align-items:center;justify-content:center;width:36px;height:36px;border:0;background:transparent;color:#fff;cursor:pointer;border-radius:6px}',
      '.frame{flex:1 1 auto;width:100%;border:0}',
      '@media (max-width:' +
        PHONE_MAX_WIDTH +
        'px){.panel{left:0;right:0;bottom:0;top:0;width:100vw;height:100%;border-radius:0}}',
    ].join('');
  }

  var mounted = null;

  function mount(options) {
    if (mounted) return mounted.api;
    var o = normalise(options);
    var host = document.createElement('div');
    host.id = 'kfb-widget';
    var root = host.attachShadow({ mode: 'open' });
    var style = document.createElement('style');
    style.textContent = css(o);
    root.appendChild(style);

    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', 'kfb-widget-panel');
    button.innerHTML = ICON + '<span></span>';
    button.querySelector('span').textContent = o.label;

    var panel = document.createElement('div');
    panel.id = 'kfb-widget-panel';
    panel.className = 'panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', o.title);
    panel.hidden = true;
    panel.innerHTML =
      '<div class="bar"><span class="title"></span><button type="button" class="close" aria-label="Close chat">' +
      CLOSE +
      '</button></div>';
    panel.querySelector('.title').textContent = o.title;
    var close = panel.querySelector('.close');
    var frame = null;
    var locked = null;

    function lockScroll(on) {
      var html = document.documentElement;
      if (on && !locked && window.innerWidth <= PHONE_MAX_WIDTH) {
        locked = { html: html.style.overflow, body: document.body.style.overflow };
        html.style.overflow = 'hidden';
        document.body.style.overflow = 'hidden';
      } else if (!on && locked) {
        html.style.overflow = locked.html;
        document.body.style.overflow = locked.body;
        locked = null;
      }
    }

    function chatUrl() {
      var u = new URL('./', base);
      u.searchParams.set('embed', '1');
      u.searchParams.set('host', window.location.origin);
      if (o.greeting) u.searchParams.set('greeting', o.greeting);
      u.searchParams.set('accent', o.color);
      return u.toString();
    }

    function open() {
      if (!frame) {
        // Loaded on first open only: sites pay nothing until a visitor wants to chat.
        frame = document.createElement('iframe');
        frame.className = 'frame';
        frame.title = 'Ketamine therapy FAQ chat';
        frame.src = chatUrl();
        panel.appendChild(frame);
      }
      panel.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      lockScroll(true);
      close.focus();
    }
    function hide() {
      if (panel.hidden) return;
      panel.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      lockScroll(false);
      button.focus();
    }
    button.addEventListener('click', function () {
      if (panel.hidden) open();
      else hide();
    });
    close.addEventListener('click', hide);
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') hide();
    });
    // Escape pressed inside the iframe: only our own chat page, in our own frame, may close the panel.
    window.addEventListener('message', function (event) {
      if (event.origin !== chatOrigin || !frame || event.source !== frame.contentWindow) return;
      if (event.data && event.data.type === 'kfb-widget:close') hide();
    });

    root.appendChild(panel);
    root.appendChild(button);
    document.body.appendChild(host);
    var api = { open: open, close: hide, options: o };
    mounted = { api: api };
    if (o.open) open();
    return api;
  }

  function whenReady(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }

  window.KetamineFaqWidget = {
    /** Mounts the widget with these options (overriding the script tag's data- attributes); once per page. */
    init: function (options) {
      var merged = Object.assign(fromDataset(script), options || {});
      return new Promise(function (resolve) {
        whenReady(function () {
          resolve(mount(merged));
        });
      });
    },
  };
  if (!(script?.dataset && 'manual' in script.dataset)) {
    whenReady(function () {
      mount(fromDataset(script));
    });
  }
})();
