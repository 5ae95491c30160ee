import { h, section, empty } from '../lib/dom.js';
import { pagedTable } from '../lib/table.js';
import { quantity, time } from '../lib/format.js';
import { truncation } from './trades.js';

/**
 * The risk manager's decisions: stops first, then each entry it rejected or reduced (approvals can be shown
 * with the filter), with the check that decided, the measured value and the limit.
 */
export function renderRisk(run) {
  const events = run.risk_events ?? [];
  const stops = (run.stops ?? []).map((s) => h('li', {}, h('strong', { text: time(s.time) }), ` ${s.reason}`));
  const notable = events.filter((e) => e.verdict !== 'approved');
  const children = [];
  if (stops.length > 0) children.push(h('div', { class: 'stops', role: 'note' }, h('h3', { text: 'Stops' }), h('ul', {}, stops)));
  if (events.length === 0) {
    children.push(empty('The risk manager made no decision (no entry was attempted).'));
    return section('risk', 'Risk events', children);
  }
  const table = pagedTable({
    label: 'Risk events',
    pageSize: 15,
    rows: notable.length > 0 ? notable : events,
    columns: [
      { label: 'Time', value: (e) => time(e.time) },
      { label: 'Symbol', value: (e) => e.symbol },
      { label: 'Verdict', value: (e) => e.verdict, cls: (e) => `verdict-${e.verdict}` },
      { label: 'Check', value: (e) => e.check.replaceAll('_', ' ') },
      { label: 'Reason', value: (e) => e.reason },
      { label: 'Requested', value: (e) => quantity(e.requested_quantity), num: true },
      { label: 'Approved', value: (e) => quantity(e.approved_quantity), num: true },
    ],
  });
  const counts = countBy(events, (e) => e.verdict);
  const filter = h('select', { 'aria-label': 'Which risk events to show' },
    h('option', { value: 'notable', text: `rejected and reduced (${notable.length})`, selected: notable.length > 0 }),
    h('option', { value: 'all', text: `all decisions (${events.length})`, selected: notable.length === 0 }));
  filter.addEventListener('change', () => table.setRows(filter.value === 'all' ? events : notable));
  children.push(
    h('div', { class: 'risk-summary' },
      h('p', {}, Object.entries(counts).map(([verdict, n]) => h('span', { class: `pill verdict-${verdict}`, text: `${n} ${verdict}` }))),
      h('label', {}, 'Show ', filter)),
    notable.length === 0 ? h('p', { class: 'note', text: 'No entry was rejected or reduced: every decision approved the entry in full.' }) : null,
    truncation(run.risk_event_count, events.length, 'events.jsonl'),
    table.element);
  return section('risk', 'Risk events', children);
}

function countBy(list, key) {
  const counts = {};
  for (const item of list) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
