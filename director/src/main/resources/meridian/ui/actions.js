// What the operator does: the token (session storage only), disable and enable through the
// API's PATCH, and resolve. The token travels only in the Authorization header.

import { el, replace } from './dom.js';

const TOKEN = 'meridian.apiToken';

export function token() {
  return sessionStorage.getItem(TOKEN) ?? '';
}

function saveToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN, value);
  } else {
    sessionStorage.removeItem(TOKEN);
  }
  showToken();
}

export function showToken() {
  document.getElementById('token-button').textContent = token() ? 'API token set (change)' : 'Set API token';
}

export function setUpToken() {
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  document.getElementById('token-button').addEventListener('click', () => {
    input.value = token();
    dialog.showModal();
  });
  document.getElementById('token-form').addEventListener('submit', () => saveToken(input.value.trim()));
  document.getElementById('token-forget').addEventListener('click', () => {
    saveToken('');
    dialog.close();
  });
  document.getElementById('token-cancel').addEventListener('click', () => dialog.close());
  showToken();
}

/** The change dialog: one pending change at a time, sent when the operator applies it. */
export function setUpChanges(list) {
  const dialog = document.getElementById('change-dialog');
  const form = document.getElementById('change-form');
  const error = document.getElementById('change-error');
  const forceLabel = document.getElementById('change-force-label');
  const force = document.getElementById('change-force');
  const tokenInput = document.getElementById('change-token');
  const reason = document.getElementById('change-reason');
  const until = document.getElementById('change-until');
  let pending = null;

  // buttons are re-rendered with every event: listen on the container
  list.forEach(container => container.addEventListener('click', event => {
    const button = event.target.closest('button[data-action]');
    if (!button) {
      return;
    }
    const { action, kind, profile, name } = button.dataset;
    pending = {
      enabled: action === 'enable',
      what: kind === 'region' ? `region ${name}` : `${profile}/${name}`,
      path: kind === 'region' ? `/api/v1/regions/${encodeURIComponent(name)}`
        : `/api/v1/profiles/${encodeURIComponent(profile)}/endpoints/${encodeURIComponent(name)}`,
      opener: button.dataset.key,
    };
    document.getElementById('change-title').textContent = `${pending.enabled ? 'Enable' : 'Disable'} ${pending.what}`;
    document.getElementById('change-what').textContent = pending.enabled
      ? `Removes the operator override: ${pending.what} routes again by its health.`
      : `Takes ${pending.what} out of routing${kind === 'region' ? ' in every profile' : ''}; it is still probed.`;
    document.getElementById('change-disable-fields').hidden = pending.enabled;
    tokenInput.value = token();
    reason.value = '';
    until.value = '';
    force.checked = false;
    forceLabel.hidden = true;
    error.textContent = '';
    dialog.showModal();
    (tokenInput.value ? (pending.enabled ? document.getElementById('change-submit') : reason) : tokenInput).focus();
  }));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!pending) {
      return;
    }
    saveToken(tokenInput.value.trim());
    const body = { enabled: pending.enabled };
    if (!pending.enabled) {
      if (reason.value.trim()) {
        body.reason = reason.value.trim();
      }
      if (until.value) {
        body.until = new Date(until.value).toISOString();
      }
    }
    if (force.checked) {
      body.force = true;
    }
    error.textContent = 'Sending…';
    const response = await send(pending.path, body);
    if (response.ok) {
      dialog.close();
      pending = null;
      return;
    }
    error.textContent = response.message;
    if (response.status === 401) {
      saveToken('');
      tokenInput.value = '';
      tokenInput.focus();
    }
    forceLabel.hidden = response.status !== 409;
  });
  document.getElementById('change-cancel').addEventListener('click', () => dialog.close());
}

async function send(path, body) {
  try {
    const response = await fetch(path, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token()}` },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
    if (response.ok) {
      return { ok: true };
    }
    const json = await response.json().catch(() => ({}));
    let message = `${response.status}: ${json.error ?? response.statusText}`;
    if (response.status === 409 && json.profiles) {
      message += ` Profiles left with no enabled endpoint: ${json.profiles.join(', ')}. Tick "Force" to do it anyway.`;
    }
    return { ok: false, status: response.status, message };
  } catch (e) {
    return { ok: false, status: 0, message: `The director did not answer: ${e.message}` };
  }
}

/** Keeps the name choices in step with the profiles, without disturbing the operator's choice. */
export function updateResolveNames(profiles) {
  const select = document.getElementById('resolve-name');
  const domains = profiles.map(p => p.domain);
  const current = [...select.options].map(o => o.value);
  if (domains.join() !== current.join()) {
    const chosen = select.value;
    select.replaceChildren(...domains.map(d => el('option', { value: d }, d)));
    if (domains.includes(chosen)) {
      select.value = chosen;
    }
  }
}

export function setUpResolve() {
  const form = document.getElementById('resolve-form');
  const out = document.getElementById('resolve-result');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const query = new URLSearchParams({ name: form.elements.name.value, type: form.elements.type.value });
    if (form.elements.client.value.trim()) {
      query.set('client', form.elements.client.value.trim());
    }
    replace(out, el('p', { class: 'muted' }, 'Asking…'));
    try {
      const response = await fetch(`/api/v1/resolve?${query}`, { cache: 'no-store' });
      const json = await response.json();
      if (!response.ok) {
        replace(out, el('p', { class: 'error' }, `${response.status}: ${json.error}`));
        return;
      }
      replace(out,
        el('p', {}, `${json.rcode} for ${json.client ?? 'your address'}`,
          json.allDown ? ' (every enabled endpoint is degraded)' : '', json.failOpen ? ' (failing open)' : ''),
        el('ul', { class: 'answer', id: 'resolve-answer' },
          json.answer.length ? json.answer.map(a => el('li', {}, el('code', {}, a))) : el('li', { class: 'muted' }, 'no answer records')),
        el('p', { id: 'resolve-explanation', class: 'explanation' }, json.explanation ?? ''));
    } catch (e) {
      replace(out, el('p', { class: 'error' }, `The director did not answer: ${e.message}`));
    }
  });
}
