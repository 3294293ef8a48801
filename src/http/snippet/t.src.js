/*
 * Rendement first-party tracking snippet: the source of GET /t.js (minified by ./index.ts).
 * Plain ES2017, no dependencies.
 *
 * Embed:  <script async src="https://HOST/t.js" data-key="WRITE_KEY"></script>   (or t.js?key=WRITE_KEY)
 * Stub (optional, lets calls made before the script has loaded be replayed):
 *   window.rendement = window.rendement || function(){(window.rendement.q = window.rendement.q || []).push(arguments)}
 *
 * API:
 *   rendement('consent', true | false | {analytics, marketing})
 *   rendement('track', name, props)             -> custom event
 *   rendement('identify', customerId)           -> customer_id on later events (memory only; null clears)
 *   rendement('pageview')                       -> manual pageview
 *   rendement('experiment', experiment, variant) -> custom event '$exposure'
 *   rendement('getClickId') / rendement('getVisitorId')
 * Attributes: data-key (write key), data-auto="false" (no automatic pageviews on load / pushState / popstate).
 *
 * Consent governs storage. Without consent nothing is stored (no cookie, localStorage or sessionStorage):
 * the visitor id is random and lives in memory for the page. Analytics consent keeps a first-party visitor
 * id (localStorage + cookie _rdm_vid, 1 year); marketing consent keeps the tracking-link click id
 * (rdm_click URL parameter; localStorage + cookie _rdm_click, 30 days). The choice itself is kept in
 * _rdm_consent so later pages know it; rendement('consent', false) deletes all three.
 * navigator.doNotTrack is not a consent signal and is not read. UTM parameters and ad click ids travel in
 * `url` (the server parses them). Nothing is tracked on file: pages or without a write key.
 */
(function (w, d) {
  'use strict';
  var old = w.rendement;
  if (old && old.v) return; // loaded twice

  var loc = location;
  var script = d.currentScript;
  if (!script) {
    var all = d.getElementsByTagName('script');
    for (var i = 0; i < all.length && !script; i++) if (all[i].src.indexOf('/t.js') > -1) script = all[i];
  }
  var src = script && script.src ? new URL(script.src, loc.href) : null;
  var key = (script && script.getAttribute('data-key')) || (src && src.searchParams.get('key'));
  var endpoint = (src ? src.origin : loc.origin) + '/v1/events?key=' + encodeURIComponent(key || '');
  var enabled = !!key && loc.protocol !== 'file:';
  if (!enabled) {
    console.warn(
      key
        ? 'Rendement: file: pages are not tracked'
        : 'Rendement: no write key; add data-key="..." to the t.js script tag',
    );
  }

  var YEAR = 31536000;

  function id() {
    var a = crypto.getRandomValues(new Uint8Array(16));
    var s = '';
    for (var i = 0; i < 16; i++) s += (a[i] + 256).toString(16).slice(1);
    return s;
  }

  function get(n) {
    try {
      var v = localStorage.getItem(n);
      var p = v ? v.lastIndexOf('|') : -1;
      if (p > 0 && +v.slice(p + 1) > Date.now()) return v.slice(0, p);
    } catch (e) {
      /* storage blocked */
    }
    var m = d.cookie.match(new RegExp('(?:^|; )' + n + '=([^;]+)'));
    return m ? decodeURIComponent(m[1]) : null;
  }

  // Store (seconds > 0) or delete (seconds 0) a value in localStorage and a first-party cookie.
  function put(n, v, sec) {
    try {
      if (sec) localStorage.setItem(n, v + '|' + (Date.now() + sec * 1e3));
      else localStorage.removeItem(n);
    } catch (e) {
      /* storage blocked */
    }
    d.cookie =
      n +
      '=' +
      (sec ? encodeURIComponent(v) : '') +
      '; Max-Age=' +
      sec +
      '; Path=/; SameSite=Lax' +
      (loc.protocol === 'https:' ? '; Secure' : '');
  }

  function urlClick() {
    var c = new URLSearchParams(loc.search).get('rdm_click');
    return c ? c.slice(0, 128) : null;
  }

  var saved = get('_rdm_consent') || '';
  var consent = { analytics: saved[0] === '1', marketing: saved[1] === '1' };
  var vid = (consent.analytics && get('_rdm_vid')) || id();
  var pageClick = urlClick(); // the click id of this page's URL: kept in memory whatever the consent
  var click = pageClick || (consent.marketing && get('_rdm_click')) || null;
  var customer = null;
  var last = null; // URL (without hash) of the last pageview

  function persist() {
    var a = consent.analytics;
    var m = consent.marketing;
    if (!enabled) return;
    if (a || m || saved) put('_rdm_consent', (a ? '1' : '0') + (m ? '1' : '0'), a || m ? YEAR : 0);
    if (a || saved) put('_rdm_vid', vid, a ? YEAR : 0);
    if (m || saved) put('_rdm_click', click || '', m && click ? 30 * 86400 : 0);
    saved = a || m;
  }

  function setConsent(c) {
    var had = consent.analytics;
    consent =
      typeof c === 'boolean'
        ? { analytics: c, marketing: c }
        : { analytics: !!(c && c.analytics), marketing: !!(c && c.marketing) };
    if (consent.analytics && !had) vid = get('_rdm_vid') || vid; // keep this page's id, or the one kept before
    if (!consent.analytics && had) vid = id(); // withdrawn: later events can't be joined to the stored id
    click = consent.marketing ? click || get('_rdm_click') : pageClick;
    persist();
  }

  function send(type, extra) {
    if (!enabled) return;
    if (d.prerendering) {
      d.addEventListener(
        'prerenderingchange',
        function () {
          send(type, extra);
        },
        { once: true },
      );
      return;
    }
    var e = {
      type: type,
      event_id: id(),
      visitor_id: vid,
      timestamp: Date.now(),
      url: loc.href,
      consent: consent,
    };
    if (customer) e.customer_id = customer;
    if (click) e.click_id = click;
    for (var k in extra) if (extra[k] != null) e[k] = extra[k];
    var body = JSON.stringify({ events: [e] });
    try {
      if (navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain' }))) return;
    } catch (x) {
      /* no sendBeacon */
    }
    fetch(endpoint, { method: 'POST', body: body, keepalive: true, mode: 'no-cors' }).catch(function () {});
  }

  function pageview() {
    var ref = last || d.referrer;
    var c = urlClick();
    if (c && c !== pageClick) {
      pageClick = click = c;
      persist();
    }
    last = loc.href.split('#')[0];
    send('pageview', { referrer: ref || null });
  }

  function navigated() {
    if (loc.href.split('#')[0] !== last) pageview();
  }

  var commands = {
    pageview: pageview,
    consent: setConsent,
    track: function (name, props) {
      send('custom', { name: String(name), props: props });
    },
    identify: function (c) {
      customer = c == null ? null : String(c);
    },
    experiment: function (experiment, variant) {
      send('custom', { name: '$exposure', experiment: String(experiment), variant: String(variant) });
    },
    getClickId: function () {
      return click;
    },
    getVisitorId: function () {
      return vid;
    },
  };

  function rendement(cmd) {
    if (commands.hasOwnProperty(cmd)) return commands[cmd].apply(null, [].slice.call(arguments, 1));
    console.warn('Rendement: unknown command ' + cmd);
  }
  rendement.v = 1;
  // A stub captured before load still works: its pushes now run at once.
  rendement.q = {
    push: function (args) {
      return rendement.apply(null, args);
    },
  };
  w.rendement = rendement;

  persist(); // refresh the expiry of what consent allowed before
  // Replay queued calls: consent and identity first so that the first pageview carries them.
  var q = (old && old.q) || [];
  var state = { consent: 1, identify: 1 };
  for (var j = 0; j < q.length; j++) if (state[q[j][0]]) rendement.apply(null, q[j]);
  var auto = !script || script.getAttribute('data-auto') !== 'false';
  if (enabled && auto) {
    pageview();
    var push = history.pushState;
    history.pushState = function () {
      var r = push.apply(this, arguments);
      navigated();
      return r;
    };
    w.addEventListener('popstate', navigated);
  }
  for (j = 0; j < q.length; j++) if (!state[q[j][0]]) rendement.apply(null, q[j]);
})(window, document);
