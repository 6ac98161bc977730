// greenwave engineer dashboard: one page, live over server-sent events from the dashboard's own backend.
import { h, replace } from './dom.js';
import { t, initLanguage, setLanguage, language, onLanguage, applyStatic, number, clockTime } from './i18n.js';
import { createMap, queueLevel } from './map.js';
import { twinChart, carParkChart, hhmm } from './charts.js';

const state = {
  map: null, mapData: null, rows: [], selected: null, detail: null, plans: [], carParks: new Map(), signs: new Map(),
  twin: null, health: null, auth: null, user: null, live: false,
};
const $ = (id) => document.getElementById(id);
const carParkCharts = new Map();
let twin;

// ------------------------------------------------------------------ API

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}) };
  if (state.auth) headers.Authorization = state.auth;
  const res = await fetch(path, { ...options, headers, credentials: 'omit' });
  let body = null;
  const text = await res.text();
  try { body = text ? JSON.parse(text) : null; } catch { body = { error: text }; }
  return { ok: res.ok, status: res.status, body };
}

/**
 * Plans and controller reports carry the twin's event time (its simulated morning lies in the past). Shown in the
 * scenario's time of day when the twin says which instant its simulated time stands for; people's actions (wall
 * clock) and everything outside the scenario's period in local time.
 */
function when(ts) {
  if (!ts) return '';
  const g = state.twin && state.twin.controllers && state.twin.controllers.greenwave;
  const at = Date.parse(ts);
  if (g && g.eventTime) {
    const sim = g.simTime + (at - Date.parse(g.eventTime)) / 1000;
    // the twin sends nothing stamped later than its own clock: later stamps are people's (wall clock)
    if (sim >= g.begin - 600 && sim <= g.simTime + 30) return `${hhmm(sim, true)} (${t('twin.sim')})`;
  }
  return clockTime(new Date(at));
}

function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('show'), 4000);
}

function failure(res) {
  if (res.status === 401) return t('login.required');
  if (res.status === 403) return t('action.forbidden');
  const b = res.body || {};
  const reason = b.violations ? b.violations.join('; ') : b.error || b.message || b.details || `HTTP ${res.status}`;
  return t('action.failed', { reason });
}

// ------------------------------------------------------------------ sign-in

function setupLogin() {
  const dialog = $('login-dialog');
  $('login').addEventListener('click', () => { $('login-error').textContent = ''; dialog.showModal(); $('login-user').focus(); });
  $('login-cancel').addEventListener('click', () => dialog.close());
  $('logout').addEventListener('click', () => { state.auth = null; state.user = null; sessionStorage.removeItem('greenwave.auth'); renderWho(); renderDetail(); });
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const auth = `Basic ${btoa(unescape(encodeURIComponent(`${$('login-user').value}:${$('login-password').value}`)))}`;
    const res = await fetch('/api/session', { headers: { Authorization: auth, Accept: 'application/json' } });
    if (!res.ok) { $('login-error').textContent = t('login.failed'); return; }
    const who = await res.json();
    if (!who.engineer) { $('login-error').textContent = t('login.notEngineer'); return; }
    state.auth = auth; state.user = who.user;
    sessionStorage.setItem('greenwave.auth', JSON.stringify({ auth, user: who.user }));
    $('login-password').value = '';
    dialog.close();
    renderWho();
    renderDetail();
  });
  try {
    const saved = JSON.parse(sessionStorage.getItem('greenwave.auth') || 'null');
    if (saved) { state.auth = saved.auth; state.user = saved.user; }
  } catch { /* ignore */ }
  renderWho();
}

function renderWho() {
  $('who').textContent = state.user ? t('login.as', { user: state.user }) : '';
  $('login').hidden = !!state.user;
  $('logout').hidden = !state.user;
}

// ------------------------------------------------------------------ status line

function renderStatus() {
  const parts = [h('span', { class: state.live ? 'live' : 'offline', text: state.live ? `● ${t('status.live')}` : t('status.offline') })];
  const g = state.twin && state.twin.controllers && state.twin.controllers.greenwave;
  if (g) parts.push(' · ', t('status.sim', { time: hhmm(g.simTime), pace: number(g.pace, 0) }));
  replace($('status'), parts);
}

// ------------------------------------------------------------------ intersections

function stateDots(stateString) {
  return h('span', { class: 'state', title: stateString || '' },
    (stateString || '').split('').map((c) => h('i', { class: `s-${/[GgyYrRuoO]/.test(c) ? c : 'x'}` })));
}

function renderList() {
  const body = $('intersections').querySelector('tbody');
  if (!state.rows.length) {
    replace(body, h('tr', {}, h('td', { colspan: 6, class: 'muted', text: t('intersections.none') })));
    return;
  }
  replace(body, state.rows.map((r) => {
    const c = r.controller;
    return h('tr', { 'data-id': r.id, class: r.id === state.selected ? 'selected' : '', onclick: () => select(r.id) },
      h('td', {}, h('strong', { text: r.id }), r.name && r.name !== r.id ? ` ${r.name}` : ''),
      h('td', {}, h('span', { class: `badge ${r.mode || ''}`, text: r.mode ? t(`mode.${r.mode}`) : '–' })),
      h('td', {}, c ? [t('phase.short', { phase: c.phaseIndex }), ' ', stateDots(c.state)] : '–'),
      h('td', { text: c ? (c.inTransition ? '–' : `${c.greenSeconds} s`) : '–' }),
      h('td', {}, h('span', { class: `badge`, text: r.queues ? String(r.queues.halting) : '–' }), ' ',
        h('i', { class: `dot-inline level-${queueLevel(r)}` })),
      h('td', {}, c ? h('span', { class: `badge ${c.source}`, text: c.source }) : '–'));
  }));
}

async function select(id) {
  state.selected = id;
  if (state.map) state.map.select(id);
  renderList();
  await loadDetail();
}

async function loadDetail() {
  if (!state.selected) return;
  const res = await api(`/api/intersections/${encodeURIComponent(state.selected)}`);
  if (res.ok) state.detail = res.body;
  renderDetail();
}

function planBar(plan) {
  const total = plan.cycleSeconds || plan.phases.reduce((a, p) => a + p.greenSeconds + p.yellowSeconds + p.allRedSeconds, 0) || 1;
  const parts = [];
  for (const p of plan.phases) {
    parts.push(h('div', { class: 'g', 'width%': (100 * p.greenSeconds) / total, title: `${t('phase.short', { phase: p.phaseIndex })} ${p.greenSeconds} s` },
      `${t('phase.short', { phase: p.phaseIndex })} ${p.greenSeconds}`));
    if (p.yellowSeconds) parts.push(h('div', { class: 'y', 'width%': (100 * p.yellowSeconds) / total }));
    if (p.allRedSeconds) parts.push(h('div', { class: 'r', 'width%': (100 * p.allRedSeconds) / total }));
  }
  return h('div', { class: 'bar' }, parts);
}

function planBlock(plan) {
  return h('div', {},
    planBar(plan),
    h('div', { class: 'small muted', text: t('detail.cycle', { c: plan.cycleSeconds, o: plan.offsetSeconds, m: plan.modelVersion || '–' }) }),
    plan.explanation ? h('div', { class: 'explain', text: plan.explanation }) : null);
}

let detailActionsKey = null;

function renderDetail() {
  const el = $('detail');
  const d = state.detail;
  if (!state.selected || !d) {
    replace(el, h('p', { class: 'muted', text: t('detail.pick') }));
    return;
  }
  const row = state.rows.find((r) => r.id === d.id) || {};
  const c = row.controller || d.controller;
  const mode = row.mode || d.mode;
  const pending = d.pendingPlan;
  const engineer = !!state.auth;
  const queues = row.queues || d.queues;
  const maxQ = Math.max(5, ...((queues && queues.approaches) || []).map((a) => a.halting));
  const streets = (state.mapData && state.mapData.edgeNames) || {};
  // The panel is redrawn with every plan (each second). Buttons whose meaning has not changed are kept as they are:
  // a button replaced between mouse-down and mouse-up loses the engineer's click.
  const actionsKey = JSON.stringify([d.id, mode, engineer, pending && pending.planId, language()]);
  const keep = actionsKey === detailActionsKey;
  detailActionsKey = actionsKey;
  const oldModes = keep ? el.querySelector('[data-testid=modes]') : null;
  const modes = oldModes || h('div', { class: 'actions', 'data-testid': 'modes' }, ['AUTO', 'ADVISORY', 'MANUAL'].map((m) => h('button', {
    type: 'button', class: `act${m === mode ? ' on' : ''}`, 'data-mode': m, disabled: !engineer || m === mode,
    title: engineer ? '' : t('login.required'), onclick: () => switchMode(d.id, m),
  }, t(`mode.${m}`))));
  const oldDecisions = keep ? el.querySelector('[data-testid=pending] .actions') : null;
  const decisions = !pending ? null : oldDecisions || h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'act ok', 'data-action': 'approve', disabled: !engineer, onclick: () => decide(d.id, pending.planId, 'approve') }, t('detail.approve')),
    h('button', { type: 'button', class: 'act no', 'data-action': 'reject', disabled: !engineer, onclick: () => decide(d.id, pending.planId, 'reject') }, t('detail.reject')));
  replace(el,
    h('h2', { text: t('detail.title', { id: d.id }) + (d.name && d.name !== d.id ? ` – ${d.name}` : '') }),
    d.unavailable ? h('p', { class: 'error', text: t('detail.unavailable') }) : null,
    h('h3', { text: t('detail.state') }),
    c ? h('div', { 'data-testid': 'controller-state' },
      stateDots(c.state), ' ',
      h('strong', { text: c.inTransition ? t('detail.transition') : t('detail.phase', { phase: c.phaseIndex }) }), ' · ',
      c.inTransition ? '' : `${t('detail.green', { s: c.greenSeconds })} · `,
      h('span', { class: `badge ${c.source}`, text: t(`detail.source.${c.source}`) }))
      : h('p', { class: 'muted', text: t('detail.noState') }),
    h('h3', { text: t('detail.mode') }),
    modes,
    h('p', { class: 'small muted', text: engineer ? t('mode.help') : `${t('mode.help')} ${t('login.required')}` }),
    pending ? h('div', { class: 'pending', 'data-testid': 'pending' },
      h('strong', { text: t('detail.pending') }), ` (${pending.planId})`,
      planBlock(pending),
      decisions) : null,
    h('h3', { text: t('detail.plan') }),
    d.plan ? h('div', { 'data-testid': 'plan' }, planBlock(d.plan)) : h('p', { class: 'muted', text: t('detail.noPlan') }),
    h('h3', { text: t('detail.queues') }),
    queues && queues.approaches && queues.approaches.length ? h('div', { 'data-testid': 'queues' },
      queues.approaches.map((a) => h('div', { class: 'qbar' },
        h('span', { text: streets[a.edge] ? `${streets[a.edge]} (${a.edge})` : a.edge, title: a.edge }),
        h('span', { class: 'track' }, h('div', { class: `fill level-${a.halting / Math.max(1, a.lanes) < 1.5 ? 0 : a.halting / Math.max(1, a.lanes) < 4 ? 1 : 2}`, 'width%': (100 * a.halting) / maxQ })),
        h('span', { text: String(a.halting) }))),
      queues.exitHalting ? h('p', { class: 'small muted', text: t('detail.spillback', { n: queues.exitHalting }) }) : null)
      : h('p', { class: 'muted', text: t('detail.noQueues') }),
    h('h3', { text: t('detail.history') }),
    d.audit && d.audit.length ? h('ul', { class: 'audit', 'data-testid': 'audit' }, d.audit.map((a) => h('li', {},
      h('span', { class: 'when', text: when(a.at) }),
      h('strong', { text: t(`audit.${a.action}`) }), a.planId ? ` ${a.planId}` : '', ` · ${a.actor}`,
      a.reason ? h('div', { class: 'muted', text: a.reason }) : null)))
      : h('p', { class: 'muted', text: t('detail.noHistory') }));
}

async function switchMode(id, mode) {
  const res = await api(`/api/intersections/${encodeURIComponent(id)}/mode`, { method: 'PUT', body: JSON.stringify({ mode, reason: 'dashboard' }) });
  if (!res.ok) { toast(failure(res)); return; }
  toast(t('mode.switched', { id, mode: t(`mode.${mode}`) }));
  const row = state.rows.find((r) => r.id === id);
  if (row) row.mode = mode;
  renderList();
  await loadDetail();
}

async function decide(id, planId, decision) {
  const res = await api(`/api/intersections/${encodeURIComponent(id)}/pending/${encodeURIComponent(planId)}/${decision}`,
    { method: 'POST', body: JSON.stringify({ reason: 'dashboard' }) });
  if (!res.ok) { toast(failure(res)); return; }
  toast(t(decision === 'approve' ? 'detail.approved' : 'detail.rejected', { plan: planId }));
  await loadDetail();
}

// ------------------------------------------------------------------ plans (live)

function addPlan(plan) {
  state.plans.unshift(plan);
  state.plans.length = Math.min(state.plans.length, 40);
  renderPlans();
  if (plan.intersectionId === state.selected) loadDetail();
}

function renderPlans() {
  const el = $('plans');
  if (!state.plans.length) { replace(el, h('li', { class: 'muted', text: t('plans.none') })); return; }
  replace(el, state.plans.map((p) => h('li', {},
    h('strong', { text: t('plans.item', { id: p.intersectionId, c: p.cycleSeconds }) }), ' ',
    h('span', { class: `badge ${p.mode}`, text: t(`mode.${p.mode}`) }), ' ',
    h('span', { class: 'meta', text: `${when(p.validFrom)} · ${p.modelVersion || ''}` }),
    h('div', { text: p.explanation || '' }))));
}

// ------------------------------------------------------------------ twin

function renderTwin() {
  const el = $('twin-kpis');
  const tw = state.twin;
  const g = tw && tw.controllers && tw.controllers.greenwave;
  const f = tw && tw.controllers && tw.controllers.fixed;
  if (!g && !f) { replace(el, h('p', { class: 'muted', text: t('twin.none') })); twin.update({}); return; }
  const kpi = (label, value, cls = '') => h('div', { class: `kpi ${cls}` }, h('div', { class: 'v', text: value }), h('div', { class: 'l', text: label }));
  const gd = g && g.meanDelaySeconds; const fd = f && f.meanDelaySeconds;
  // a percentage of a handful of vehicles says nothing: shown from 50 arrivals in each twin
  const benefit = gd != null && fd && g.arrived >= 50 && f.arrived >= 50 ? (100 * (fd - gd)) / fd : null;
  replace(el,
    kpi(t('twin.time'), hhmm((g || f).simTime)),
    kpi(`${t('twin.greenwave')}: ${t('twin.delay')}`, gd != null ? `${number(gd, 1)} s` : '–', 'good'),
    kpi(`${t('twin.fixed')}: ${t('twin.delay')}`, fd != null ? `${number(fd, 1)} s` : '–'),
    kpi(t('twin.benefit'), benefit != null ? `${number(benefit, 0)} %` : '–', benefit != null && benefit < 0 ? 'bad' : 'good'),
    kpi(t('twin.vehicles'), `${number(g ? g.arrived : 0)} / ${number(f ? f.arrived : 0)}`),
    kpi(t('twin.halting'), `${number(g ? g.halting : 0)} / ${number(f ? f.halting : 0)}`),
    g && f && g.finalMeanDelaySeconds != null && f.finalMeanDelaySeconds != null
      ? h('p', { class: 'small', text: t('twin.final', { g: number(g.finalMeanDelaySeconds, 1), f: number(f.finalMeanDelaySeconds, 1) }) }) : null);
  twin.update(tw.series || {});
}

// ------------------------------------------------------------------ car parks and signs

function renderCarParks() {
  const el = $('car-parks');
  const list = [...state.carParks.values()].sort((a, b) => a.id.localeCompare(b.id));
  if (!list.length) { replace(el, h('p', { class: 'muted', text: t('parking.none') })); return; }
  const present = new Set(list.map((c) => c.id));
  for (const id of carParkCharts.keys()) if (!present.has(id)) carParkCharts.delete(id);
  for (const cp of list) {
    let entry = carParkCharts.get(cp.id);
    if (!entry) {
      const canvas = h('canvas');
      const card = h('div', { class: 'carpark-card', 'data-id': cp.id });
      const info = h('div');
      card.append(info, h('div', { class: 'chart-box' }, canvas));
      entry = { card, info, chart: null, canvas };
      carParkCharts.set(cp.id, entry);
    }
    const rate = cp.rate != null ? cp.rate : null;
    replace(entry.info,
      h('div', { class: 'head' }, h('span', { class: 'name', text: cp.name || cp.id }),
        h('span', { class: `badge ${cp.status}`, text: t(`status.${cp.status}`) })),
      h('div', { class: 'numbers' }, cp.free != null ? t('parking.free', { free: number(cp.free), cap: number(cp.capacity) }) : '–',
        rate != null ? ` · ${number(100 * rate)} %` : '', cp.trend ? ` · ${t(`parking.trend.${cp.trend}`)}` : '',
        cp.stale ? h('span', { class: 'error', text: ` · ${t('parking.stale')}` }) : ''),
      h('div', { class: 'occ' }, h('div', { 'width%': rate != null ? 100 * rate : 0 })),
      h('div', { class: 'fc', 'data-testid': 'forecast', text: t('parking.forecast', {
        list: (cp.forecasts || []).map((f) => `+${f.horizonMinutes} min ${number(100 * f.rate)} % (${number(100 * f.low)}–${number(100 * f.high)})`).join(' · ') || '–',
      }) }));
  }
  const cards = list.map((cp) => carParkCharts.get(cp.id).card);
  if (el.children.length !== cards.length || cards.some((c, i) => el.children[i] !== c)) replace(el, cards);
  for (const cp of list) {
    const entry = carParkCharts.get(cp.id);
    if (!entry.chart) entry.chart = carParkChart(entry.canvas);
    entry.chart.update(cp);
  }
  if (state.map) state.map.carParks(list);
}

const ARROWS = { left: '←', right: '→', straight: '↑' };
function renderSigns() {
  const el = $('signs');
  const list = [...state.signs.values()].sort((a, b) => a.signId.localeCompare(b.signId));
  if (!list.length) { replace(el, h('p', { class: 'muted', text: t('signs.none') })); return; }
  replace(el, list.map((s) => h('div', { class: 'sign-board', 'data-id': s.signId },
    h('div', { class: 'title', text: `${s.signId}${s.fallback ? ` · ${t('signs.fallback')}` : ''}` }),
    (s.entries || []).map((e) => h('div', { class: `sign-line ${e.status}` },
      h('span', { text: ARROWS[e.direction] || '•' }),
      h('span', { text: e.alternative ? `${e.carParkId} ${t('signs.alt', { alt: e.alternative })}` : e.carParkId }),
      h('span', { class: 'free', text: e.freeSpaces != null && e.status !== 'FULL' && e.status !== 'CLOSED' ? t('signs.free', { n: e.freeSpaces }) : t(`status.${e.status}`) }))),
    s.message ? h('div', { class: 'msg', text: s.message }) : null)));
}

// ------------------------------------------------------------------ health

function renderHealth() {
  const el = $('health');
  const hl = state.health || {};
  const services = Object.entries(hl.services || {});
  const dl = Object.entries(hl.deadLetters || {});
  const models = hl.models || {};
  replace(el,
    h('h3', { text: t('health.services') }),
    h('div', { class: 'health-grid' }, services.map(([name, st]) => [h('span', { text: name }), h('span', {}, h('span', { class: `badge ${st}`, text: st }))])),
    h('h3', { text: t('health.sensors') }),
    (hl.sensors || []).length ? h('ul', { class: 'audit', 'data-testid': 'sensors' }, hl.sensors.slice(0, 30).map((s) => h('li', {},
      h('span', { class: `badge ${s.status}`, text: s.status }), ` ${s.deviceId}`, s.parentId ? ` (${s.parentId})` : '',
      s.reason ? h('div', { class: 'muted', text: s.reason }) : null)))
      : h('p', { class: 'muted', text: t('health.noSensors') }),
    h('h3', { text: t('health.deadLetters') }),
    dl.length ? h('div', { class: 'health-grid', 'data-testid': 'dead-letters' }, dl.flatMap(([topic, reasons]) =>
      Object.entries(reasons).map(([reason, n]) => [h('span', { text: `${topic}: ${reason}` }), h('strong', { text: number(n) })])))
      : h('p', { class: 'muted', text: t('health.noDeadLetters') }),
    h('h3', { text: t('health.models') }),
    h('div', { class: 'health-grid', 'data-testid': 'models' },
      h('span', { text: t('health.signalModel') }), h('span', { text: models.signals || '–' }),
      h('span', { text: t('health.parkingModel') }), h('span', { text: models.parking ? `${models.parking} (${models.parkingTrained ? t('health.trained') : t('health.untrained')})` : '–' })));
}

// ------------------------------------------------------------------ live stream

function onRows(rows) {
  state.rows = rows || [];
  if (!state.map) return;
  state.map.update(state.rows);
  renderList();
  if (state.selected && state.detail) {
    renderDetailThrottled();
  }
}

let detailTimer = 0;
function renderDetailThrottled() {
  const now = Date.now();
  if (now - detailTimer > 900) { detailTimer = now; renderDetail(); }
}

function connect() {
  const es = new EventSource('/api/events');
  es.addEventListener('open', () => { state.live = true; renderStatus(); });
  es.addEventListener('error', () => { state.live = false; renderStatus(); });
  es.addEventListener('hello', (e) => {
    const d = JSON.parse(e.data);
    onRows(d.intersections);
    state.twin = d.twin; renderTwin();
    state.health = d.health; renderHealth();
    renderStatus();
  });
  es.addEventListener('intersections', (e) => onRows(JSON.parse(e.data)));
  es.addEventListener('plan', (e) => addPlan(JSON.parse(e.data)));
  es.addEventListener('carPark', (e) => { const cp = JSON.parse(e.data); state.carParks.set(cp.id, cp); renderCarParksThrottled(); });
  es.addEventListener('carParks', (e) => { for (const cp of JSON.parse(e.data)) state.carParks.set(cp.id, cp); renderCarParksThrottled(); });
  es.addEventListener('sign', (e) => { const s = JSON.parse(e.data); state.signs.set(s.signId, s); renderSigns(); });
  es.addEventListener('twin', (e) => { state.twin = JSON.parse(e.data); renderTwin(); renderStatus(); });
  es.addEventListener('health', (e) => { state.health = JSON.parse(e.data); renderHealth(); });
}

let carParkTimer = null;
function renderCarParksThrottled() {
  if (carParkTimer) return;
  carParkTimer = setTimeout(() => { carParkTimer = null; renderCarParks(); }, 500);
}

function renderAll() {
  applyStatic();
  $('lang').textContent = t('lang.switch');
  renderWho(); renderStatus(); renderList(); renderDetail(); renderPlans(); renderTwin(); renderCarParks(); renderSigns(); renderHealth();
  twin.relabel();
}

async function start() {
  initLanguage();
  applyStatic();
  $('lang').textContent = t('lang.switch');
  $('lang').addEventListener('click', () => setLanguage(language() === 'de' ? 'en' : 'de'));
  onLanguage(renderAll);
  setupLogin();
  twin = twinChart($('twin-chart'));
  const [map, overview] = await Promise.all([api('/api/map'), api('/api/overview')]);
  state.mapData = map.ok ? map.body : { empty: true };
  state.map = createMap($('map'), state.mapData, select);
  const o = overview.ok ? overview.body : {};
  for (const cp of o.carParks || []) state.carParks.set(cp.id, cp);
  for (const s of o.signs || []) state.signs.set(s.signId, s);
  state.twin = o.twin; state.health = o.health;
  onRows(o.intersections || []);
  renderAll();
  connect();
  setInterval(() => { if (state.selected) loadDetail(); }, 5000);
  setInterval(renderCarParks, 60000);
  document.body.dataset.ready = 'true';
}

start();
