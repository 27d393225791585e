// Settings › AMS connection: which AMS and its credentials (write-only: the hub never sends them back), a live
// "Test connection" that looks up a number the admin types and shows what the AMS answered (nothing is kept), and
// removal (revocation: no more lookups or notes).
(function () {
  'use strict';
  var S = window.Settings;
  var rows = 0;
  // the installed AMS types (GET /api/admin/connectors, from connectors/ams/): title and the credential names each
  // connector reads (callintel.io/credentials); an admin may add others
  var TYPES = {};
  var CREDENTIALS = {};

  function fillTypes(types) {
    var select = S.$('ams-type');
    select.textContent = '';
    (types || []).forEach(function (t) {
      TYPES[t.type] = t.title || t.type;
      CREDENTIALS[t.type] = t.credentials || [];
      select.appendChild(S.el('option', { value: t.type, text: t.title || t.type }));
    });
  }

  function credentialRow(name) {
    rows += 1;
    var nameId = 'ams-cred-name-' + rows;
    var valueId = 'ams-cred-value-' + rows;
    // the value's label names its credential (read out, not shown), so each value field says which one it is
    var of = S.el('span', { 'class': 'visually-hidden', text: name ? ' of ' + name : '' });
    var nameInput = S.el('input', { id: nameId, 'class': 'cred-name', value: name || '', autocomplete: 'off', maxlength: '64' });
    nameInput.addEventListener('input', function () { of.textContent = nameInput.value.trim() ? ' of ' + nameInput.value.trim() : ''; });
    return S.el('div', { 'class': 'rotate-form credential' }, [
      S.el('label', { 'for': nameId, text: 'Credential name' }),
      nameInput,
      S.el('label', { 'for': valueId }, ['Credential value', of]),
      S.el('input', { id: valueId, 'class': 'cred-value', type: 'password', autocomplete: 'off', maxlength: '4096' })
    ]);
  }

  function presetCredentials() {
    var box = S.$('ams-credentials');
    var typed = Array.prototype.some.call(box.querySelectorAll('.cred-value'), function (i) { return i.value; });
    if (typed) { return; }
    box.textContent = '';
    (CREDENTIALS[S.$('ams-type').value] || []).forEach(function (name) { box.appendChild(credentialRow(name)); });
  }

  function describe(connection) {
    S.$('ams-current').textContent = 'Connected to ' + (TYPES[connection.type] || connection.type) + ' at ' + connection.baseUrl
      + (connection.activityCode ? ', activity code ' + connection.activityCode : '')
      + '. Credentials are set (never shown). Saved ' + S.when(connection.updatedAt)
      + (connection.updatedBy ? ' by ' + connection.updatedBy : '') + '.'
      + (connection.lastTestedAt ? ' Last test ' + (connection.lastTestOk ? 'passed' : 'failed') + ' ' + S.when(connection.lastTestedAt) + '.'
        : connection.lastTestedAt === null ? ' Not tested since it was saved.' : '');
    S.$('ams-type').value = connection.type;
    S.$('ams-base-url').value = connection.baseUrl || '';
    S.$('ams-activity').value = connection.activityCode || '';
    var settings = connection.settings || {};
    S.$('ams-settings').value = Object.keys(settings).length ? JSON.stringify(settings) : '';
    S.$('ams-remove').hidden = false;
    presetCredentials();
  }

  function load() {
    HubSession.api('/api/admin/ams-connection').then(describe, function (error) {
      S.$('ams-remove').hidden = true;
      S.$('ams-current').textContent = error.status === 404 && !S.missing(error)
        ? 'No AMS connected: calls are kept, but no caller is looked up and no note is written.'
        : S.notAvailable(error, 'The AMS connection');
      presetCredentials();
    });
  }

  function save(event) {
    event.preventDefault();
    var credentials = {};
    S.$('ams-credentials').querySelectorAll('.credential').forEach(function (row) {
      var name = row.querySelector('.cred-name').value.trim();
      var value = row.querySelector('.cred-value').value;
      if (name && value) { credentials[name] = value; }
    });
    var body = { type: S.$('ams-type').value, baseUrl: S.$('ams-base-url').value.trim(), credentials: credentials };
    if (S.$('ams-activity').value.trim()) { body.activityCode = S.$('ams-activity').value.trim(); }
    if (S.$('ams-settings').value.trim()) {
      try {
        body.settings = JSON.parse(S.$('ams-settings').value);
      } catch (e) {
        S.result('ams-result', 'The connector settings are not valid JSON.', false);
        S.$('ams-settings').focus();
        return;
      }
    }
    S.result('ams-result', 'Saving…', null);
    HubSession.api('/api/admin/ams-connection', { method: 'PUT', body: JSON.stringify(body) }).then(function (connection) {
      S.$('ams-credentials').querySelectorAll('.cred-value').forEach(function (i) { i.value = ''; });
      describe(connection);
      S.result('ams-result', 'Saved. Test the connection below with a client\'s number.', true);
      S.changed();
    }, function (error) { S.result('ams-result', error.message, false); });
  }

  function showTest(answer) {
    var box = S.$('ams-test-result');
    box.textContent = '';
    var lookup = answer.lookup || {};
    var candidates = lookup.candidates || [];
    if (answer.ok === false) {
      box.className = 'result bad';
      box.appendChild(S.el('p', { text: 'The AMS did not accept the connection: ' + (answer.reason || answer.detail || 'no reason given') + '.' }));
      S.changed();
      load();
      return;
    }
    box.className = 'result' + (answer.ok ? ' ok' : '');
    box.appendChild(S.el('p', { text: answer.ok ? 'The AMS answered: the connection works.' : (answer.detail || 'No live test for this AMS.') }));
    if (answer.lookup && lookup.detail) {
      box.appendChild(S.el('p', { text: 'Looked up ' + (lookup.number || 'the number') + ': ' + lookup.detail + '.' }));
    } else if (answer.lookup) {
      box.appendChild(S.el('p', { text: (lookup.number ? 'Looked up ' + lookup.number + '. ' : '') + (candidates.length === 0 ? 'No client has this number.'
        : candidates.length === 1 ? 'One client has this number:' : candidates.length + ' clients have this number:') }));
      if (candidates.length) {
        box.appendChild(S.el('ul', { 'class': 'candidates' }, candidates.map(function (c) {
          return S.el('li', {}, [S.el('strong', { text: c.name || '(no name)' }), ' — AMS id ' + (c.id || '?')]);
        })));
      }
    }
    S.changed();
    load();
  }

  function test(event) {
    event.preventDefault();
    var number = S.$('ams-test-number').value.trim();
    if (!number) { S.result('ams-test-result', 'Type a phone number to look up.', false); S.$('ams-test-number').focus(); return; }
    S.result('ams-test-result', 'Asking the AMS…', null);
    HubSession.api('/api/admin/ams-connection/test', { method: 'POST', body: JSON.stringify({ number: number }) })
      .then(showTest, function (error) { S.result('ams-test-result', error.message, false); });
  }

  // --- the recent notes: what the hub wrote to the AMS, or why a note waits (read-only, the organization's own)

  var NOTES_SHOWN = 5;

  function clientOf(sync) {
    var chosen = (sync.candidates || []).filter(function (c) { return c && c.id === sync.targetId; })[0];
    return chosen && chosen.name ? chosen.name + ' (AMS id ' + sync.targetId + ')' : sync.targetId ? 'AMS id ' + sync.targetId : '';
  }

  function noteState(sync) {
    var client = clientOf(sync);
    switch (sync.status) {
      case 'synced': return 'written ' + S.when(sync.syncedAt) + (client ? ' to ' + client : '');
      case 'needs_choice': return 'waiting: several clients have this number, an agent picks one';
      case 'unmatched': return 'not written: no client has this number, an agent assigns one';
      case 'dead': return 'failed after ' + sync.attempts + ' tries' + (sync.lastError ? ': ' + sync.lastError : '');
      default: return 'waiting to be written' + (sync.attempts > 0 && sync.lastError ? ' (last try: ' + sync.lastError + ')' : '');
    }
  }

  function loadNotes() {
    HubSession.api('/api/ams-syncs').then(function (syncs) {
      var ul = S.$('ams-notes');
      ul.textContent = '';
      (syncs || []).slice(0, NOTES_SHOWN).forEach(function (sync) {
        ul.appendChild(S.el('li', { 'class': 'note ' + sync.status, 'data-status': sync.status }, [
          S.el('strong', { text: (sync.sourceKind === 'sms' ? 'Text message' : 'Call') + ' note' }), ' — ' + noteState(sync)
        ]));
      });
      S.$('ams-notes-summary').textContent = (syncs || []).length === 0 ? 'No note yet: notes appear after the first calls.'
        : 'Showing the latest ' + Math.min(NOTES_SHOWN, syncs.length) + ' of ' + syncs.length + '.';
    }, function (error) {
      S.$('ams-notes').textContent = '';
      S.$('ams-notes-summary').textContent = S.notAvailable(error, 'The list of notes');
    });
  }

  function remove() {
    if (!window.confirm('Remove the AMS connection? Its credentials are deleted: no caller is looked up and no note is written until you connect again.')) { return; }
    HubSession.api('/api/admin/ams-connection', { method: 'DELETE' }).then(function () {
      S.result('ams-result', 'The AMS connection is removed.', true);
      load();
      S.changed();
    }, function (error) { S.result('ams-result', error.message, false); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    S.$('ams-form').addEventListener('submit', save);
    S.$('ams-test-form').addEventListener('submit', test);
    S.$('ams-remove').addEventListener('click', remove);
    S.$('ams-notes-refresh').addEventListener('click', loadNotes);
    S.$('ams-type').addEventListener('change', presetCredentials);
    S.$('ams-add-credential').addEventListener('click', function () {
      var row = credentialRow('');
      S.$('ams-credentials').appendChild(row);
      row.querySelector('input').focus();
    });
  });
  S.section('ams', function () { loadNotes(); return S.amsTypes().then(fillTypes).then(load); });
})();
