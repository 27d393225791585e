// Settings › Organization: the agency's name, phone region, time zone and alert email (the privacy policy's
// "correction"). Only filled fields are sent: the API keeps what a request leaves out.
(function () {
  'use strict';
  var S = window.Settings;
  var FIELDS = { name: 'org-name', defaultRegion: 'org-region', timeZone: 'org-zone', alertEmail: 'org-alert' };

  function fill(org) {
    Object.keys(FIELDS).forEach(function (key) { S.$(FIELDS[key]).value = org[key] || ''; });
    S.$('org-line').textContent = org.name || 'Your agency\'s setup';
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
