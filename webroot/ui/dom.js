// Small DOM helpers. Text from the API only ever becomes text nodes or attribute values, never
// markup: names, descriptions and reasons are written by users.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an element. `attrs` may hold `class`, `text`, `on<Event>` handlers, `dataset`, boolean
 * attributes (true adds, false or null leaves out) and plain attributes; children are nodes,
 * strings, or arrays of them (null and false are skipped).
 */
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** Creates an SVG element, with the same conventions as {@link h}. */
export function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'text') {
      element.textContent = String(value);
    } else if (name === 'class') {
      element.setAttribute('class', value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'value' && 'value' in element && !(element instanceof SVGElement)) {
      element.value = value;
    } else if (name === 'style') {
      throw new Error('inline styles are refused by the content security policy; use a class');
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces every child of `element` with `children`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A section heading with optional actions on the right. */
export function pageHeader(title, ...actions) {
  return h('div', { class: 'page-header' },
    h('h1', { text: title, tabindex: '-1' }),
    h('div', { class: 'actions' }, actions));
}

/** A table from column definitions `{label, value(row) → node|string, class?}`. */
export function table(columns, rows, { empty = 'Nothing here yet.', caption } = {}) {
  if (!rows.length) {
    return h('p', { class: 'empty' }, empty);
  }
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption ? h('caption', { text: caption }) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class, text: c.label })))),
      h('tbody', {}, rows.map((row) => h('tr', { dataset: row.id ? { id: row.id } : undefined },
        columns.map((c) => h('td', { class: c.class }, c.value(row))))))));
}

/** A definition list from `[term, value]` pairs; null values are left out. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined)
    .map(([term, value]) => [h('dt', { text: term }), h('dd', {}, value)]));
}

/** A coloured badge; `kind` picks the colour (ok, warn, bad, muted, info). */
export function badge(text, kind = 'muted') {
  return h('span', { class: `badge badge-${kind}`, text });
}

/** A link to a route of the app. */
export function link(route, text, attrs = {}) {
  return h('a', { href: `#${route}`, ...attrs }, text);
}
