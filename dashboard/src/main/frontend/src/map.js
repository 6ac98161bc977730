// The network map: drawn from the SUMO network's own geometry (lanes, junction outlines), signals with a head per
// approach lane coloured by what the controller shows, intersections coloured by queue, car parks and signs.
import { s, replace } from './dom.js';
import { t } from './i18n.js';

const PAD = 60;

export function queueLevel(row) {
  const q = row && row.queues;
  if (!q) return 'x';
  const perLane = q.approachLanes ? q.halting / q.approachLanes : q.halting;
  return perLane < 1.5 ? '0' : perLane < 4 ? '1' : '2';
}

export function createMap(container, data, onSelect) {
  const hasGeometry = data && !data.empty && Array.isArray(data.lanes) && data.lanes.length > 0;
  let bounds = hasGeometry && data.bounds ? data.bounds : null;
  const signals = new Map();      // registry id -> { group, halo, heads: [{ el, links }] }
  const carParkMarks = new Map(); // car park id -> rect
  let svg; let layer;

  function frame(b) {
    const [x0, y0, x1, y1] = b;
    return { x0: x0 - PAD, y0: y0 - PAD, w: x1 - x0 + 2 * PAD, h: y1 - y0 + 2 * PAD, top: y1 + PAD };
  }
  let f;
  const px = (x) => (x - f.x0);
  const py = (y) => (f.top - y);
  const pts = (shape) => shape.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');

  function draw(rows) {
    if (!bounds) {
      const xs = rows.map((r) => r.x ?? 0); const ys = rows.map((r) => r.y ?? 0);
      bounds = xs.length ? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] : [0, 0, 100, 100];
    }
    f = frame(bounds);
    svg = s('svg', { viewBox: `0 0 ${f.w} ${f.h}`, preserveAspectRatio: 'xMidYMid meet', role: 'img',
      'aria-label': t('map.title') });
    layer = s('g');
    svg.append(layer);
    if (hasGeometry) {
      for (const j of data.junctions || []) {
        if (j.shape && j.shape.length > 2) layer.append(s('polygon', { class: 'junction', points: pts(j.shape) }));
      }
      for (const lane of data.lanes) {
        layer.append(s('polyline', { class: 'lane', points: pts(lane.shape), 'stroke-width': lane.width || 3.2 }));
      }
      for (const st of data.streets || []) {
        layer.append(s('text', { class: 'street-name', x: px(st.x), y: py(st.y), 'text-anchor': 'middle',
          transform: `rotate(${-(st.angle || 0)} ${px(st.x)} ${py(st.y)})` }, st.name));
      }
    } else {
      const note = s('text', { x: 10, y: 24, class: 'street-name' }, t('map.none'));
      layer.append(note);
    }
    const lanesById = new Map((data && data.lanes || []).map((l) => [l.id, l]));
    const sigDefs = hasGeometry ? data.signals || [] : rows.map((r) => ({ id: r.id, name: r.name, x: r.x, y: r.y, links: [] }));
    for (const sig of sigDefs) {
      const g = s('g', { class: 'signal', 'data-id': sig.id, tabindex: 0, role: 'button',
        'aria-label': `${t('col.intersection')} ${sig.name || sig.id}` });
      const halo = s('circle', { class: 'halo level-x', cx: px(sig.x), cy: py(sig.y), r: 34 });
      g.append(halo);
      // one head per incoming lane, at its stop line, showing the best state of the lane's links
      const byLane = new Map();
      for (const link of sig.links || []) {
        if (!byLane.has(link.from)) byLane.set(link.from, []);
        byLane.get(link.from).push(link.index);
      }
      const heads = [];
      for (const [laneId, links] of byLane) {
        const lane = lanesById.get(laneId);
        if (!lane || lane.shape.length < 2) continue;
        const [x1, y1] = lane.shape[lane.shape.length - 1];
        const [x0, y0] = lane.shape[lane.shape.length - 2];
        const len = Math.hypot(x1 - x0, y1 - y0) || 1;
        const back = Math.min(4, len / 2);
        const el = s('circle', { class: 'head s-x', cx: px(x1 - ((x1 - x0) / len) * back), cy: py(y1 - ((y1 - y0) / len) * back), r: 2.6 });
        g.append(el);
        heads.push({ el, links });
      }
      g.append(s('text', { x: px(sig.x) + 30, y: py(sig.y) - 30 }, sig.name && sig.name !== sig.id ? `${sig.id} ${sig.name}` : sig.id));
      g.addEventListener('click', () => onSelect(sig.id));
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter') onSelect(sig.id); });
      layer.append(g);
      signals.set(sig.id, { g, halo, heads });
    }
    for (const poi of (hasGeometry && data.pois) || []) {
      const x = px(poi.x); const y = py(poi.y);
      if (poi.type === 'greenwave.car-park') {
        const rect = s('rect', { x: x - 14, y: y - 14, width: 28, height: 28, rx: 4, class: 'cp', fill: '#2466b3' });
        const g = s('g', { class: 'carpark', 'data-id': poi.id }, rect,
          s('text', { x, y: y + 6, 'text-anchor': 'middle' }, 'P'),
          s('text', { x: x + 18, y: y + 6, class: 'label' }, poi.id));
        layer.append(g);
        carParkMarks.set(poi.id, rect);
      } else if (poi.type === 'greenwave.parking-sign') {
        layer.append(s('g', { class: 'sign', 'data-id': poi.id },
          s('polygon', { points: `${x},${y - 13} ${x + 13},${y} ${x},${y + 13} ${x - 13},${y}` }),
          s('text', { x: x + 16, y: y + 5, class: 'label' }, poi.id)));
      }
    }
    replace(container, svg);
  }

  let drawn = false;
  return {
    update(rows) {
      if (!drawn) { draw(rows); drawn = true; }
      for (const row of rows) {
        const sig = signals.get(row.id);
        if (!sig) continue;
        sig.halo.setAttribute('class', `halo level-${queueLevel(row)}`);
        const state = row.controller && row.controller.state;
        for (const head of sig.heads) {
          let best = 'x';
          if (state) {
            const rank = { G: 4, g: 3, y: 2, Y: 2, u: 2, r: 1, R: 1 };
            let r = 0;
            for (const i of head.links) {
              const c = state[i];
              if ((rank[c] || 0) > r) { r = rank[c]; best = c === 'Y' ? 'y' : c === 'R' ? 'r' : c; }
            }
          }
          head.el.setAttribute('class', `head s-${best}`);
        }
      }
    },
    select(id) {
      for (const [sid, sig] of signals) sig.g.classList.toggle('selected', sid === id);
    },
    carParks(list) {
      for (const cp of list) {
        const rect = carParkMarks.get(cp.id);
        if (!rect) continue;
        const rate = cp.rate ?? 0;
        rect.setAttribute('fill', cp.stale ? '#9aa5b1' : rate >= 0.98 ? '#d64545' : rate >= 0.9 ? '#e8a317' : '#2466b3');
      }
    },
    get drawn() { return drawn; },
  };
}
