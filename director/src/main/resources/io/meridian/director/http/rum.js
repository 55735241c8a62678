/*
 * Meridian real-user measurements: times one request per region from this visitor's browser and
 * posts the round-trip times to the Meridian that served this script, which routes the visitor's
 * network to the region measured fastest. No dependencies, no cookies, nothing on the page waits.
 * Embed: <script async src="https://meridian.example.com/rum.js"></script>
 */
(function () {
  'use strict';
  var config = /*MERIDIAN_CONFIG*/{"beacons": [], "delayMs": 0};
  var state = window.meridianRum = {done: false, status: null, samples: []};
  var script = document.currentScript;
  if (!script || !window.fetch || !window.performance || !window.Promise) {
    state.done = true;
    return;
  }
  var post = new URL('/api/v1/measurements', script.src).href;

  function once(url) {
    var start = performance.now();
    var busted = url + (url.indexOf('?') < 0 ? '?' : '&') + 'meridian-rum=' + Math.random().toString(36).slice(2);
    // no-cors: the beacon need not allow this page; only the time to its response matters
    return fetch(busted, {mode: 'no-cors', cache: 'no-store', credentials: 'omit'})
      .then(function () { return performance.now() - start; });
  }

  function time(beacon) {
    // the first request pays for DNS, TCP and TLS: discard it and keep the second, as Azure's RUM does
    return once(beacon.url).then(function () { return once(beacon.url); }).then(function (ms) {
      return {region: beacon.region, rttMs: Math.round(ms * 10) / 10};
    }, function () { return null; });
  }

  function run() {
    var chain = Promise.resolve();
    // one region at a time, so the regions do not compete for the visitor's bandwidth
    config.beacons.slice(0, 32).forEach(function (beacon) {
      chain = chain.then(function () {
        return time(beacon).then(function (s) {
          if (s && s.rttMs > 0 && s.rttMs < 60000) {
            state.samples.push(s);
          }
        });
      });
    });
    chain.then(function () {
      if (!state.samples.length) {
        return null;
      }
      return fetch(post, {method: 'POST', keepalive: true, mode: 'cors', credentials: 'omit',
        headers: {'Content-Type': 'application/json'}, body: JSON.stringify({samples: state.samples})})
        .then(function (r) { state.status = r.status; });
    }).catch(function (e) { state.error = String(e); }).then(function () { state.done = true; });
  }

  function later() {
    setTimeout(run, config.delayMs);
  }
  if (document.readyState === 'complete') {
    later();
  } else {
    window.addEventListener('load', later);
  }
})();
