// Small DOM helpers: elements are built with textContent only, so nothing from the API is parsed as HTML.

const SVG = 'http://www.w3.org/2000/svg';

/** An HTML element; attrs are attributes (never style: the CSP forbids it), children are nodes or text. */
export function el(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, as el(). */
export function svg(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG, tag), attrs, children);
}

function fill(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** Replaces a container's children, keeping keyboard focus on the element with the same data-key. */
export function replace(container, ...children) {
  const focused = document.activeElement;
  const key = focused && container.contains(focused) ? focused.dataset.key : undefined;
  container.replaceChildren(...children.flat());
  if (key) {
    const again = container.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again) {
      again.focus();
    }
  }
}

/** "3 s ago", "2 min ago", from two ISO instants (both the director's clock). */
export function ago(time, now) {
  if (!time) {
    return 'never';
  }
  const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(time)) / 1000));
  if (seconds < 90) {
    return `${seconds} s ago`;
  }
  if (seconds < 5400) {
    return `${Math.round(seconds / 60)} min ago`;
  }
  return `${Math.round(seconds / 3600)} h ago`;
}

/** An ISO instant in the reader's local time, with the instant itself as the tooltip. */
export function when(iso) {
  return el('time', { datetime: iso, title: iso }, new Date(iso).toLocaleString());
}

/** A status as a badge: the text says it, the class colours it. */
export function badge(status, text = status) {
  return el('span', { class: `badge ${status}`, 'data-status': status }, text);
}
