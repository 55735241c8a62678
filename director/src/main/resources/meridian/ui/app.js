// The status page: one EventSource on /api/v1/stream, every event the whole state, drawn anew.

import { renderSummary, renderProfiles, renderRegions, renderCluster, renderEvents, regionState } from './render.js';
import { drawLand, drawRegions } from './map.js';
import { setUpToken, setUpChanges, setUpResolve, updateResolveNames } from './actions.js';
import { el, replace } from './dom.js';

const $ = id => document.getElementById(id);

function draw(state) {
  const regions = state.regions.map(r => ({ ...r, state: regionState(r) }));
  const directors = state.cluster.clustered ? state.cluster.members.filter(m => m.name) : [];
  replace($('director'), `director ${state.node} · config ${state.configVersion} · serial ${state.serial}`);
  renderSummary($('summary'), state);
  drawRegions($('map-regions'), regions, directors);
  renderRegions($('regions'), regions, state.readOnly);
  renderCluster($('cluster'), state.cluster);
  renderProfiles($('profile-list'), state, state.readOnly);
  renderEvents($('events'), state.events);
  updateResolveNames(state.profiles);
  document.body.dataset.serial = state.serial;
}

function connection(status, text) {
  const badge = $('connection');
  badge.className = `badge ${status}`;
  badge.textContent = text;
  document.body.dataset.connection = status;
}

/** EventSource reconnects by itself after a dropped connection; after a refusal (503) it stops, so start again. */
function connect() {
  const source = new EventSource('/api/v1/stream');
  source.addEventListener('open', () => connection('online', 'live'));
  source.addEventListener('state', event => {
    try {
      draw(JSON.parse(event.data));
    } catch (e) {
      console.error('status page: cannot draw the state', e);
    }
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      connection('degraded', 'disconnected: retrying');
      setTimeout(connect, 2000);
    } else {
      connection('checking', 'reconnecting…');
    }
  });
}

document.addEventListener('securitypolicyviolation', e => {
  console.error(`status page: blocked by the Content-Security-Policy: ${e.violatedDirective} ${e.blockedURI}`);
});

setUpToken();
setUpChanges([$('profile-list'), $('regions')]);
setUpResolve();
drawLand($('map-grid'), $('map-land'));
replace($('events'), el('li', { class: 'muted' }, 'Waiting for the director…'));
connect();
