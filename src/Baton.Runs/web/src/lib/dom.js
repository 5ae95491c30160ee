// Tiny DOM helpers: the views build their elements with h() instead of HTML strings, so no data is ever
// parsed as markup.

/**
 * Creates an element. attrs: class, text, style (object), dataset (object), on* (listeners), others as
 * attributes (false/null/undefined skipped). Children: nodes, strings, numbers, arrays, null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'style') Object.assign(el.style, value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** A titled section of the report; `view` names it for tests and for the dashboard's layout. */
export function section(view, title, ...children) {
  const id = `view-${view}`;
  return h('section', { class: `view view-${view}`, dataset: { view }, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title`, text: title }),
    ...children);
}

/** A note shown where a view has nothing to show. */
export function empty(text) {
  return h('p', { class: 'empty', text });
}
