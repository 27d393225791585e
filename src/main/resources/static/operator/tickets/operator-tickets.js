// The operators' ticket desk (/operator/tickets/): support tickets of every organization, and their status.
// Operators only (the sign-in decides); it shows the ticket and its organization's name, nothing else of it.
// No inline scripts: the CSP forbids them.
(function () {
  'use strict';
  var current = null;

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
    var d = new Date(iso);
    return isNaN(d) ? String(iso || '') : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  }

  function status(text, ok) {
    $('change-result').textContent = text;
    $('change-result').className = 'status' + (ok === true ? ' ok' : ok === false ? ' bad' : '');
  }

  function load() {
    var filter = $('filter-status').value;
    return HubSession.api('/api/operator/tickets' + (filter ? '?status=' + encodeURIComponent(filter) : ''))
      .then(function (tickets) {
        var rows = $('ticket-rows');
        rows.textContent = '';
        tickets.forEach(function (t) {
          var open = el('button', { type: 'button', text: 'Open', 'aria-label': 'Open ticket #' + t.id });
          open.addEventListener('click', function () { show(t.id); });
          rows.appendChild(el('tr', { 'data-ticket': t.id, 'class': current === t.id ? 'selected' : null }, [
            el('td', { text: '#' + t.id }), el('td', { text: t.organization.name }), el('td', { text: when(t.updatedAt) }),
            el('td', { text: t.category }), el('td', { text: t.subject }), el('td', { 'class': 'ticket-status', text: t.status }),
            el('td', {}, [open])
          ]));
        });
        $('tickets-summary').textContent = tickets.length + ' ticket' + (tickets.length === 1 ? '' : 's') + '.';
      }, function (error) {
        $('tickets-summary').textContent = error.message;
      });
  }

  function show(id) {
    return HubSession.api('/api/operator/tickets/' + id).then(function (t) {
      current = t.id;
      $('ticket-title').textContent = '#' + t.id + ' ' + t.subject;
      $('ticket-meta').textContent = t.organization.name + ' · ' + t.category + ' · ' + t.status + ' · from '
        + (t.reporter.email || t.reporter.userId) + ' (' + t.reporter.role + ') · opened ' + when(t.createdAt);
      $('ticket-text').textContent = t.text;
      var list = $('ticket-changes');
      list.textContent = '';
      t.changes.forEach(function (c) {
        list.appendChild(el('li', {}, [
          el('span', { text: when(c.at) + ' · ' + c.by + ': ' + c.fromStatus + ' → ' + c.toStatus }),
          c.reply ? el('p', { 'class': 'reply', text: c.reply }) : null
        ]));
      });
      $('change-status').value = '';
      $('change-reply').value = '';
      status('', null);
      $('ticket').hidden = false;
      $('ticket').focus();
      Array.prototype.forEach.call(document.querySelectorAll('#ticket-rows tr'), function (row) {
        row.classList.toggle('selected', row.getAttribute('data-ticket') === String(t.id));
      });
    }, function (error) {
      $('tickets-summary').textContent = error.message;
    });
  }

  function change(event) {
    event.preventDefault();
    var body = {};
    if ($('change-status').value) { body.status = $('change-status').value; }
    if ($('change-reply').value.trim()) { body.reply = $('change-reply').value.trim(); }
    status('Saving…', null);
    HubSession.api('/api/operator/tickets/' + current, { method: 'PATCH', body: JSON.stringify(body) }).then(function (t) {
      return Promise.all([load(), show(t.id)]).then(function () {
        status('Saved: ticket #' + t.id + ' is ' + t.status + '; the reporter is mailed.', true);
      });
    }, function (error) {
      status(error.message, false);
    });
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
    $('refresh').addEventListener('click', load);
    $('filter-status').addEventListener('change', load);
    $('change-form').addEventListener('submit', change);
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
      load();
    });
  });
})();
