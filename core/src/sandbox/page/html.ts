// The virtual phones page: a static shell; /page.js fills it from /__sandbox/state and the live event stream.

const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%234f46e5'/%3E%3Cpath d='M8 11a3 3 0 0 1 3-3h10a3 3 0 0 1 3 3v7a3 3 0 0 1-3 3h-6l-5 4v-4a3 3 0 0 1-2-3z' fill='white'/%3E%3C/svg%3E";

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Textbridge sandbox · virtual phones</title>
  <link rel="icon" href="${FAVICON}">
  <link rel="stylesheet" href="/page.css">
  <script src="/page.js" defer></script>
</head>
<body>
  <header class="topbar">
    <div class="brand">
      <span class="brand-mark" aria-hidden="true"></span>
      <div>
        <h1>Textbridge <span class="pill">Plivo sandbox</span></h1>
        <p class="subtitle">Virtual phones for your SMS workflows — nothing leaves this machine.</p>
      </div>
    </div>
    <dl class="account">
      <div><dt>Auth ID</dt><dd><code id="auth-id">…</code></dd></div>
      <div><dt>API base URL</dt><dd><code id="api-url">…</code></dd></div>
      <div class="stats" id="stats" aria-live="polite"></div>
      <div class="live" id="live-status" data-state="connecting"><span class="dot"></span><span class="label">Connecting</span></div>
    </dl>
  </header>

  <main class="layout">
    <aside class="panel phones" aria-label="Virtual phones">
      <div class="panel-head">
        <h2>Virtual phones</h2>
        <span class="count" id="phone-count">0</span>
      </div>
      <form id="new-phone" class="new-phone" autocomplete="off">
        <input id="new-phone-number" name="number" type="tel" placeholder="Add a phone: +1 415 555 0123" aria-label="Phone number to add">
        <button type="submit" class="btn-secondary">Add</button>
      </form>
      <ul id="phone-list" class="phone-list" data-testid="phone-list"></ul>
      <p class="empty-hint" id="phones-empty">Send an SMS through the API, or add a phone above to text your numbers.</p>
    </aside>

    <section class="device-wrap" aria-label="Conversation">
      <div class="device">
        <div class="device-notch" aria-hidden="true"></div>
        <div class="device-head" id="conversation-head">
          <div class="avatar" id="conversation-avatar">?</div>
          <div class="who">
            <strong id="conversation-title">No phone selected</strong>
            <span id="conversation-sub">Pick a phone on the left</span>
          </div>
          <span class="badge badge-optout" id="optout-badge" hidden>Opted out</span>
        </div>
        <div class="conversation" id="conversation" data-testid="conversation" aria-live="polite"></div>
        <form class="composer" id="composer" autocomplete="off">
          <div class="composer-row">
            <label for="composer-to">To</label>
            <select id="composer-to" data-testid="composer-to"></select>
          </div>
          <div class="composer-row composer-input">
            <textarea id="composer-text" data-testid="composer-text" rows="1" placeholder="Text as this phone…" disabled></textarea>
            <button type="submit" id="composer-send" data-testid="composer-send" class="send" disabled aria-label="Send">
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z"/></svg>
            </button>
          </div>
          <p class="composer-meta" id="composer-meta">Enter sends · try STOP, HELP or START</p>
        </form>
      </div>
    </section>

    <aside class="side">
      <section class="panel">
        <div class="panel-head"><h2>Your Plivo numbers</h2></div>
        <ul id="number-list" class="number-list"></ul>
      </section>
      <section class="panel">
        <div class="panel-head"><h2>Test destinations</h2></div>
        <p class="panel-note">Numbers ending in these digits behave like real-world failures.</p>
        <ul id="rule-list" class="rule-list"></ul>
      </section>
      <section class="panel log-panel">
        <div class="panel-head">
          <h2>Live events</h2>
          <button type="button" class="btn-link" id="reset-button" title="Forget messages, opt-outs and counters">Reset</button>
        </div>
        <ol id="event-log" class="event-log" data-testid="event-log"></ol>
      </section>
    </aside>
  </main>
</body>
</html>
`;
