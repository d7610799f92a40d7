/**
 * The findings list of the HTML report, as plain browser JavaScript (no framework, no network):
 * reads the embedded data, filters it, and draws a page of rows at a time, so 50,000 findings open
 * as fast as 50. A row opens to show its evidence, remediation, waiver and history.
 */
export const FINDINGS_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('simian-data').textContent);
  var rules = data.rules, all = data.f, PAGE = 200;
  var body = document.getElementById('findings-body');
  var count = document.getElementById('shown-count');
  var more = document.getElementById('more');
  var shown = PAGE, matches = [];
  var byId = function (id) { return document.getElementById(id); };

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = value == null ? '' : String(value);
    return el;
  }
  function severities() {
    var out = {};
    document.querySelectorAll('#f-severity input[name=severity]').forEach(function (box) {
      if (box.checked) out[box.value] = true;
    });
    return out;
  }
  function matchesFilters(f, sev, status, change, framework, owner, place, search) {
    if (!sev[f.s]) return false;
    if (status === '' ? f.st === 'resolved' : status !== 'all' && f.st !== status) return false;
    if (change && f.c !== change) return false;
    if (framework) {
      var rule = rules[f.r];
      if (!rule || rule.fw.indexOf(framework) < 0) return false;
    }
    if (owner && f.o !== owner) return false;
    if (place && f.p !== place) return false;
    if (search) {
      var hay = (f.r + ' ' + f.ref + ' ' + f.msg + ' ' + ((rules[f.r] || {}).t || '')).toLowerCase();
      if (hay.indexOf(search) < 0) return false;
    }
    return true;
  }
  function apply() {
    var sev = severities();
    var status = byId('f-status').value, change = byId('f-change').value;
    var framework = byId('f-framework').value, owner = byId('f-owner').value;
    var place = byId('f-place').value, search = byId('f-search').value.trim().toLowerCase();
    if (change === 'resolved' && status === '') status = 'resolved';
    matches = [];
    for (var i = 0; i < all.length; i++) {
      if (matchesFilters(all[i], sev, status, change, framework, owner, place, search)) matches.push(all[i]);
    }
    shown = PAGE;
    draw();
  }
  function row(f) {
    var tr = document.createElement('tr');
    tr.className = 'finding';
    tr.setAttribute('data-id', f.i);
    tr.setAttribute('data-severity', f.s);
    tr.setAttribute('data-status', f.st);
    var sev = document.createElement('td');
    sev.appendChild(text('span', f.s, 'sev sev-' + f.s));
    tr.appendChild(sev);
    var st = document.createElement('td');
    st.appendChild(text('span', f.st, 'st st-' + f.st));
    if (f.c) st.appendChild(text('span', f.c, 'chg chg-' + f.c));
    tr.appendChild(st);
    var rule = document.createElement('td');
    rule.appendChild(text('div', f.r));
    rule.appendChild(text('div', (rules[f.r] || {}).t || '', 'muted'));
    tr.appendChild(rule);
    var res = document.createElement('td');
    res.appendChild(text('div', f.k + '/' + f.n));
    res.appendChild(text('div', f.p, 'muted'));
    tr.appendChild(res);
    tr.appendChild(text('td', f.o));
    tr.appendChild(text('td', f.msg));
    tr.addEventListener('click', function () { toggle(tr, f); });
    return tr;
  }
  function toggle(tr, f) {
    var next = tr.nextSibling;
    if (next && next.className === 'detail') { next.parentNode.removeChild(next); return; }
    var d = document.createElement('tr');
    d.className = 'detail';
    var td = document.createElement('td');
    td.colSpan = 6;
    var rule = rules[f.r] || {};
    td.appendChild(text('div', 'ref: ' + f.ref + (f.loc ? ' (' + f.loc + ')' : '')));
    td.appendChild(text('div', 'id ' + f.i + ' · ' + f.m + ' · first seen ' + f.fs + ' · last seen ' + f.ls, 'muted'));
    if (rule.req && rule.req.length) td.appendChild(text('div', 'frameworks: ' + rule.req.join(', ')));
    if (rule.x && rule.x.length) td.appendChild(text('div', 'also known as: ' + rule.x.join(', '), 'muted'));
    var rem = f.rem || rule.rem;
    if (rem) td.appendChild(text('div', 'remediation: ' + rem));
    if (f.w) {
      var w = f.w;
      td.appendChild(text('div', 'waived by ' + (w.by === 'annotation' ? 'an annotation' : 'a waiver list') +
        (w.owner ? ', owner ' + w.owner : '') + (w.reason ? ': ' + w.reason : '') +
        (w.expires ? ' (until ' + w.expires + ')' : '') + (w.ticket ? ', ticket ' + w.ticket : '')));
    }
    if (f.ev) td.appendChild(text('pre', JSON.stringify(f.ev, null, 2)));
    d.appendChild(td);
    tr.parentNode.insertBefore(d, tr.nextSibling);
  }
  function draw() {
    var frag = document.createDocumentFragment();
    var n = Math.min(shown, matches.length);
    for (var i = 0; i < n; i++) frag.appendChild(row(matches[i]));
    body.textContent = '';
    if (n === 0) {
      var tr = document.createElement('tr');
      var td = text('td', 'No finding matches these filters.', 'muted');
      td.colSpan = 6;
      tr.appendChild(td);
      frag.appendChild(tr);
    }
    body.appendChild(frag);
    count.textContent = 'Showing ' + n + ' of ' + matches.length + ' matching findings (' + all.length + ' in the report)';
    count.setAttribute('data-matching', String(matches.length));
    more.hidden = n >= matches.length;
  }
  more.addEventListener('click', function () { shown += PAGE; draw(); });
  ['f-status', 'f-change', 'f-framework', 'f-owner', 'f-place'].forEach(function (id) {
    byId(id).addEventListener('change', apply);
  });
  byId('f-search').addEventListener('input', apply);
  document.querySelectorAll('#f-severity input').forEach(function (box) { box.addEventListener('change', apply); });
  apply();
})();
`;
