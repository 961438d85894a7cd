// Styles of the virtual phones page (plain CSS, no build step).

export const PAGE_STYLES = `
:root {
  --bg: #f3f5fa;
  --panel: #ffffff;
  --ink: #111827;
  --muted: #6b7280;
  --line: #e5e7eb;
  --accent: #4f46e5;
  --accent-soft: #eef2ff;
  --phone-out: #0a84ff;
  --phone-in: #e9e9eb;
  --ok: #059669;
  --ok-soft: #d1fae5;
  --warn: #b45309;
  --warn-soft: #fef3c7;
  --bad: #dc2626;
  --bad-soft: #fee2e2;
  --info: #2563eb;
  --info-soft: #dbeafe;
  --radius: 14px;
  --shadow: 0 1px 2px rgba(17, 24, 39, .06), 0 8px 24px rgba(17, 24, 39, .06);
  font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink);
  background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
button { font: inherit; cursor: pointer; }
[hidden] { display: none !important; }

.topbar {
  display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 16px;
  padding: 18px 28px; background: var(--panel); border-bottom: 1px solid var(--line);
}
.brand { display: flex; align-items: center; gap: 14px; }
.brand-mark {
  width: 40px; height: 40px; border-radius: 12px; flex: none;
  background: linear-gradient(135deg, #6366f1, #0ea5e9);
  box-shadow: inset 0 0 0 2px rgba(255,255,255,.25);
  -webkit-mask: none;
  position: relative;
}
.brand-mark::after {
  content: ""; position: absolute; inset: 11px 9px 13px 9px; border-radius: 5px; background: #fff;
  clip-path: polygon(0 0, 100% 0, 100% 78%, 45% 78%, 22% 100%, 24% 78%, 0 78%);
}
h1 { margin: 0; font-size: 1.15rem; letter-spacing: -.01em; display: flex; align-items: center; gap: 8px; }
.subtitle { margin: 2px 0 0; color: var(--muted); font-size: .85rem; }
.pill {
  font-size: .7rem; font-weight: 600; text-transform: uppercase; letter-spacing: .06em;
  padding: 3px 8px; border-radius: 999px; background: var(--accent-soft); color: var(--accent);
}
.account { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 22px; margin: 0; }
.account dt { font-size: .68rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.account dd { margin: 2px 0 0; overflow-wrap: anywhere; }
.stats { display: flex; gap: 6px; }
.stat { font-size: .78rem; padding: 4px 9px; border-radius: 999px; background: var(--bg); color: var(--muted); }
.stat b { color: var(--ink); }
.live { display: flex; align-items: center; gap: 7px; font-size: .8rem; color: var(--muted); }
.live .dot { width: 9px; height: 9px; border-radius: 50%; background: #9ca3af; }
.live[data-state="open"] .dot { background: #10b981; box-shadow: 0 0 0 4px rgba(16,185,129,.18); }
.live[data-state="closed"] .dot { background: var(--bad); }

.layout {
  display: grid; grid-template-columns: 340px minmax(360px, 1fr) 360px; gap: 22px;
  padding: 22px 28px; max-width: 1480px; margin: 0 auto; align-items: start;
}
.layout > * { min-width: 0; }
.panel { background: var(--panel); border-radius: var(--radius); box-shadow: var(--shadow); padding: 16px; }
.panel-head { display: flex; align-items: center; justify-content: space-between; margin-bottom: 10px; }
.panel h2 { margin: 0; font-size: .8rem; text-transform: uppercase; letter-spacing: .07em; color: var(--muted); }
.panel-note { margin: -4px 0 10px; font-size: .8rem; color: var(--muted); }
.count { font-size: .75rem; background: var(--bg); color: var(--muted); padding: 2px 8px; border-radius: 999px; }

.new-phone { display: flex; gap: 8px; margin-bottom: 12px; }
.new-phone input {
  flex: 1; min-width: 0; padding: 9px 11px; border: 1px solid var(--line); border-radius: 10px; font: inherit; font-size: .88rem;
}
.new-phone input:focus, .composer textarea:focus, .composer select:focus { outline: 2px solid var(--accent-soft); border-color: var(--accent); }
.btn-secondary { border: 0; border-radius: 10px; padding: 0 14px; background: var(--accent-soft); color: var(--accent); font-weight: 600; }
.btn-link { border: 0; background: none; color: var(--accent); font-size: .8rem; font-weight: 600; padding: 0; }

.phone-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; max-height: 62vh; overflow: auto; }
.phone-item {
  display: grid; grid-template-columns: 40px 1fr auto; gap: 10px; align-items: center;
  padding: 9px 10px; border-radius: 12px; cursor: pointer; border: 1px solid transparent;
}
.phone-item:hover { background: var(--bg); }
.phone-item[aria-selected="true"] { background: var(--accent-soft); border-color: #c7d2fe; }
.phone-item .name { font-weight: 600; font-size: .9rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.phone-item .preview { font-size: .8rem; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.phone-item .when { font-size: .7rem; color: var(--muted); text-align: right; white-space: nowrap; align-self: start; padding-top: 3px; }
.phone-item .unread { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--phone-out); margin-top: 4px; }
.empty-hint { color: var(--muted); font-size: .85rem; margin: 8px 2px 0; }

.avatar {
  width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center; flex: none;
  font-weight: 700; font-size: .8rem; color: #fff; background: linear-gradient(135deg, #818cf8, #38bdf8);
}

.device-wrap { display: flex; justify-content: center; }
.device {
  width: 100%; max-width: 430px; height: min(820px, calc(100vh - 140px)); min-height: 560px;
  background: #fff; border-radius: 44px; border: 10px solid #111827;
  box-shadow: 0 30px 60px -20px rgba(17,24,39,.35), 0 0 0 1px #374151 inset;
  display: flex; flex-direction: column; overflow: hidden; position: relative;
}
.device-notch { position: absolute; top: 8px; left: 50%; transform: translateX(-50%); width: 110px; height: 26px; background: #111827; border-radius: 16px; z-index: 2; }
.device-head {
  display: flex; align-items: center; gap: 10px; padding: 46px 16px 12px;
  border-bottom: 1px solid var(--line); background: rgba(249,250,251,.92); backdrop-filter: blur(8px);
}
.device-head .who { display: flex; flex-direction: column; min-width: 0; flex: 1; }
.device-head strong { font-size: .98rem; }
.device-head span { font-size: .76rem; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }

.conversation { flex: 1; overflow-y: auto; padding: 14px 12px 8px; display: flex; flex-direction: column; gap: 2px; background: #fff; }
.day { align-self: center; font-size: .7rem; color: var(--muted); margin: 10px 0 6px; }
.msg { display: flex; flex-direction: column; max-width: 82%; margin-top: 6px; }
.msg.received { align-self: flex-start; align-items: flex-start; }
.msg.sent { align-self: flex-end; align-items: flex-end; }
.via { font-size: .68rem; color: var(--muted); margin: 0 6px 2px; }
.bubble {
  padding: 8px 13px; border-radius: 19px; font-size: .93rem; line-height: 1.35; white-space: pre-wrap; overflow-wrap: anywhere;
}
.msg.received .bubble { background: var(--phone-in); color: #111; border-bottom-left-radius: 6px; }
.msg.sent .bubble { background: var(--phone-out); color: #fff; border-bottom-right-radius: 6px; }
.msg.failed .bubble, .msg.undelivered .bubble { opacity: .55; }
.meta { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin: 4px 4px 0; font-size: .68rem; color: var(--muted); }
.badge {
  display: inline-flex; align-items: center; gap: 3px; padding: 1px 7px; border-radius: 999px;
  font-size: .66rem; font-weight: 600; letter-spacing: .02em; background: var(--bg); color: var(--muted); white-space: nowrap;
}
.badge.enc-gsm { background: #ecfeff; color: #0e7490; }
.badge.enc-ucs { background: #fdf4ff; color: #a21caf; }
.badge.st-queued { background: #f3f4f6; color: #4b5563; }
.badge.st-sent { background: var(--info-soft); color: var(--info); }
.badge.st-delivered { background: var(--ok-soft); color: var(--ok); }
.badge.st-received { background: #ede9fe; color: #6d28d9; }
.badge.st-failed, .badge.st-undelivered { background: var(--bad-soft); color: var(--bad); }
.badge.intent { background: var(--warn-soft); color: var(--warn); }
.badge-optout { background: var(--bad-soft); color: var(--bad); font-size: .7rem; }
.empty-conversation { margin: auto; text-align: center; color: var(--muted); font-size: .88rem; padding: 30px; }

.composer { border-top: 1px solid var(--line); padding: 10px 12px 16px; background: #f9fafb; }
.composer-row { display: flex; align-items: center; gap: 8px; }
.composer-row label { font-size: .72rem; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; }
.composer select { flex: 1; border: 1px solid var(--line); border-radius: 8px; padding: 4px 8px; font: inherit; font-size: .8rem; background: #fff; }
.composer-input { margin-top: 8px; }
.composer textarea {
  flex: 1; resize: none; border: 1px solid var(--line); border-radius: 20px; padding: 9px 14px; font: inherit; font-size: .92rem;
  max-height: 120px; background: #fff;
}
.send { width: 38px; height: 38px; border-radius: 50%; border: 0; background: var(--phone-out); display: grid; place-items: center; flex: none; }
.send svg { width: 18px; height: 18px; fill: #fff; }
.send:disabled { background: #c7d2fe; cursor: not-allowed; }
.composer-meta { margin: 6px 6px 0; font-size: .72rem; color: var(--muted); min-height: 1em; }
.composer-meta.error { color: var(--bad); }

.side { display: flex; flex-direction: column; gap: 18px; }
.number-list, .rule-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.number-list li { display: flex; flex-direction: column; gap: 3px; padding: 9px 11px; border-radius: 10px; background: var(--bg); }
.number-list .top { display: flex; justify-content: space-between; gap: 8px; align-items: center; }
.number-list strong { font-size: .9rem; }
.number-list .app { font-size: .75rem; color: var(--muted); overflow-wrap: anywhere; }
.rule-list li { display: grid; grid-template-columns: 58px 1fr; gap: 10px; font-size: .8rem; align-items: baseline; }
.rule-list code { color: var(--accent); font-weight: 600; white-space: nowrap; }
.rule-list span { color: var(--muted); }

.log-panel { display: flex; flex-direction: column; }
.event-log {
  list-style: none; margin: 0; padding: 0; max-height: 340px; overflow-y: auto;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .72rem;
}
.event-log li { display: grid; grid-template-columns: 62px 1fr; gap: 8px; padding: 5px 2px; border-bottom: 1px dashed var(--line); }
.event-log time { color: var(--muted); }
.event-log .t-fault span, .event-log .t-callback-fail span { color: var(--bad); }
.event-log .t-message span { color: var(--ink); }
.event-log .t-callback span, .event-log .t-inbound span { color: var(--info); }
.event-log .t-request span { color: var(--muted); }
.event-log .t-optout span { color: var(--warn); }

@media (max-width: 1180px) {
  .layout { grid-template-columns: 280px 1fr; }
  .side { grid-column: 1 / -1; display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); }
}
@media (max-width: 760px) {
  .topbar { padding: 14px 16px; }
  .layout { grid-template-columns: 1fr; padding: 14px; gap: 14px; }
  .phone-list { flex-direction: row; overflow-x: auto; max-height: none; }
  .phone-item { min-width: 230px; }
  .device { border-width: 6px; border-radius: 30px; height: 78vh; min-height: 480px; }
  .device-notch { display: none; }
  .device-head { padding-top: 14px; }
}
`;
