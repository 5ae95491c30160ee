import { h } from '../shared.js';
import { getJson, send } from '../api.js';

/** Every strategy of the server's folder: valid ones with a form to start a backtest, the others with their
 * located problems, as `baton validate` prints them. */
export async function renderStrategies(page) {
  const [strategies, choices] = await Promise.all([getJson('/api/strategies'), getJson('/api/data-choices')]);
  const valid = strategies.filter((s) => s.valid).length;
  page.append(
    h('h1', { text: 'Strategies' }),
    h('p', { class: 'lead', text: strategies.length === 0
      ? 'No strategy files (*.yaml) were found in the folder baton serve was given (--strategies).'
      : `${strategies.length} strategy files, ${valid} valid. Set parameters and data, then run a backtest.` }),
    h('ul', { class: 'cards', 'aria-label': 'Strategy files' }, strategies.map((s) => h('li', {}, card(s, choices)))));
}

function card(s, choices) {
  const titleId = `strategy-${slug(s.file)}`;
  const facts = s.valid ? [s.file, s.symbols.join(', '), s.timeframe, s.data].filter(Boolean).join(' · ') : s.file;
  return h('article', { class: `card strategy ${s.valid ? 'valid' : 'invalid'}`, dataset: { file: s.file }, 'aria-labelledby': titleId },
    h('div', { class: 'card-head' },
      h('h2', { id: titleId, text: s.name || s.file }),
      h('span', { class: `badge ${s.valid ? 'badge-ok' : 'badge-bad'}`, text: s.valid ? 'valid' : `${s.problems.length} problem${s.problems.length === 1 ? '' : 's'}` })),
    h('p', { class: 'facts', text: facts }),
    s.valid ? runForm(s, choices, titleId) : problems(s.problems, `Problems in ${s.file}`));
}

function problems(list, label) {
  return h('ul', { class: 'problems', 'aria-label': label }, list.map((p) => h('li', {}, h('code', { text: p.text }))));
}

function runForm(s, choices, titleId) {
  const id = titleId;
  const params = Object.entries(s.parameters ?? {});
  const alert = h('div', { class: 'form-errors', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary', text: 'Run backtest' });
  const form = h('form', { class: 'run-form', 'aria-label': `Run a backtest of ${s.name}` },
    params.length ? h('fieldset', { class: 'params' },
      h('legend', { text: 'Parameters' }),
      params.map(([name, value]) => field(`${id}-p-${slug(name)}`, name, h('input', {
        id: `${id}-p-${slug(name)}`, name: `param:${name}`, value, autocomplete: 'off', spellcheck: 'false',
      })))) : null,
    h('fieldset', { class: 'data' },
      h('legend', { text: 'Data' }),
      field(`${id}-data`, 'Source', h('select', { id: `${id}-data`, name: 'data' },
        h('option', { value: '', text: `The strategy's own (${s.data})` }),
        choices.map((c) => h('option', { value: c.id, text: c.label }))), true),
      field(`${id}-from`, 'From (UTC)', h('input', { id: `${id}-from`, name: 'from', type: 'date' })),
      field(`${id}-to`, 'To (UTC)', h('input', { id: `${id}-to`, name: 'to', type: 'date' }))),
    h('div', { class: 'actions' }, button,
      h('a', { class: 'button sweep-link', href: `#/sweeps/new/${encodeURIComponent(s.file)}`, text: 'Sweep parameters…' })),
    alert);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const parameters = {};
    for (const [key, value] of data) if (key.startsWith('param:')) parameters[key.slice(6)] = String(value);
    button.disabled = true;
    alert.replaceChildren();
    try {
      const r = await send('POST', '/api/backtests', {
        strategy: s.file, parameters, data: data.get('data') || null, from: data.get('from') || null, to: data.get('to') || null,
      });
      if (r.status === 202) { window.location.hash = `#/runs/${r.body.id}`; return; }
      alert.append(h('p', { text: 'The backtest could not start:' }),
        r.body?.problems ? problems(r.body.problems, 'Why the backtest could not start') : h('p', { text: r.body?.error ?? String(r.status) }));
    } catch (error) {
      alert.append(h('p', { text: `The backtest could not start: ${error.message}` }));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function field(id, label, control, wide = false) {
  return h('div', { class: wide ? 'field field-wide' : 'field' }, h('label', { for: id, text: label }), control);
}

export function slug(text) {
  return String(text).replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}
