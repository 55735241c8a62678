// The state of one stream event as the page shows it. Every status is written out in text;
// the class only adds its colour.

import { el, svg, badge, ago, when, replace } from './dom.js';

/**
 * A region's state from its endpoints (StatusPageIT mirrors this table):
 *   region override disables it                  -> disabled
 *   every endpoint disabled                      -> disabled
 *   every endpoint not disabled is degraded      -> degraded
 *   some are degraded                            -> partly degraded (N of M)
 *   none degraded, some checking                 -> checking
 *   otherwise                                    -> online
 */
export function regionState(region) {
  if (region.override && region.override.enabled === false) {
    return { status: 'disabled', text: 'disabled' };
  }
  const live = region.endpoints.filter(e => e.status !== 'disabled');
  const degraded = live.filter(e => e.status === 'degraded').length;
  if (live.length === 0) {
    return { status: 'disabled', text: 'disabled' };
  }
  if (degraded === live.length) {
    return { status: 'degraded', text: 'degraded' };
  }
  if (degraded > 0) {
    return { status: 'partial', text: `partly degraded (${degraded} of ${live.length})` };
  }
  if (live.some(e => e.status === 'checking')) {
    return { status: 'checking', text: 'checking' };
  }
  return { status: 'online', text: 'online' };
}

export function renderSummary(container, state) {
  const endpoints = state.profiles.flatMap(p => p.endpoints);
  const count = status => endpoints.filter(e => e.status === status).length;
  const items = [
    el('li', {}, `${state.profiles.length} profiles, ${endpoints.length} endpoints: `,
      badge('online', `${count('online')} online`), ' ',
      badge('degraded', `${count('degraded')} degraded`), ' ',
      badge('disabled', `${count('disabled')} disabled`), ' ',
      badge('checking', `${count('checking')} checking`)),
  ];
  for (const p of state.profiles) {
    if (p.failOpen) {
      items.push(el('li', { class: 'alarm' }, badge('degraded', 'failing open'),
        ` ${p.name}: every enabled endpoint is degraded; answering as if all were healthy`));
    } else if (p.allEndpointsDown) {
      items.push(el('li', { class: 'alarm' }, badge('degraded', 'all down'),
        ` ${p.name}: every enabled endpoint is degraded; allDown ${p.allDown}`
        + (p.allDown === 'lastResort' ? ` answers ${p.lastResort}` : ', answering nothing')));
    }
  }
  if (state.cluster.clustered && !state.cluster.majority) {
    items.push(el('li', { class: 'alarm' }, badge('degraded', 'no majority'),
      ` director ${state.node} is cut off from the majority of the cluster: it answers from its last agreed state and its own probes`));
  }
  if (!state.ready) {
    items.push(el('li', {}, badge('checking', 'not ready'), ' not every endpoint has been probed yet'));
  }
  replace(container, el('ul', { class: 'summary' }, items));
}

export function renderProfiles(container, state, readOnly) {
  replace(container, state.profiles.map(p => profile(p, state, readOnly)));
}

function profile(p, state, readOnly) {
  const flags = [];
  if (p.failOpen) {
    flags.push(badge('degraded', 'failing open'));
  } else if (p.allEndpointsDown) {
    flags.push(badge('degraded', `all down: ${p.allDown}`));
  }
  const clustered = state.cluster.clustered;
  const head = el('tr', {}, ['Endpoint', 'Status', 'Probed health', 'Last probe', 'Smoothed latency', 'Recent probes',
    ...(clustered ? ['Views'] : []), 'Override', 'Action'].map(h => el('th', { scope: 'col' }, h)));
  const rows = p.endpoints.map(e => endpointRow(p, e, state, readOnly));
  return el('article', { class: 'profile', 'data-profile': p.name },
    el('h3', {}, p.name, ' ', el('span', { class: 'muted' }, `${p.domain} · ${p.routing} · ttl ${p.ttlSeconds} s · allDown ${p.allDown}`), ' ', flags),
    el('div', { class: 'table-wrap' }, el('table', {}, el('thead', {}, head), el('tbody', {}, rows))));
}

function endpointRow(p, e, state, readOnly) {
  const id = `${p.name}/${e.name}`;
  const last = e.lastProbe;
  const lastCell = last
    ? el('td', {}, badge(last.result === 'success' ? 'online' : 'degraded', last.result),
      last.statusCode ? ` ${last.statusCode}` : '', ` ${ago(last.time, state.time)}`,
      last.error ? el('div', { class: 'error-text' }, last.error) : null)
    : el('td', {}, 'none yet');
  const latency = e.smoothedLatencyMs === undefined || e.smoothedLatencyMs === null ? '–' : `${e.smoothedLatencyMs} ms`;
  const samples = state.history[e.probe] ?? [];
  const views = state.cluster.clustered
    ? [el('td', {}, (e.views ?? []).map(v => el('div', {}, `${v.node}: `, badge(v.status), v.fresh ? '' : ' (stale)')))]
    : [];
  const action = e.enabled ? 'disable' : 'enable';
  return el('tr', { 'data-endpoint': id, 'data-status': e.status },
    el('th', { scope: 'row' }, e.name, e.region && e.region !== e.name ? el('div', { class: 'muted' }, e.region) : null),
    el('td', { class: 'status' }, badge(e.status)),
    el('td', {}, e.health ? badge(e.health) : 'not watched', e.alert ? el('div', {}, `alert ${e.alert}`) : null),
    lastCell,
    el('td', {}, latency),
    el('td', {}, sparkline(samples)),
    ...views,
    el('td', {}, override(e.override), override(e.regionOverride, `region ${e.region}`)),
    el('td', {}, readOnly ? el('span', { class: 'muted' }, 'read-only API')
      : el('button', { type: 'button', class: `action ${action}`, 'data-key': `endpoint:${id}`, 'data-action': action,
        'data-kind': 'endpoint', 'data-profile': p.name, 'data-name': e.name,
        'aria-label': `${action} ${id}` }, action === 'disable' ? 'Disable' : 'Enable')));
}

/** An override in force: who, why and until when; nothing when there is none. */
function override(o, prefix = '') {
  if (!o) {
    return null;
  }
  return el('div', { class: 'override' },
    `${prefix ? prefix + ' ' : ''}${o.enabled === false ? 'disabled' : 'enabled'}`,
    o.reason ? `: ${o.reason}` : '',
    o.until ? [' until ', when(o.until)] : '',
    el('div', { class: 'muted' }, `by ${o.source ?? '?'} on ${o.node}, `, when(o.at)));
}

/** The recent probe latencies as a line, failures as red dots, with the numbers in its label. */
export function sparkline(samples) {
  if (samples.length === 0) {
    return el('span', { class: 'muted' }, 'no probes yet');
  }
  const width = 90;
  const height = 22;
  const values = samples.map(s => s.latencyMs);
  const max = Math.max(...values, 0.01);
  const step = samples.length > 1 ? width / (samples.length - 1) : 0;
  const point = (s, i) => [(i * step).toFixed(1), (height - 2 - (s.latencyMs / max) * (height - 4)).toFixed(1)];
  const failed = samples.filter(s => !s.success).length;
  const label = `last ${samples.length} probes: ${Math.min(...values)} to ${max} ms${failed ? `, ${failed} failed` : ''}`;
  return svg('svg', { class: 'spark', viewBox: `-2 0 ${width + 4} ${height}`, width: width + 4, height, role: 'img', 'aria-label': label },
    svg('title', {}, label),
    svg('polyline', { points: samples.map((s, i) => point(s, i).join(',')).join(' ') }),
    samples.map((s, i) => s.success ? null : svg('circle', { class: 'fail', cx: point(s, i)[0], cy: point(s, i)[1], r: 2 })));
}

export function renderRegions(container, regions, readOnly) {
  if (regions.length === 0) {
    replace(container, el('p', { class: 'muted' }, 'No endpoint names a region.'));
    return;
  }
  const rows = regions.map(r => {
    const action = r.override && r.override.enabled === false ? 'enable' : 'disable';
    return el('tr', { 'data-region': r.name, 'data-status': r.state.status },
      el('th', { scope: 'row' }, r.name),
      el('td', { class: 'status' }, badge(r.state.status, r.state.text)),
      el('td', {}, `${r.endpoints.length} endpoints`, r.alerts.length ? el('div', {}, `alerts: ${r.alerts.join(', ')}`) : null),
      el('td', {}, override(r.override)),
      el('td', {}, readOnly ? el('span', { class: 'muted' }, 'read-only API')
        : el('button', { type: 'button', class: `action ${action}`, 'data-key': `region:${r.name}`, 'data-action': action,
          'data-kind': 'region', 'data-name': r.name, 'aria-label': `${action} region ${r.name}` },
        action === 'disable' ? 'Disable region' : 'Enable region')));
  });
  replace(container, el('div', { class: 'table-wrap' }, el('table', { class: 'regions' },
    el('thead', {}, el('tr', {}, ['Region', 'State', 'Endpoints', 'Override', 'Action'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows))));
}

export function renderCluster(container, cluster) {
  if (!cluster.clustered) {
    replace(container);
    return;
  }
  replace(container, el('h3', {}, `Cluster: ${cluster.members.length} directors, quorum ${cluster.quorum}, `,
    badge(cluster.majority ? 'online' : 'degraded', cluster.majority ? 'majority' : 'no majority')),
  el('ul', { class: 'members' }, cluster.members.map(m => el('li', { 'data-director': m.name ?? m.address },
    badge(m.reachable ? 'online' : 'degraded', m.reachable ? 'reachable' : 'unreachable'),
    ` ${m.name ?? '(never heard from)'} ${m.address ?? ''}${m.self ? ' (this director)' : ''}`,
    m.lastHeard ? [' · last heard ', when(m.lastHeard)] : ''))));
}

export function renderEvents(container, events) {
  replace(container, events.length === 0 ? [el('li', { class: 'muted' }, 'Nothing yet.')]
    : events.map(e => el('li', { class: `event ${e.kind}` }, when(e.time), ` ${e.kind} on ${e.node}: ${e.what}`,
      e.reason ? el('span', { class: 'muted' }, ` (${e.reason})`) : '')));
}
