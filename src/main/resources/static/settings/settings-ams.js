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
    return S.el('div', { 'class': 'rotate-form credential' }, [
      S.el('label', { 'for': nameId, text: 'Credential name' }),
      S.el('input', { id: nameId, 'class': 'cred-name', value: name || '', autocomplete: 'off', maxlength: '64' }),
      S.el('label', { 'for': valueId, text: 'Credential value' }),
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
    S.$('ams-type').addEventListener('change', presetCredentials);
    S.$('ams-add-credential').addEventListener('click', function () {
      var row = credentialRow('');
      S.$('ams-credentials').appendChild(row);
      row.querySelector('input').focus();
    });
  });
  S.section('ams', function () { return S.amsTypes().then(fillTypes).then(load); });
})();
