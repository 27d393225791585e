// Settings › Support: open a ticket for CallIntel support (category, subject, text) and follow the organization's
// tickets, with support's replies. The hub mails support and the member; status changes are mailed too.
(function () {
  'use strict';
  var S = window.Settings;
  var STATUS = { open: 'Open', 'in-progress': 'In progress', 'waiting-on-customer': 'Waiting on you',
    resolved: 'Resolved', closed: 'Closed' };

  function status(name) { return STATUS[name] || S.title(name); }

  function row(ticket) {
    var show = S.el('button', { type: 'button', text: 'Show', 'aria-label': 'Show ticket #' + ticket.id });
    show.addEventListener('click', function () { detail(ticket.id); });
    return S.el('tr', { 'data-ticket': ticket.id }, [
      S.el('td', { text: '#' + ticket.id }),
      S.el('td', { text: S.when(ticket.createdAt) }),
      S.el('td', { text: (ticket.reporter && (ticket.reporter.email || ticket.reporter.userId)) || '' }),
      S.el('td', { text: ticket.subject }),
      S.el('td', { 'class': 'ticket-status', text: status(ticket.status) }),
      S.el('td', {}, [show])
    ]);
  }

  function load() {
    return HubSession.api('/api/support/tickets').then(function (tickets) {
      var rows = S.$('support-rows');
      rows.textContent = '';
      (tickets || []).forEach(function (t) { rows.appendChild(row(t)); });
      S.$('no-support').hidden = (tickets || []).length > 0;
    }, function (error) {
      S.result('support-result', S.notAvailable(error, 'Support'), false);
    });
  }

  function detail(id) {
    HubSession.api('/api/support/tickets/' + id).then(function (ticket) {
      var box = S.$('support-detail');
      box.textContent = '';
      box.appendChild(S.el('h3', { text: '#' + ticket.id + ' ' + ticket.subject + ' (' + status(ticket.status) + ')' }));
      box.appendChild(S.el('p', { 'class': 'ticket-text', style: 'white-space: pre-wrap', text: ticket.text }));
      (ticket.changes || []).forEach(function (change) {
        box.appendChild(S.el('p', { 'class': 'muted', text: S.when(change.at) + ' · ' + change.by + ': '
          + status(change.fromStatus) + ' → ' + status(change.toStatus) }));
        if (change.reply) { box.appendChild(S.el('p', { 'class': 'ticket-text', style: 'white-space: pre-wrap', text: change.reply })); }
      });
      box.hidden = false;
      box.focus();
    }, function (error) {
      S.result('support-result', error.message, false);
    });
  }

  function send(event) {
    event.preventDefault();
    var body = {
      category: S.$('support-category').value,
      subject: S.$('support-subject').value.trim(),
      text: S.$('support-text').value.trim()
    };
    S.result('support-result', 'Sending…', null);
    HubSession.api('/api/support/tickets', { method: 'POST', body: JSON.stringify(body) }).then(function (ticket) {
      S.$('support-subject').value = '';
      S.$('support-text').value = '';
      S.result('support-result', 'Ticket #' + ticket.id + ' sent to CallIntel support. A confirmation is on its way by mail.', true);
      S.announce('Ticket #' + ticket.id + ' sent.');
      load();
    }, function (error) {
      S.result('support-result', error.message, false);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    S.$('support-form').addEventListener('submit', send);
  });
  S.section('support', load);
})();
