// Settings › Privacy and data, and the audit log: how the privacy promise stands, the export of everything the hub
// holds for the organization (a download), the organization's deletion behind a typed confirmation, and the audit
// log, newest first, filtered and paged in the page.
(function () {
  'use strict';
  var S = window.Settings;
  var CONFIRMATION = 'delete-everything';
  var PAGE = 25;
  var audit = [];
  var page = 0;
  var FACTS = {
    pendingPurgeAfterSync: 'Records synced to the AMS, waiting for the purge',
    notSyncedKeptUntilHardMaximum: 'Records not synced yet (kept until the hard maximum)',
    oldestUnpurgedAt: 'Oldest record still holding personal data',
    oldestUnpurgedAgeHours: 'Its age (hours)',
    purgedRecords: 'Records purged',
    lastPurgedAt: 'Last purge of your records'
  };

  function fact(term, value) {
    return [S.el('dt', { text: term }), S.el('dd', { text: value === null || value === undefined || value === '' ? '—' : String(value) })];
  }

  function loadStatus() {
    var dl = S.$('privacy-status');
    HubSession.api('/api/privacy/status').then(function (status) {
      dl.textContent = '';
      Object.keys(FACTS).forEach(function (key) {
        var value = /At$/.test(key) ? S.when(status[key]) : status[key];
        fact(FACTS[key], value).forEach(function (n) { dl.appendChild(n); });
      });
      (status.lastRuns || []).forEach(function (run) {
        fact('Purge job ' + run.job + ' last ran', S.when(run.finishedAt || run.startedAt)).forEach(function (n) { dl.appendChild(n); });
      });
    }, function (error) {
      dl.textContent = '';
      fact('Privacy status', S.notAvailable(error, 'The privacy status')).forEach(function (n) { dl.appendChild(n); });
    });
  }

  // The export is streamed JSON; the browser saves it as a file (the session cookie goes along, no token in a URL).
  function download() {
    S.result('export-result', 'Preparing the export…', null);
    fetch('/api/admin/export', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (p) { throw new Error(p.detail || 'HTTP ' + r.status); });
      }
      return r.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var a = S.el('a', { href: url, download: 'callintel-export-' + new Date().toISOString().slice(0, 10) + '.json' });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      S.result('export-result', 'Downloaded (' + Math.max(1, Math.round(blob.size / 1024)) + ' kB).', true);
    }, function (error) { S.result('export-result', error.message, false); });
  }

  function deleteOrganization(event) {
    event.preventDefault();
    if (S.$('delete-confirm').value.trim() !== CONFIRMATION) {
      S.result('delete-result', 'Type ' + CONFIRMATION + ' to confirm.', false);
      return;
    }
    S.result('delete-result', 'Deleting…', null);
    HubSession.api('/api/admin/organization?confirm=' + CONFIRMATION, { method: 'DELETE' }).then(function () {
      S.result('delete-result', 'The organization and all its data are deleted. Signing you out…', true);
      setTimeout(function () { HubSession.signOut(); }, 1500);
    }, function (error) { S.result('delete-result', error.message, false); });
  }

  // --- the audit log

  function outcome(status) {
    return status >= 500 ? 'failed' : status >= 400 ? 'refused' : 'ok';
  }

  function filtered() {
    var text = S.$('audit-text').value.trim().toLowerCase();
    var wanted = S.$('audit-outcome').value;
    return audit.filter(function (row) {
      var haystack = [row.userId, row.role, row.action, row.target].join(' ').toLowerCase();
      return (!text || haystack.indexOf(text) >= 0) && (!wanted || outcome(row.status) === wanted);
    });
  }

  function renderAudit() {
    var rows = filtered();
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    page = Math.min(page, pages - 1);
    var body = S.$('audit-rows');
    body.textContent = '';
    rows.slice(page * PAGE, (page + 1) * PAGE).forEach(function (row) {
      body.appendChild(S.el('tr', {}, [
        S.el('td', { text: S.when(row.at) }), S.el('td', { text: (row.userId || '') + (row.role ? ' (' + row.role + ')' : '') }),
        S.el('td', { text: row.action }), S.el('td', { text: row.target || '' }), S.el('td', { text: String(row.status) })
      ]));
    });
    S.$('audit-summary').textContent = rows.length + ' entr' + (rows.length === 1 ? 'y' : 'ies')
      + (rows.length === audit.length ? '' : ' of ' + audit.length + ' match') + '.';
    S.$('audit-page').textContent = 'Page ' + (page + 1) + ' of ' + pages;
    S.$('audit-newer').disabled = page === 0;
    S.$('audit-older').disabled = page >= pages - 1;
  }

  function loadAudit() {
    HubSession.api('/api/admin/audit').then(function (answer) {
      audit = Array.isArray(answer) ? answer : (answer && (answer.items || answer.entries)) || [];
      page = 0;
      renderAudit();
    }, function (error) { S.$('audit-summary').textContent = S.notAvailable(error, 'The audit log'); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    S.$('export-download').addEventListener('click', download);
    S.$('delete-form').addEventListener('submit', deleteOrganization);
    S.$('delete-confirm').addEventListener('input', function () {
      S.$('delete-submit').disabled = S.$('delete-confirm').value.trim() !== CONFIRMATION;
    });
    S.$('audit-filter').addEventListener('submit', function (event) { event.preventDefault(); page = 0; renderAudit(); });
    S.$('audit-text').addEventListener('input', function () { page = 0; renderAudit(); });
    S.$('audit-outcome').addEventListener('change', function () { page = 0; renderAudit(); });
    S.$('audit-refresh').addEventListener('click', loadAudit);
    S.$('audit-newer').addEventListener('click', function () { page -= 1; renderAudit(); });
    S.$('audit-older').addEventListener('click', function () { page += 1; renderAudit(); });
  });
  S.section('privacy', loadStatus);
  S.section('audit', loadAudit);
})();
