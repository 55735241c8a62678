// The world map: Natural Earth's 110m land (world-atlas, TopoJSON) decoded and projected here,
// equirectangular, 2 px per degree, latitudes 90..-60 (Antarctica left out).

import { svg, replace } from './dom.js';

const SCALE = 2;
const TOP = 90;

export function project(lon, lat) {
  return [(lon + 180) * SCALE, (TOP - lat) * SCALE];
}

/** Loads the land once; a failure leaves the graticule alone, which is enough to place regions. */
export async function drawLand(grid, land) {
  grid.replaceChildren(graticule());
  try {
    const response = await fetch('/ui/vendor/world-atlas/land-110m.json');
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    land.replaceChildren(svg('path', { class: 'land', d: landPath(await response.json()) }));
  } catch (e) {
    console.warn('map: no land outline, graticule only:', e.message);
  }
}

function graticule() {
  const lines = [];
  for (let lon = -180; lon <= 180; lon += 30) {
    const [x1, y1] = project(lon, TOP);
    const [x2, y2] = project(lon, -60);
    lines.push(`M${x1},${y1}V${y2}`);
  }
  for (let lat = 90; lat >= -60; lat -= 30) {
    const [x1, y] = project(-180, lat);
    const [x2] = project(180, lat);
    lines.push(`M${x1},${y}H${x2}`);
  }
  return svg('path', { class: 'graticule', d: lines.join('') });
}

/** TopoJSON (quantized, delta-encoded arcs) to one SVG path of every polygon ring. */
export function landPath(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map(arc => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
  const ring = indexes => {
    const points = [];
    for (const i of indexes) {
      const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };
  const polygons = [];
  for (const g of Object.values(topology.objects).flatMap(o => o.geometries ?? [o])) {
    if (g.type === 'Polygon') {
      polygons.push(g.arcs);
    } else if (g.type === 'MultiPolygon') {
      polygons.push(...g.arcs);
    }
  }
  let d = '';
  for (const polygon of polygons) {
    for (const r of polygon) {
      const points = ring(r);
      if (points.some(([, lat]) => lat > -58)) { // Antarctica is off the map
        d += ringPath(points);
      }
    }
  }
  return d;
}

/** A ring as path data; a step across the antimeridian starts a new subpath instead of crossing the map. */
function ringPath(points) {
  let d = '';
  let last = null;
  for (const [lon, lat] of points) {
    const [x, y] = project(lon, Math.max(lat, -60));
    const jump = last === null || Math.abs(lon - last) > 180;
    d += `${jump ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    last = lon;
  }
  return d + 'Z';
}

/** Each region with a location as a dot and a label saying its state; each director as a square. */
export function drawRegions(layer, regions, directors) {
  const marks = [];
  for (const r of regions) {
    if (!r.location) {
      continue;
    }
    const [x, y] = project(r.location.lon, r.location.lat);
    const title = `${r.name}: ${r.state.text}`;
    const anchor = x > 600 ? 'end' : 'start';
    const dx = anchor === 'end' ? -9 : 9;
    marks.push(svg('g', { class: `region ${r.state.status}`, 'data-region': r.name, 'data-status': r.state.status },
      svg('title', {}, title),
      svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 6 }),
      svg('text', { x: (x + dx).toFixed(1), y: (y - 2).toFixed(1), 'text-anchor': anchor, class: 'region-name' }, r.name),
      svg('text', { x: (x + dx).toFixed(1), y: (y + 10).toFixed(1), 'text-anchor': anchor, class: 'region-state' }, r.state.text)));
    const director = directors.find(d => d.name === r.name);
    if (director) {
      marks.push(svg('rect', { class: `director ${director.reachable ? 'online' : 'degraded'}`, 'data-director': director.name,
        x: (x - 10).toFixed(1), y: (y - 10).toFixed(1), width: 20, height: 20 },
        svg('title', {}, `director ${director.name}: ${director.reachable ? 'reachable' : 'unreachable'}`)));
    }
  }
  replace(layer, marks);
}
