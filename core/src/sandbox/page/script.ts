// Behaviour of the virtual phones page: plain browser JavaScript (no build step), kept as a string the server
// serves at /page.js. It reads /__sandbox/state once, then follows /__sandbox/events (Server-Sent Events).
// Written without template literals so this TypeScript template string needs no escaping; all message text is
// inserted with textContent, never as HTML.

export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';

  var STATUS_LABELS = {
    queued: 'Queued', sent: 'Sent', delivered: 'Delivered', undelivered: 'Undelivered',
    failed: 'Failed', received: 'Received'
  };
  var INTENT_LABELS = { optout: 'STOP · opted out', optin: 'START · opted in', help: 'HELP' };
  var ORIGIN_LABELS = { 'auto-reply': 'auto-reply', 'xml-reply': 'XML reply' };
  var MAX_LOG = 200;

  var model = {
    authId: '',
    numbers: [],          // the account's numbers (objects from the state snapshot)
    accountDigits: {},    // digits -> true
    messages: {},         // uuid -> message
    phones: {},           // digits -> { digits, uuids: [], lastAt, unread }
    optOuts: {},          // 'phone>sender' -> true
    rules: [],
    selected: null
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function formatNumber(digits) {
    var d = String(digits || '');
    if (!/^\d+$/.test(d)) return d;
    if (/^1\d{10}$/.test(d)) return '+1 (' + d.slice(1, 4) + ') ' + d.slice(4, 7) + '-' + d.slice(7);
    if (/^44\d{10}$/.test(d)) return '+44 ' + d.slice(2, 6) + ' ' + d.slice(6);
    return '+' + d;
  }

  function timeOf(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function dayOf(ms) {
    return new Date(ms).toLocaleDateString([], { weekday: 'long', month: 'short', day: 'numeric' });
  }

  function avatarStyle(node, digits) {
    var hue = 0;
    for (var i = 0; i < digits.length; i++) hue = (hue * 31 + digits.charCodeAt(i)) % 360;
    node.style.background = 'linear-gradient(135deg, hsl(' + hue + ' 70% 62%), hsl(' + ((hue + 40) % 360) + ' 75% 52%))';
    node.textContent = digits.slice(-2);
  }

  function otherParty(message) {
    return message.direction === 'outbound' ? message.dst : message.src;
  }

  function accountParty(message) {
    return message.direction === 'outbound' ? message.src : message.dst;
  }

  function ensurePhone(digits) {
    if (!model.phones[digits]) model.phones[digits] = { digits: digits, uuids: [], lastAt: 0, unread: false };
    return model.phones[digits];
  }

  function addMessage(message, live) {
    if (model.messages[message.uuid]) { model.messages[message.uuid] = message; return; }
    model.messages[message.uuid] = message;
    var phone = ensurePhone(otherParty(message));
    phone.uuids.push(message.uuid);
    phone.lastAt = Math.max(phone.lastAt, message.createdAt);
    if (live && model.selected !== phone.digits && message.direction === 'outbound') phone.unread = true;
    if (!model.selected) model.selected = phone.digits;
  }

  function loadState() {
    return fetch('/__sandbox/state', { cache: 'no-store' })
      .then(function (response) { return response.json(); })
      .then(function (snapshot) {
        model.authId = snapshot.account.authId;
        model.numbers = snapshot.numbers;
        model.accountDigits = {};
        snapshot.numbers.forEach(function (n) { model.accountDigits[n.number] = true; });
        model.rules = snapshot.deliveryRules;
        var keep = model.selected;
        var kept = {};
        Object.keys(model.phones).forEach(function (digits) {
          if (model.phones[digits].uuids.length === 0) kept[digits] = true;
        });
        model.messages = {};
        model.phones = {};
        Object.keys(kept).forEach(ensurePhone);
        model.optOuts = {};
        snapshot.optOuts.forEach(function (pair) { model.optOuts[pair.phone + '>' + pair.sender] = true; });
        model.selected = null;
        snapshot.messages.forEach(function (message) { addMessage(message, false); });
        if (keep && model.phones[keep]) model.selected = keep;
        var fromHash = location.hash.replace(/^#\/?/, ''); // only digits are used: nothing to decode
        if (fromHash && /^\d+$/.test(fromHash)) { ensurePhone(fromHash); model.selected = fromHash; }
        renderHeader(snapshot);
        renderNumbers();
        renderRules();
        renderAll();
      });
  }

  function renderHeader(snapshot) {
    $('auth-id').textContent = snapshot.account.authId;
    $('api-url').textContent = location.origin + snapshot.account.resourceUri;
  }

  function renderStats() {
    var counts = { total: 0, delivered: 0, failed: 0 };
    Object.keys(model.messages).forEach(function (uuid) {
      var m = model.messages[uuid];
      counts.total++;
      if (m.status === 'delivered') counts.delivered++;
      if (m.status === 'failed' || m.status === 'undelivered') counts.failed++;
    });
    var stats = $('stats');
    stats.textContent = '';
    [['messages', counts.total], ['delivered', counts.delivered], ['failed', counts.failed]].forEach(function (pair) {
      var chip = el('span', 'stat');
      chip.appendChild(el('b', '', pair[1]));
      chip.appendChild(document.createTextNode(' ' + pair[0]));
      stats.appendChild(chip);
    });
  }

  function sortedPhones() {
    return Object.keys(model.phones).map(function (d) { return model.phones[d]; })
      .sort(function (a, b) { return b.lastAt - a.lastAt || a.digits.localeCompare(b.digits); });
  }

  function isOptedOutAnywhere(digits) {
    return model.numbers.some(function (n) { return model.optOuts[digits + '>' + n.number]; });
  }

  function renderPhones() {
    var list = $('phone-list');
    list.textContent = '';
    var phones = sortedPhones();
    $('phone-count').textContent = String(phones.length);
    $('phones-empty').hidden = phones.length > 0;
    phones.forEach(function (phone) {
      var item = el('li', 'phone-item');
      item.setAttribute('role', 'option');
      item.setAttribute('data-phone', phone.digits);
      item.setAttribute('aria-selected', String(model.selected === phone.digits));
      var avatar = el('div', 'avatar');
      avatarStyle(avatar, phone.digits);
      var middle = el('div', '');
      middle.style.minWidth = '0';
      middle.appendChild(el('div', 'name', formatNumber(phone.digits)));
      var last = model.messages[phone.uuids[phone.uuids.length - 1]];
      middle.appendChild(el('div', 'preview', last ? (last.direction === 'inbound' ? 'You: ' : '') + (last.text || '[media]') : 'No messages yet'));
      var right = el('div', 'when', last ? timeOf(last.createdAt) : '');
      if (isOptedOutAnywhere(phone.digits)) {
        right.appendChild(document.createElement('br'));
        right.appendChild(el('span', 'badge badge-optout', 'STOP'));
      } else if (phone.unread) {
        right.appendChild(document.createElement('br'));
        right.appendChild(el('span', 'unread'));
      }
      item.appendChild(avatar);
      item.appendChild(middle);
      item.appendChild(right);
      item.addEventListener('click', function () { select(phone.digits); });
      list.appendChild(item);
    });
  }

  function badge(className, text) { return el('span', 'badge ' + className, text); }

  function renderMessage(message) {
    var fromPhone = message.direction === 'inbound';
    var wrap = el('div', 'msg ' + (fromPhone ? 'sent' : 'received') + ' ' + message.status);
    wrap.setAttribute('data-uuid', message.uuid);
    wrap.setAttribute('data-status', message.status);
    wrap.appendChild(el('div', 'via', (fromPhone ? 'to ' : 'from ') + formatNumber(accountParty(message))));
    wrap.appendChild(el('div', 'bubble', message.text || '[media]'));
    var meta = el('div', 'meta');
    meta.appendChild(badge(message.encoding === 'UCS-2' ? 'enc-ucs' : 'enc-gsm', message.encoding));
    meta.appendChild(badge('segments', message.type === 'mms' ? 'MMS' :
      message.segmentCount + (message.segmentCount === 1 ? ' segment' : ' segments')));
    var status = STATUS_LABELS[message.status] || message.status;
    if (message.errorCode && message.errorCode !== '000') status += ' · error ' + message.errorCode;
    meta.appendChild(badge('st-' + message.status, status));
    if (message.intent) meta.appendChild(badge('intent', INTENT_LABELS[message.intent] || message.intent));
    if (ORIGIN_LABELS[message.origin]) meta.appendChild(badge('origin', ORIGIN_LABELS[message.origin]));
    meta.appendChild(el('span', 'time', timeOf(message.createdAt)));
    wrap.appendChild(meta);
    return wrap;
  }

  function renderConversation() {
    var box = $('conversation');
    var digits = model.selected;
    var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
    box.textContent = '';
    var title = $('conversation-title');
    var sub = $('conversation-sub');
    var avatar = $('conversation-avatar');
    var text = $('composer-text');
    var send = $('composer-send');
    if (!digits) {
      title.textContent = 'No phone selected';
      sub.textContent = 'Pick a phone on the left';
      avatar.textContent = '?';
      text.disabled = true;
      send.disabled = true;
      box.appendChild(el('div', 'empty-conversation', 'Messages you send through the API show up here, on the recipient\u2019s virtual phone.'));
      $('optout-badge').hidden = true;
      return;
    }
    var phone = ensurePhone(digits);
    phone.unread = false;
    title.textContent = formatNumber(digits);
    sub.textContent = phone.uuids.length + (phone.uuids.length === 1 ? ' message' : ' messages') + ' · virtual phone';
    avatarStyle(avatar, digits);
    text.disabled = false;
    send.disabled = false;
    $('optout-badge').hidden = !isOptedOutAnywhere(digits);
    if (phone.uuids.length === 0) {
      box.appendChild(el('div', 'empty-conversation', 'No messages yet. Type below to text one of your Plivo numbers from ' + formatNumber(digits) + '.'));
    }
    var lastDay = '';
    phone.uuids.forEach(function (uuid) {
      var message = model.messages[uuid];
      var day = dayOf(message.createdAt);
      if (day !== lastDay) { box.appendChild(el('div', 'day', day)); lastDay = day; }
      box.appendChild(renderMessage(message));
    });
    if (atBottom || box.getAttribute('data-for-phone') !== digits) box.scrollTop = box.scrollHeight;
    box.setAttribute('data-for-phone', digits);
    renderComposerTargets(phone);
  }

  function renderComposerTargets(phone) {
    var select = $('composer-to');
    var previous = select.value;
    var preferred = '';
    for (var i = phone.uuids.length - 1; i >= 0 && !preferred; i--) preferred = accountParty(model.messages[phone.uuids[i]]);
    select.textContent = '';
    model.numbers.forEach(function (n) {
      var option = el('option', '', formatNumber(n.number) + (model.optOuts[phone.digits + '>' + n.number] ? '  (opted out)' : ''));
      option.value = n.number;
      select.appendChild(option);
    });
    var pick = select.getAttribute('data-for-phone') === phone.digits && previous ? previous : preferred;
    if (pick && model.accountDigits[pick]) select.value = pick;
    select.setAttribute('data-for-phone', phone.digits);
  }

  function renderNumbers() {
    var list = $('number-list');
    list.textContent = '';
    model.numbers.forEach(function (n) {
      var item = el('li', '');
      var top = el('div', 'top');
      top.appendChild(el('strong', '', formatNumber(n.number)));
      top.appendChild(badge('', n.numberType + (n.countryIso2 ? ' · ' + n.countryIso2 : '')));
      item.appendChild(top);
      item.appendChild(el('div', 'app', n.keywordHandling === 'carrier'
        ? 'STOP / HELP / START: answered and enforced by the carrier, as Plivo does in the US and Canada'
        : 'STOP / HELP / START: passed to the application, as Plivo does outside the US and Canada'));
      var app = n.application;
      item.appendChild(el('div', 'app', app && app.messageUrl
        ? 'Inbound \u2192 ' + app.messageMethod + ' ' + app.messageUrl + ' (' + app.appName + ')'
        : 'No application with a message_url: inbound texts are not forwarded'));
      list.appendChild(item);
    });
  }

  function renderRules() {
    var list = $('rule-list');
    list.textContent = '';
    model.rules.forEach(function (rule) {
      var item = el('li', '');
      item.appendChild(el('code', '', '\u2026' + rule.suffix));
      item.appendChild(el('span', '', rule.description + (rule.errorCode ? ' (' + rule.errorCode + ')' : '')));
      list.appendChild(item);
    });
    var optout = el('li', '');
    optout.appendChild(el('code', '', 'STOP'));
    optout.appendChild(el('span', '', 'later sends fail with error 200 (where the carrier handles keywords)'));
    list.appendChild(optout);
  }

  var frame = 0;
  function renderAll() {
    if (frame) return;
    frame = requestAnimationFrame(function () {
      frame = 0;
      renderPhones();
      renderConversation();
      renderStats();
    });
  }

  function select(digits) {
    model.selected = digits;
    history.replaceState(null, '', '#/' + digits);
    renderAll();
  }

  function logClass(type, event) {
    if (type === 'fault') return 't-fault';
    if (type === 'callback.attempt' || type === 'inbound.webhook') {
      var ok = event.data && typeof event.data.responseStatus === 'number' && event.data.responseStatus < 300;
      return ok ? 't-callback' : 't-callback-fail';
    }
    if (type === 'optout.changed') return 't-optout';
    if (type === 'request') return 't-request';
    return 't-message';
  }

  function appendLog(event) {
    var log = $('event-log');
    var item = el('li', logClass(event.type, event));
    item.appendChild(el('time', '', new Date(event.at).toLocaleTimeString([], { hour12: false })));
    item.appendChild(el('span', '', event.summary));
    log.insertBefore(item, log.firstChild);
    while (log.childNodes.length > MAX_LOG) log.removeChild(log.lastChild);
  }

  function setLive(state, label) {
    var node = $('live-status');
    node.setAttribute('data-state', state);
    node.querySelector('.label').textContent = label;
  }

  function connect() {
    var source = new EventSource('/__sandbox/events');
    var first = true;
    source.addEventListener('open', function () {
      setLive('open', 'Live');
      if (!first) loadState();
      first = false;
    });
    source.addEventListener('error', function () { setLive('closed', 'Reconnecting'); });
    var handlers = {
      'message.created': function (event) { addMessage(event.data.message, true); renderAll(); },
      'message.status': function (event) {
        var message = model.messages[event.data.uuid];
        if (!message) return;
        message.status = event.data.status;
        message.errorCode = event.data.errorCode;
        message.updatedAt = event.data.updatedAt;
        renderAll();
      },
      'optout.changed': function (event) {
        var key = event.data.phone + '>' + event.data.sender;
        if (event.data.optedOut) model.optOuts[key] = true; else delete model.optOuts[key];
        renderAll();
      },
      'reset': function () { loadState(); }
    };
    ['message.created', 'message.status', 'callback.attempt', 'inbound.webhook', 'optout.changed', 'request', 'fault', 'reset']
      .forEach(function (type) {
        source.addEventListener(type, function (raw) {
          var event = JSON.parse(raw.data);
          if (handlers[type]) handlers[type](event);
          appendLog(event);
        });
      });
  }

  function sendFromPhone(event) {
    event.preventDefault();
    var text = $('composer-text');
    var meta = $('composer-meta');
    var body = text.value;
    if (!model.selected || body.trim() === '') return;
    var payload = { from: model.selected, to: $('composer-to').value, text: body };
    $('composer-send').disabled = true;
    fetch('/__sandbox/inbound', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw new Error(json.error || ('HTTP ' + response.status));
        text.value = '';
        meta.className = 'composer-meta';
        meta.textContent = 'Sent to ' + formatNumber(payload.to) + ' \u2014 forwarded to its message_url, if any.';
      });
    }).catch(function (error) {
      meta.className = 'composer-meta error';
      meta.textContent = error.message;
    }).then(function () {
      $('composer-send').disabled = false;
      text.focus();
    });
  }

  function addPhone(event) {
    event.preventDefault();
    var input = $('new-phone-number');
    var digits = input.value.replace(/[^\d]/g, '');
    if (digits.length < 8 || digits.length > 15) {
      input.setCustomValidity('Use the full number with its country code, e.g. +1 415 555 0123');
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    input.value = '';
    ensurePhone(digits);
    select(digits);
    $('composer-text').focus();
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('composer').addEventListener('submit', sendFromPhone);
    $('composer-text').addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) sendFromPhone(event);
    });
    $('new-phone').addEventListener('submit', addPhone);
    $('new-phone-number').addEventListener('input', function () { this.setCustomValidity(''); });
    $('reset-button').addEventListener('click', function () {
      fetch('/__sandbox/reset', { method: 'POST' });
    });
    loadState().then(connect, function () { setLive('closed', 'Sandbox unreachable'); connect(); });
  });
})();
`;
