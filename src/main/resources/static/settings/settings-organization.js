// Settings › Organization: the agency's name, phone region, time zone and alert email (the privacy policy's
// "correction"), and who the notices are mailed to, where an admin can take an admin off (someone who left: the
// hub hears of admins only when they sign in). Only filled fields are sent: the API keeps what a request leaves out.
(function () {
  'use strict';
  var S = window.Settings;
  var FIELDS = { name: 'org-name', defaultRegion: 'org-region', timeZone: 'org-zone', alertEmail: 'org-alert' };

  function fill(org) {
    Object.keys(FIELDS).forEach(function (key) { S.$(FIELDS[key]).value = org[key] || ''; });
    S.$('org-line').textContent = org.name || 'Your agency\'s setup';
  }

  function showRecipients(view) {
    var list = S.$('notice-recipients');
    list.textContent = '';
    if (!view.recipients.length) {
      list.appendChild(S.el('li', { text: 'Nobody yet: set an alert email, or sign in as an admin.' }));
    }
    view.recipients.forEach(function (r) {
      list.appendChild(r.as === 'admin' ? adminLine(r) : S.el('li', { text: r.address + ' (alert email)' }));
    });
  }

  function adminLine(admin) {
    var remove = S.el('button', { type: 'button', 'class': 'danger', text: 'Remove',
      'aria-label': 'Remove ' + admin.address + ' from the notices' });
    remove.addEventListener('click', function () { removeAdmin(admin); });
    return S.el('li', { 'class': 'recipient', 'data-id': admin.id }, [S.el('span', { text: admin.address + ' (admin)' }), ' ', remove]);
  }

  function isYou(admin) {
    var session = HubSession.current() || {};
    return admin.id === session.userId
      || (!!session.email && admin.address.toLowerCase() === session.email.toLowerCase());
  }

  function removeAdmin(admin) {
    var question = isYou(admin)
      ? 'Remove yourself (' + admin.address + ') from the notices? You are added back the next time you sign in.'
      : 'Remove ' + admin.address + ' from the notices? Do this for someone who is no longer an admin: remove them at '
        + 'your sign-in provider too, or they are added back the next time they sign in as an admin.';
    if (!window.confirm(question)) { return; }
    HubSession.api('/api/admin/notice-recipients/' + encodeURIComponent(admin.id), { method: 'DELETE' }).then(function () {
      S.result('organization-result', admin.address + ' no longer receives notices.', true);
      loadRecipients();
    }, function (error) {
      S.result('organization-result', error.message, false);
      loadRecipients();
    });
  }

  function loadRecipients() {
    HubSession.api('/api/admin/notice-recipients').then(showRecipients, function (error) {
      S.result('organization-result', S.notAvailable(error, 'Who receives notices'), false);
    });
  }

  function load() {
    if (Intl.supportedValuesOf && !S.$('time-zones').children.length) {
      Intl.supportedValuesOf('timeZone').forEach(function (zone) {
        S.$('time-zones').appendChild(S.el('option', { value: zone }));
      });
    }
    HubSession.api('/api/admin/organization').then(fill, function (error) {
      S.result('organization-result', S.notAvailable(error, 'The organization\'s details'), false);
    });
    loadRecipients();
  }

  function save(event) {
    event.preventDefault();
    var body = {};
    Object.keys(FIELDS).forEach(function (key) {
      var value = S.$(FIELDS[key]).value.trim();
      if (value) { body[key] = value; }
    });
    S.result('organization-result', 'Saving…', null);
    HubSession.api('/api/admin/organization', { method: 'PUT', body: JSON.stringify(body) }).then(function (org) {
      fill(org);
      loadRecipients();
      S.result('organization-result', 'Saved.', true);
      S.changed();
    }, function (error) {
      S.result('organization-result', error.message, false);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    S.$('organization-form').addEventListener('submit', save);
  });
  S.section('organization', load);
})();
