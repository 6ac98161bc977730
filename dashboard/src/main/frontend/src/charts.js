// Charts (Chart.js, bundled): the twin's delay comparison and each car park's occupancy with its forecast band.
import { Chart, LineController, LineElement, PointElement, LinearScale, Filler, Legend, Tooltip } from 'chart.js';
import { t, number } from './i18n.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Legend, Tooltip);
Chart.defaults.font.family = '"DejaVu Sans", system-ui, sans-serif';
Chart.defaults.font.size = 11;
Chart.defaults.animation = false;

export function hhmm(seconds, withSeconds = false) {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600) % 24; const m = Math.floor((s % 3600) / 60);
  const text = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return withSeconds ? `${text}:${String(s % 60).padStart(2, '0')}` : text;
}

export function twinChart(canvas) {
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: [
      { label: t('twin.greenwave'), data: [], borderColor: '#1e9e57', backgroundColor: '#1e9e57', pointRadius: 0, borderWidth: 2 },
      { label: t('twin.fixed'), data: [], borderColor: '#6b7785', backgroundColor: '#6b7785', pointRadius: 0, borderWidth: 2, borderDash: [6, 3] },
    ] },
    options: {
      maintainAspectRatio: false, parsing: false,
      scales: {
        x: { type: 'linear', ticks: { callback: (v) => hhmm(v), maxTicksLimit: 8 }, title: { display: true, text: t('twin.time') } },
        y: { type: 'linear', beginAtZero: true, title: { display: true, text: t('twin.delay') } },
      },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { title: (items) => hhmm(items[0].parsed.x) } } },
    },
  });
  return {
    update(series) {
      chart.data.datasets[0].data = (series.greenwave || []).map(([x, y]) => ({ x, y }));
      chart.data.datasets[1].data = (series.fixed || []).map(([x, y]) => ({ x, y }));
      chart.update('none');
    },
    relabel() {
      chart.data.datasets[0].label = t('twin.greenwave');
      chart.data.datasets[1].label = t('twin.fixed');
      chart.options.scales.x.title.text = t('twin.time');
      chart.options.scales.y.title.text = t('twin.delay');
      chart.update('none');
    },
  };
}

/** Occupancy (%) over the last hours and the forecast with its band, x in minutes from now. */
export function carParkChart(canvas) {
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: [
      { label: t('parking.history'), data: [], borderColor: '#2466b3', pointRadius: 0, borderWidth: 1.5 },
      { label: 'forecast', data: [], borderColor: '#2466b3', borderDash: [4, 3], pointRadius: 2, borderWidth: 1.5 },
      { label: 'high', data: [], borderColor: 'rgba(36,102,179,0.2)', pointRadius: 0, borderWidth: 0, fill: false },
      { label: t('parking.band'), data: [], borderColor: 'rgba(36,102,179,0.2)', backgroundColor: 'rgba(36,102,179,0.18)', pointRadius: 0, borderWidth: 0, fill: '-1' },
    ] },
    options: {
      maintainAspectRatio: false, parsing: false,
      scales: {
        x: { type: 'linear', min: -180, max: 120, ticks: { stepSize: 60, callback: (v) => (v === 0 ? t('parking.now') : `${v > 0 ? '+' : ''}${v / 60} h`) } },
        y: { type: 'linear', min: 0, max: 100, ticks: { stepSize: 50, callback: (v) => `${v} %` } },
      },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => `${number(c.parsed.y)} %` } } },
    },
  });
  return {
    update(cp) {
      const now = Date.now();
      const hist = (cp.history || []).map(([ts, occ, cap]) => ({ x: (ts - now) / 60000, y: Math.min(100, (100 * occ) / cap) }))
        .filter((p) => p.x >= -180);
      const origin = cp.forecastOrigin ? Date.parse(cp.forecastOrigin) : now;
      const start = cp.rate != null ? [{ x: (Date.parse(cp.lastReading || cp.forecastOrigin) - now) / 60000 || 0, y: 100 * cp.rate }] : [];
      const fc = (cp.forecasts || []).map((f) => ({ x: (Date.parse(f.target) - now) / 60000, rate: f }));
      chart.data.datasets[0].data = hist;
      chart.data.datasets[1].data = start.concat(fc.map((p) => ({ x: p.x, y: 100 * p.rate.rate })));
      chart.data.datasets[2].data = start.concat(fc.map((p) => ({ x: p.x, y: 100 * p.rate.high })));
      chart.data.datasets[3].data = start.concat(fc.map((p) => ({ x: p.x, y: 100 * p.rate.low })));
      void origin;
      chart.update('none');
    },
  };
}
