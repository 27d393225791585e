// The agent console's "Help / contact support": a ticket for CallIntel support (category, subject, text). The hub
// mails support and a confirmation to the member; each status change support makes is mailed too.
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  function result(text, ok) {
    $('help-result').textContent = text;
    $('help-result').className = 'status' + (ok === true ? ' ok' : ok === false ? ' bad' : '');
  }

  function send(event) {
    event.preventDefault();
    var body = { category: $('help-category').value, subject: $('help-subject').value.trim(), text: $('help-text').value.trim() };
    result('Sending…', null);
    HubSession.api('/api/support/tickets', { method: 'POST', body: JSON.stringify(body) }).then(function (ticket) {
      $('help-subject').value = '';
      $('help-text').value = '';
      result('Ticket #' + ticket.id + ' sent to CallIntel support. A confirmation is on its way by mail.', true);
    }, function (error) {
      result(error.message, false);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('help-form').addEventListener('submit', send);
  });
})();
