// Settings › Team: which member each provider user (id, email or extension) stands for, picked from the users seen
// in recent webhooks. The API replaces the whole mapping at once, so each change sends the full list.
(function () {
  'use strict';
  var S = window.Settings;
  var mappings = [];

  function cell(text) { return S.el('td', { text: text || '' }); }

  function render() {
    var body = S.$('team-rows');
    body.textContent = '';
    mappings.forEach(function (m, index) {
      var remove = S.el('button', { type: 'button', 'class': 'danger', text: 'Unmap',
        'aria-label': 'Unmap ' + (m.providerUserId || m.email || m.extension) + ' from ' + m.memberId });
      remove.addEventListener('click', function () {
        var next = mappings.slice();
        next.splice(index, 1);
        send(next, 'Unmapped.');
      });
      body.appendChild(S.el('tr', {}, [cell(m.memberId), cell(S.title(m.provider)), cell(m.providerUserId), cell(m.email),
        cell(m.extension), S.el('td', {}, [remove])]));
    });
    S.$('no-team').hidden = mappings.length > 0;
  }

  function send(next, done) {
    S.result('team-result', 'Saving…', null);
    return HubSession.api('/api/admin/agents', { method: 'PUT', body: JSON.stringify(next) }).then(function (saved) {
      mappings = saved || next;
      render();
      S.result('team-result', done, true);
      S.changed();
      loadSeen();
    }, function (error) { S.result('team-result', error.message, false); });
  }

  function add(event) {
    event.preventDefault();
    var mapping = { memberId: S.$('team-member').value.trim(), provider: S.$('team-provider').value };
    ['providerUserId:team-user', 'email:team-email', 'extension:team-extension'].forEach(function (pair) {
      var parts = pair.split(':');
      var value = S.$(parts[1]).value.trim();
      if (value) { mapping[parts[0]] = value; }
    });
    send(mappings.concat([mapping]), 'Mapped ' + mapping.memberId + '.').then(function () {
      if (S.$('team-result').className.indexOf('ok') >= 0) { S.$('team-form').reset(); }
    });
  }

  function pick(user) {
    S.$('team-provider').value = user.provider;
    S.$('team-user').value = user.userId || '';
    S.$('team-email').value = '';
    S.$('team-extension').value = '';
    S.result('team-result', 'Now enter the member id ' + (user.name || user.userId) + ' signs in with, then "Map this agent".', null);
    S.$('team-member').focus();
  }

  function loadSeen() {
    HubSession.api('/api/admin/agents/seen').then(function (users) {
      var ul = S.$('seen-users');
      ul.textContent = '';
      (users || []).forEach(function (user) {
        var who = (user.name || user.userId) + ' (' + S.title(user.provider) + ' user ' + user.userId + ')';
        var button = S.el('button', { type: 'button', text: 'Map', 'aria-label': 'Map ' + who });
        button.addEventListener('click', function () { pick(user); });
        ul.appendChild(S.el('li', {}, [
          S.el('span', { text: who + ' · last seen ' + S.when(user.lastSeenAt) + (user.mapped ? ' · mapped' : '') }),
          user.mapped ? null : button
        ]));
      });
      S.$('seen-note').textContent = (users || []).length ? '' : 'No provider user seen yet: they appear after the first webhooks.';
    }, function (error) {
      S.$('seen-users').textContent = '';
      S.$('seen-note').textContent = S.notAvailable(error, 'The list of users seen in webhooks');
    });
  }

  function load() {
    // the installed connectors; without that list, the providers of the organization's accounts
    S.connectors().then(function (connectors) {
      return connectors || HubSession.api('/api/admin/provider-accounts').then(function (accounts) {
        return accounts.map(function (a) { return a.provider; }).filter(function (p, i, all) { return all.indexOf(p) === i; })
          .map(function (p) { return { provider: p }; });
      }, function () { return []; });
    }).then(function (providers) {
      var select = S.$('team-provider');
      select.textContent = '';
      providers.forEach(function (c) { select.appendChild(S.el('option', { value: c.provider, text: c.title || S.title(c.provider) })); });
    });
    HubSession.api('/api/admin/agents').then(function (list) {
      mappings = list || [];
      render();
    }, function (error) { S.result('team-result', S.notAvailable(error, 'The agent mapping'), false); });
    loadSeen();
  }

  document.addEventListener('DOMContentLoaded', function () {
    S.$('team-form').addEventListener('submit', add);
  });
  S.section('team', load);
})();
