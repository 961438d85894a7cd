// Behaviour of the virtual phones page (browser code, compiled on its own with the DOM library; served as
// /page.js). It reads /__sandbox/state once, then follows /__sandbox/events (Server-Sent Events). All message text
// is inserted with textContent, never as HTML.

/** The parts of the sandbox's state snapshot and events this page reads. */
interface PageMessage {
  uuid: string;
  direction: 'inbound' | 'outbound';
  src: string;
  dst: string;
  text?: string;
  type: 'sms' | 'mms';
  status: string;
  errorCode?: string | null;
  encoding: string;
  segmentCount: number;
  intent?: string | null;
  origin?: string | null;
  createdAt: number;
  updatedAt?: number;
}

interface PageNumber {
  number: string;
  numberType: string;
  countryIso2?: string | null;
  keywordHandling?: 'carrier' | 'application';
  application?: { appName: string; messageUrl?: string | null; messageMethod?: string } | null;
}

interface DeliveryRule {
  suffix: string;
  description: string;
  errorCode?: string | null;
}

interface StateSnapshot {
  account: { authId: string; resourceUri: string };
  numbers: PageNumber[];
  deliveryRules: DeliveryRule[];
  optOuts: { phone: string; sender: string }[];
  messages: PageMessage[];
}

interface SandboxEvent {
  type: string;
  at: number;
  summary: string;
  data?: Record<string, unknown> & { responseStatus?: unknown };
}

interface Phone {
  digits: string;
  uuids: string[];
  lastAt: number;
  unread: boolean;
}

const STATUS_LABELS: Readonly<Record<string, string>> = {
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  undelivered: 'Undelivered',
  failed: 'Failed',
  received: 'Received',
};
const INTENT_LABELS: Readonly<Record<string, string>> = { optout: 'STOP · opted out', optin: 'START · opted in', help: 'HELP' };
const ORIGIN_LABELS: Readonly<Record<string, string>> = { 'auto-reply': 'auto-reply', 'xml-reply': 'XML reply' };
const MAX_LOG = 200;

const model = {
  numbers: [] as PageNumber[],
  /** Account numbers (digits) -> true. */
  accountDigits: {} as Record<string, boolean>,
  messages: {} as Record<string, PageMessage>,
  phones: {} as Record<string, Phone>,
  /** 'phone>sender' -> true. */
  optOuts: {} as Record<string, boolean>,
  rules: [] as DeliveryRule[],
  selected: null as string | null,
};

function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The page has no #${id}.`);
  return node as T;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: unknown): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function formatNumber(digits: string | null | undefined): string {
  const d = String(digits ?? '');
  if (!/^\d+$/.test(d)) return d;
  if (/^1\d{10}$/.test(d)) return `+1 (${d.slice(1, 4)}) ${d.slice(4, 7)}-${d.slice(7)}`;
  if (/^44\d{10}$/.test(d)) return `+44 ${d.slice(2, 6)} ${d.slice(6)}`;
  return `+${d}`;
}

function timeOf(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function dayOf(ms: number): string {
  return new Date(ms).toLocaleDateString([], { weekday: 'long', month: 'short', day: 'numeric' });
}

function avatarStyle(node: HTMLElement, digits: string): void {
  let hue = 0;
  for (let i = 0; i < digits.length; i++) hue = (hue * 31 + digits.charCodeAt(i)) % 360;
  node.style.background = `linear-gradient(135deg, hsl(${hue} 70% 62%), hsl(${(hue + 40) % 360} 75% 52%))`;
  node.textContent = digits.slice(-2);
}

function otherParty(message: PageMessage): string {
  return message.direction === 'outbound' ? message.dst : message.src;
}

function accountParty(message: PageMessage): string {
  return message.direction === 'outbound' ? message.src : message.dst;
}

function ensurePhone(digits: string): Phone {
  const phone = (model.phones[digits] ??= { digits, uuids: [], lastAt: 0, unread: false });
  return phone;
}

function addMessage(message: PageMessage, live: boolean): void {
  if (model.messages[message.uuid]) {
    model.messages[message.uuid] = message;
    return;
  }
  model.messages[message.uuid] = message;
  const phone = ensurePhone(otherParty(message));
  phone.uuids.push(message.uuid);
  phone.lastAt = Math.max(phone.lastAt, message.createdAt);
  if (live && model.selected !== phone.digits && message.direction === 'outbound') phone.unread = true;
  if (!model.selected) model.selected = phone.digits;
}

async function loadState(): Promise<void> {
  const response = await fetch('/__sandbox/state', { cache: 'no-store' });
  const snapshot = (await response.json()) as StateSnapshot;
  model.numbers = snapshot.numbers;
  model.accountDigits = {};
  for (const n of snapshot.numbers) model.accountDigits[n.number] = true;
  model.rules = snapshot.deliveryRules;
  const keep = model.selected;
  // Phones added on the page but without messages yet survive a reload of the state.
  const empty = Object.values(model.phones).filter((phone) => phone.uuids.length === 0).map((phone) => phone.digits);
  model.messages = {};
  model.phones = {};
  empty.forEach(ensurePhone);
  model.optOuts = {};
  for (const pair of snapshot.optOuts) model.optOuts[`${pair.phone}>${pair.sender}`] = true;
  model.selected = null;
  for (const message of snapshot.messages) addMessage(message, false);
  if (keep && model.phones[keep]) model.selected = keep;
  const fromHash = location.hash.replace(/^#\/?/, ''); // only digits are used: nothing to decode
  if (fromHash && /^\d+$/.test(fromHash)) {
    ensurePhone(fromHash);
    model.selected = fromHash;
  }
  renderHeader(snapshot);
  renderNumbers();
  renderRules();
  renderAll();
}

function renderHeader(snapshot: StateSnapshot): void {
  $('auth-id').textContent = snapshot.account.authId;
  $('api-url').textContent = location.origin + snapshot.account.resourceUri;
}

function renderStats(): void {
  const counts = { total: 0, delivered: 0, failed: 0 };
  for (const m of Object.values(model.messages)) {
    counts.total++;
    if (m.status === 'delivered') counts.delivered++;
    if (m.status === 'failed' || m.status === 'undelivered') counts.failed++;
  }
  const stats = $('stats');
  stats.textContent = '';
  for (const [label, count] of [['messages', counts.total], ['delivered', counts.delivered], ['failed', counts.failed]] as const) {
    const chip = el('span', 'stat');
    chip.appendChild(el('b', '', count));
    chip.appendChild(document.createTextNode(` ${label}`));
    stats.appendChild(chip);
  }
}

function sortedPhones(): Phone[] {
  return Object.values(model.phones).sort((a, b) => b.lastAt - a.lastAt || a.digits.localeCompare(b.digits));
}

function isOptedOutAnywhere(digits: string): boolean {
  return model.numbers.some((n) => model.optOuts[`${digits}>${n.number}`]);
}

function lastMessageOf(phone: Phone): PageMessage | undefined {
  const uuid = phone.uuids[phone.uuids.length - 1];
  return uuid === undefined ? undefined : model.messages[uuid];
}

function renderPhones(): void {
  const list = $('phone-list');
  list.textContent = '';
  const phones = sortedPhones();
  $('phone-count').textContent = String(phones.length);
  $('phones-empty').hidden = phones.length > 0;
  for (const phone of phones) {
    const item = el('li', 'phone-item');
    item.setAttribute('role', 'option');
    item.setAttribute('data-phone', phone.digits);
    item.setAttribute('aria-selected', String(model.selected === phone.digits));
    const avatar = el('div', 'avatar');
    avatarStyle(avatar, phone.digits);
    const middle = el('div', '');
    middle.style.minWidth = '0';
    middle.appendChild(el('div', 'name', formatNumber(phone.digits)));
    const last = lastMessageOf(phone);
    middle.appendChild(
      el('div', 'preview', last ? (last.direction === 'inbound' ? 'You: ' : '') + (last.text || '[media]') : 'No messages yet'),
    );
    const right = el('div', 'when', last ? timeOf(last.createdAt) : '');
    if (isOptedOutAnywhere(phone.digits)) {
      right.appendChild(document.createElement('br'));
      right.appendChild(el('span', 'badge badge-optout', 'STOP'));
    } else if (phone.unread) {
      right.appendChild(document.createElement('br'));
      right.appendChild(el('span', 'unread'));
    }
    item.append(avatar, middle, right);
    item.addEventListener('click', () => select(phone.digits));
    list.appendChild(item);
  }
}

function badge(className: string, text: unknown): HTMLSpanElement {
  return el('span', `badge ${className}`, text);
}

function renderMessage(message: PageMessage): HTMLDivElement {
  const fromPhone = message.direction === 'inbound';
  const wrap = el('div', `msg ${fromPhone ? 'sent' : 'received'} ${message.status}`);
  wrap.setAttribute('data-uuid', message.uuid);
  wrap.setAttribute('data-status', message.status);
  wrap.appendChild(el('div', 'via', `${fromPhone ? 'to ' : 'from '}${formatNumber(accountParty(message))}`));
  wrap.appendChild(el('div', 'bubble', message.text || '[media]'));
  const meta = el('div', 'meta');
  meta.appendChild(badge(message.encoding === 'UCS-2' ? 'enc-ucs' : 'enc-gsm', message.encoding));
  meta.appendChild(
    badge('segments', message.type === 'mms' ? 'MMS' : `${message.segmentCount}${message.segmentCount === 1 ? ' segment' : ' segments'}`),
  );
  let status = STATUS_LABELS[message.status] ?? message.status;
  if (message.errorCode && message.errorCode !== '000') status += ` · error ${message.errorCode}`;
  meta.appendChild(badge(`st-${message.status}`, status));
  if (message.intent) meta.appendChild(badge('intent', INTENT_LABELS[message.intent] ?? message.intent));
  const origin = message.origin ? ORIGIN_LABELS[message.origin] : undefined;
  if (origin) meta.appendChild(badge('origin', origin));
  meta.appendChild(el('span', 'time', timeOf(message.createdAt)));
  wrap.appendChild(meta);
  return wrap;
}

function renderConversation(): void {
  const box = $('conversation');
  const digits = model.selected;
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
  box.textContent = '';
  const text = $<HTMLTextAreaElement>('composer-text');
  const send = $<HTMLButtonElement>('composer-send');
  const avatar = $('conversation-avatar');
  if (!digits) {
    $('conversation-title').textContent = 'No phone selected';
    $('conversation-sub').textContent = 'Pick a phone on the left';
    avatar.textContent = '?';
    text.disabled = true;
    send.disabled = true;
    box.appendChild(el('div', 'empty-conversation', 'Messages you send through the API show up here, on the recipient\u2019s virtual phone.'));
    $('optout-badge').hidden = true;
    return;
  }
  const phone = ensurePhone(digits);
  phone.unread = false;
  $('conversation-title').textContent = formatNumber(digits);
  $('conversation-sub').textContent = `${phone.uuids.length}${phone.uuids.length === 1 ? ' message' : ' messages'} · virtual phone`;
  avatarStyle(avatar, digits);
  text.disabled = false;
  send.disabled = false;
  $('optout-badge').hidden = !isOptedOutAnywhere(digits);
  if (phone.uuids.length === 0) {
    box.appendChild(
      el('div', 'empty-conversation', `No messages yet. Type below to text one of your Plivo numbers from ${formatNumber(digits)}.`),
    );
  }
  let lastDay = '';
  for (const uuid of phone.uuids) {
    const message = model.messages[uuid];
    if (!message) continue;
    const day = dayOf(message.createdAt);
    if (day !== lastDay) {
      box.appendChild(el('div', 'day', day));
      lastDay = day;
    }
    box.appendChild(renderMessage(message));
  }
  if (atBottom || box.getAttribute('data-for-phone') !== digits) box.scrollTop = box.scrollHeight;
  box.setAttribute('data-for-phone', digits);
  renderComposerTargets(phone);
}

function renderComposerTargets(phone: Phone): void {
  const picker = $<HTMLSelectElement>('composer-to');
  const previous = picker.value;
  let preferred = '';
  for (let i = phone.uuids.length - 1; i >= 0 && !preferred; i--) {
    const message = model.messages[phone.uuids[i]!];
    if (message) preferred = accountParty(message);
  }
  picker.textContent = '';
  for (const n of model.numbers) {
    const option = el('option', '', formatNumber(n.number) + (model.optOuts[`${phone.digits}>${n.number}`] ? '  (opted out)' : ''));
    option.value = n.number;
    picker.appendChild(option);
  }
  const pick = picker.getAttribute('data-for-phone') === phone.digits && previous ? previous : preferred;
  if (pick && model.accountDigits[pick]) picker.value = pick;
  picker.setAttribute('data-for-phone', phone.digits);
}

function renderNumbers(): void {
  const list = $('number-list');
  list.textContent = '';
  for (const n of model.numbers) {
    const item = el('li', '');
    const top = el('div', 'top');
    top.appendChild(el('strong', '', formatNumber(n.number)));
    top.appendChild(badge('', n.numberType + (n.countryIso2 ? ` · ${n.countryIso2}` : '')));
    item.appendChild(top);
    item.appendChild(
      el(
        'div',
        'app',
        n.keywordHandling === 'carrier'
          ? 'STOP / HELP / START: answered and enforced by the carrier, as Plivo does in the US and Canada'
          : 'STOP / HELP / START: passed to the application, as Plivo does outside the US and Canada',
      ),
    );
    const app = n.application;
    item.appendChild(
      el(
        'div',
        'app',
        app?.messageUrl
          ? `Inbound \u2192 ${app.messageMethod ?? 'POST'} ${app.messageUrl} (${app.appName})`
          : 'No application with a message_url: inbound texts are not forwarded',
      ),
    );
    list.appendChild(item);
  }
}

function renderRules(): void {
  const list = $('rule-list');
  list.textContent = '';
  for (const rule of model.rules) {
    const item = el('li', '');
    item.appendChild(el('code', '', `\u2026${rule.suffix}`));
    item.appendChild(el('span', '', rule.description + (rule.errorCode ? ` (${rule.errorCode})` : '')));
    list.appendChild(item);
  }
  const optout = el('li', '');
  optout.appendChild(el('code', '', 'STOP'));
  optout.appendChild(el('span', '', 'later sends fail with error 200 (where the carrier handles keywords)'));
  list.appendChild(optout);
}

/** Renders at most once per animation frame, however many events arrive. */
let frame = 0;
function renderAll(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    renderPhones();
    renderConversation();
    renderStats();
  });
}

function select(digits: string): void {
  model.selected = digits;
  history.replaceState(null, '', `#/${digits}`);
  renderAll();
}

function logClass(event: SandboxEvent): string {
  if (event.type === 'fault') return 't-fault';
  if (event.type === 'callback.attempt' || event.type === 'inbound.webhook') {
    const status = event.data?.responseStatus;
    return typeof status === 'number' && status < 300 ? 't-callback' : 't-callback-fail';
  }
  if (event.type === 'optout.changed') return 't-optout';
  if (event.type === 'request') return 't-request';
  return 't-message';
}

function appendLog(event: SandboxEvent): void {
  const log = $('event-log');
  const item = el('li', logClass(event));
  item.appendChild(el('time', '', new Date(event.at).toLocaleTimeString([], { hour12: false })));
  item.appendChild(el('span', '', event.summary));
  log.insertBefore(item, log.firstChild);
  while (log.childNodes.length > MAX_LOG && log.lastChild) log.removeChild(log.lastChild);
}

function setLive(state: 'open' | 'closed', label: string): void {
  const node = $('live-status');
  node.setAttribute('data-state', state);
  const text = node.querySelector('.label');
  if (text) text.textContent = label;
}

const EVENT_TYPES = ['message.created', 'message.status', 'callback.attempt', 'inbound.webhook', 'optout.changed', 'request', 'fault', 'reset'];

const HANDLERS: Readonly<Record<string, (event: SandboxEvent) => void>> = {
  'message.created': (event) => {
    addMessage(event.data?.message as PageMessage, true);
    renderAll();
  },
  'message.status': (event) => {
    const data = (event.data ?? {}) as { uuid?: string; status?: string; errorCode?: string | null; updatedAt?: number };
    const message = data.uuid === undefined ? undefined : model.messages[data.uuid];
    if (!message) return;
    if (data.status !== undefined) message.status = data.status;
    message.errorCode = data.errorCode ?? null;
    if (data.updatedAt !== undefined) message.updatedAt = data.updatedAt;
    renderAll();
  },
  'optout.changed': (event) => {
    const data = (event.data ?? {}) as { phone?: string; sender?: string; optedOut?: boolean };
    const key = `${data.phone}>${data.sender}`;
    if (data.optedOut) model.optOuts[key] = true;
    else delete model.optOuts[key];
    renderAll();
  },
  reset: () => {
    void loadState();
  },
};

function connect(): void {
  const source = new EventSource('/__sandbox/events');
  let first = true;
  source.addEventListener('open', () => {
    setLive('open', 'Live');
    if (!first) void loadState();
    first = false;
  });
  source.addEventListener('error', () => setLive('closed', 'Reconnecting'));
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (raw) => {
      const event = JSON.parse((raw as MessageEvent<string>).data) as SandboxEvent;
      HANDLERS[type]?.(event);
      appendLog(event);
    });
  }
}

async function sendFromPhone(event: Event): Promise<void> {
  event.preventDefault();
  const text = $<HTMLTextAreaElement>('composer-text');
  const meta = $('composer-meta');
  const send = $<HTMLButtonElement>('composer-send');
  const body = text.value;
  if (!model.selected || body.trim() === '') return;
  const payload = { from: model.selected, to: $<HTMLSelectElement>('composer-to').value, text: body };
  send.disabled = true;
  try {
    const response = await fetch('/__sandbox/inbound', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const json = (await response.json()) as { error?: string };
    if (!response.ok) throw new Error(json.error ?? `HTTP ${response.status}`);
    text.value = '';
    meta.className = 'composer-meta';
    meta.textContent = `Sent to ${formatNumber(payload.to)} \u2014 forwarded to its message_url, if any.`;
  } catch (error) {
    meta.className = 'composer-meta error';
    meta.textContent = error instanceof Error ? error.message : String(error);
  } finally {
    send.disabled = false;
    text.focus();
  }
}

function addPhone(event: Event): void {
  event.preventDefault();
  const input = $<HTMLInputElement>('new-phone-number');
  const digits = input.value.replace(/[^\d]/g, '');
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

function start(): void {
  $('composer').addEventListener('submit', (event) => void sendFromPhone(event));
  $('composer-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) void sendFromPhone(event);
  });
  $('new-phone').addEventListener('submit', addPhone);
  const input = $<HTMLInputElement>('new-phone-number');
  input.addEventListener('input', () => input.setCustomValidity(''));
  $('reset-button').addEventListener('click', () => {
    void fetch('/__sandbox/reset', { method: 'POST' });
  });
  loadState().then(connect, () => {
    setLive('closed', 'Sandbox unreachable');
    connect();
  });
}

// A module script runs after the document is parsed; waiting for DOMContentLoaded keeps that true if it is ever inlined.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

export {};
