/*
 * Ketamine FAQ chat widget. Add to any page:
 *   <script src="https://YOUR-BOT-HOST/widget.js" async></script>
 * Shows a floating "Ask about ketamine" button that opens the chat in a panel (an iframe of this server's
 * chat page, so the host page's styles and scripts cannot interfere with it, nor it with them).
 */
(function () {
  if (window.__ketamineFaqWidget) return;
  window.__ketamineFaqWidget = true;

  var script = document.currentScript;
  var origin = new URL('.', script && script.src ? script.src : window.location.href).toString();
  var chatUrl = new URL('./?embed=1', origin).toString();
  var PREFIX = 'kfb-widget';

  var css = [
    '.' +
      PREFIX +
      '-button{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;',
    'padding:12px 18px;border:0;border-radius:999px;background:#0b6e6e;color:#fff;font:600 15px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;',
    'box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}',
    '.' + PREFIX + '-button:hover{background:#095c5c}',
    '.' +
      PREFIX +
      '-button:focus-visible,.' +
      PREFIX +
      '-close:focus-visible{outline:3px solid #f0b400;outline-offset:2px}',
    '.' +
      PREFIX +
      '-panel{position:fixed;right:20px;bottom:84px;z-index:2147483001;width:400px;height:min(640px,calc(100vh - 110px));',
    'display:flex;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.3)}',
    '.' + PREFIX + '-panel[hidden]{display:none}',
    '.' +
      PREFIX +
      '-bar{display:flex;align-items:center;justify-content:space-between;padding:10px 12px 10px 16px;background:#0b6e6e;color:#fff;',
    'font:600 15px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}',
    '.' +
      PREFIX +
      '-close{border:0;background:transparent;color:#fff;font-size:22px;line-height:1;padding:4px 8px;cursor:pointer;border-radius:6px}',
    '.' + PREFIX + '-frame{flex:1 1 auto;width:100%;border:0}',
    '@media (max-width:480px){.' + PREFIX + '-panel{right:0;bottom:0;width:100vw;height:100%;border-radius:0}',
    '.' + PREFIX + '-button{right:12px;bottom:12px}}',
  ].join('');

  function mount() {
    var style = document.createElement('style');
    style.textContent = css;
    document.head.appendChild(style);

    var button = document.createElement('button');
    button.type = 'button';
    button.className = PREFIX + '-button';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', PREFIX + '-panel');
    button.innerHTML = '<span aria-hidden="true">💬</span><span>Ask about ketamine</span>';

    var panel = document.createElement('div');
    panel.id = PREFIX + '-panel';
    panel.className = PREFIX + '-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', 'Ketamine therapy FAQ chat');
    panel.hidden = true;
    panel.innerHTML =
      '<div class="' +
      PREFIX +
      '-bar"><span>Ask about ketamine therapy</span>' +
      '<button type="button" class="' +
      PREFIX +
      '-close" aria-label="Close chat">×</button></div>';
    var close = panel.querySelector('.' + PREFIX + '-close');
    var frame = null;

    function open() {
      if (!frame) {
        // Loaded on first open only: sites pay nothing until a visitor wants to chat.
        frame = document.createElement('iframe');
        frame.className = PREFIX + '-frame';
        frame.title = 'Ketamine therapy FAQ chat';
        frame.src = chatUrl;
        panel.appendChild(frame);
      }
      panel.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      close.focus();
    }
    function hide() {
      panel.hidden = true;
      button.setAttribute('aria-expanded', 'false');
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

    document.body.appendChild(panel);
    document.body.appendChild(button);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
