// The operators' notices (/operator/notices/): breaches told to the affected organizations' admins within 72 hours,
// and privacy policy versions announced to every organization 30 days ahead. Operators only (the sign-in decides).
// No inline scripts: the CSP forbids them.
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] === undefined || attrs[key] === null) { return; }
      if (key === 'text') { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function when(iso) {
    if (!iso) { return '—'; }
    var d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  }

  function say(id, text, ok) {
    $(id).textContent = text;
    $(id).className = 'status' + (ok === true ? ' ok' : ok === false ? ' bad' : '');
  }

  function deliveryRows(tbody, deliveries) {
    tbody.textContent = '';
    deliveries.forEach(function (d) {
      tbody.appendChild(el('tr', {}, [
        el('td', { text: d.recipient || '(no address: no admin signed in, no alert address)' }), el('td', { text: d.status }),
        el('td', { text: String(d.attempts) }), el('td', { text: when(d.queuedAt) }),
        el('td', { text: when(d.lastAttemptAt) }), el('td', { text: when(d.sentAt) }), el('td', { text: d.lastError || '' })
      ]));
    });
  }

  function loadIncidents() {
    return HubSession.api('/api/operator/incidents').then(function (incidents) {
      var rows = $('incident-rows');
      rows.textContent = '';
      incidents.forEach(function (i) {
        var open = el('button', { type: 'button', text: 'Open', 'aria-label': 'Open breach #' + i.id });
        open.addEventListener('click', function () { showIncident(i.id); });
        rows.appendChild(el('tr', { 'data-incident': i.id }, [
          el('td', { text: '#' + i.id }), el('td', { text: when(i.discoveredAt) }), el('td', { text: when(i.deadline) }),
          el('td', { 'class': i.untold > 0 ? 'untold' : null, text: i.untold + ' of ' + i.organizations }),
          el('td', {}, [open])
        ]));
      });
      $('incidents-summary').textContent = incidents.length + ' breach' + (incidents.length === 1 ? '' : 'es') + '.';
    }, function (error) { $('incidents-summary').textContent = error.message; });
  }

  function showIncident(id) {
    return HubSession.api('/api/operator/incidents/' + id).then(function (i) {
      var untold = i.organizations.filter(function (o) { return !o.toldAt; }).length;
      var overdue = untold > 0 && new Date(i.deadline) < new Date();
      $('incident-title').textContent = 'Breach #' + i.id + ', discovered ' + when(i.discoveredAt);
      $('incident-deadline').textContent = 'Deadline: ' + when(i.deadline) + ' (72 h after discovery) · '
        + (untold === 0 ? 'every organization told' : untold + ' organization(s) not told yet') + (overdue ? ' · OVERDUE' : '');
      $('incident-deadline').className = 'deadline' + (overdue ? ' overdue' : '');
      var parts = $('incident-parts');
      parts.textContent = '';
      [['What happened', i.whatHappened], ['Data involved', i.dataInvolved], ['Mitigation taken', i.mitigation],
        ['Recommended actions', i.recommendedActions]].forEach(function (part) {
        parts.appendChild(el('dt', { text: part[0] }));
        parts.appendChild(el('dd', { text: part[1] }));
      });
      var told = $('told-rows');
      told.textContent = '';
      i.organizations.forEach(function (o) {
        told.appendChild(el('tr', {}, [el('td', { text: o.name + ' (' + o.orgId + ')' }),
          el('td', { 'class': o.toldAt ? null : 'untold', text: o.toldAt ? when(o.toldAt) : 'not yet' })]));
      });
      deliveryRows($('incident-deliveries'), i.deliveries);
      var reminders = $('incident-reminders');
      reminders.textContent = '';
      i.reminders.forEach(function (r) {
        reminders.appendChild(el('li', { text: r.afterHours + ' h after discovery: mailed ' + when(r.sentAt) }));
      });
      if (i.reminders.length === 0) { reminders.appendChild(el('li', { text: 'none' })); }
      $('incident').hidden = false;
      $('incident').focus();
    }, function (error) { $('incidents-summary').textContent = error.message; });
  }

  function record(event) {
    event.preventDefault();
    var local = $('discovered-at').value;
    var body = {
      discoveredAt: local ? new Date(local).toISOString() : null,
      whatHappened: $('what-happened').value, dataInvolved: $('data-involved').value,
      mitigation: $('mitigation').value, recommendedActions: $('recommended-actions').value,
      organizations: $('organizations').value.split(/[\s,]+/).filter(function (id) { return id; })
    };
    say('record-result', 'Recording…', null);
    HubSession.api('/api/operator/incidents', { method: 'POST', body: JSON.stringify(body) }).then(function (i) {
      $('record-form').reset();
      return Promise.all([loadIncidents(), showIncident(i.id)]).then(function () {
        say('record-result', 'Recorded breach #' + i.id + '; the admins of ' + i.organizations.length
          + ' organization(s) are being mailed.', true);
      });
    }, function (error) { say('record-result', error.message, false); });
  }

  function loadPolicies() {
    return HubSession.api('/api/operator/policies').then(function (versions) {
      var rows = $('policy-rows');
      rows.textContent = '';
      versions.forEach(function (p) {
        var open = el('button', { type: 'button', text: 'Open', 'aria-label': 'Open policy version #' + p.id });
        open.addEventListener('click', function () { showPolicy(p.id); });
        rows.appendChild(el('tr', {}, [
          el('td', { text: '#' + p.id }), el('td', { text: p.effectiveDate }), el('td', { text: when(p.publishedAt) }),
          el('td', { text: p.sent + ' of ' + p.mails }), el('td', { text: String(p.pending) }),
          el('td', { 'class': p.undelivered > 0 ? 'untold' : null, text: String(p.undelivered) }), el('td', {}, [open])
        ]));
      });
      $('policies-summary').textContent = versions.length + ' version' + (versions.length === 1 ? '' : 's') + '.';
    }, function (error) { $('policies-summary').textContent = error.message; });
  }

  function showPolicy(id) {
    return HubSession.api('/api/operator/policies/' + id).then(function (p) {
      $('policy-title').textContent = 'Version #' + p.version.id + ', effective ' + p.version.effectiveDate;
      $('policy-text').textContent = p.version.text;
      deliveryRows($('policy-deliveries'), p.deliveries);
      $('policy').hidden = false;
      $('policy').focus();
    }, function (error) { $('policies-summary').textContent = error.message; });
  }

  function publish(event) {
    event.preventDefault();
    var body = { text: $('policy-body').value, effectiveDate: $('effective-date').value || null };
    say('publish-result', 'Publishing…', null);
    HubSession.api('/api/operator/policies', { method: 'POST', body: JSON.stringify(body) }).then(function (p) {
      $('publish-form').reset();
      return Promise.all([loadPolicies(), showPolicy(p.version.id)]).then(function () {
        say('publish-result', 'Published version #' + p.version.id + ', effective ' + p.version.effectiveDate
          + '; every organization\'s admins are being mailed.', true);
      });
    }, function (error) { say('publish-result', error.message, false); });
  }

  function showSignIn(message) {
    $('desk').hidden = true;
    $('who').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = message || '';
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('sign-in-again').addEventListener('click', function () { HubSession.signIn(); });
    $('sign-out').addEventListener('click', function () { HubSession.signOut(); });
    $('record-form').addEventListener('submit', record);
    $('publish-form').addEventListener('submit', publish);
    HubSession.onSignedOut(function (reason) {
      showSignIn(reason === 'expired' ? 'Your session ended: please sign in again.' : '');
    });
    HubSession.load().then(function (session) {
      if (!session) { showSignIn(''); return; }
      if (!session.operator) { showSignIn('This page is for CallIntel\'s operators.'); return; }
      $('who-name').textContent = 'Signed in as ' + (session.email || session.userId);
      $('who').hidden = false;
      $('sign-in').hidden = true;
      $('desk').hidden = false;
      loadIncidents();
      loadPolicies();
    });
  });
})();
