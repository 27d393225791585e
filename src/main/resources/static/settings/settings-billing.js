// Settings › Billing: the organization's state with Stripe, whether the hub serves it now, and the history of
// its states; a banner above the sections when a payment failed or the service stopped.
(function () {
  'use strict';
  var S = window.Settings;
  var STATES = {
    none: 'No subscription through Stripe: served',
    trialing: 'Trial',
    active: 'Active',
    past_due: 'Payment failed',
    canceled: 'Canceled'
  };

  function fill(billing) {
    S.$('billing-state').textContent = STATES[billing.state] || S.title(billing.state);
    S.$('billing-since').textContent = billing.stateSince ? S.when(billing.stateSince) : '—';
    S.$('billing-served').textContent = billing.served ? 'Yes' : 'No: no AMS notes, no screen pops';
    S.$('billing-grace-row').hidden = !billing.graceEndsAt;
    S.$('billing-grace').hidden = !billing.graceEndsAt;
    S.$('billing-grace').textContent = billing.graceEndsAt ? S.when(billing.graceEndsAt) : '';
    var banner = S.$('billing-banner');
    banner.hidden = !billing.notice;
    banner.className = 'banner ' + (billing.served ? 'warn' : 'bad');
    S.$('billing-banner-text').textContent = billing.notice || '';
    var rows = S.$('billing-history');
    rows.textContent = '';
    (billing.history || []).forEach(function (change) {
      rows.appendChild(S.el('li', {}, [
        S.el('span', { text: S.when(change.at) }), ' ',
        (change.from ? (STATES[change.from] || change.from) + ' → ' : '') + (STATES[change.to] || change.to),
        S.el('span', { 'class': 'hint', text: ' (' + change.event + ')' })
      ]));
    });
    S.$('billing-no-history').hidden = (billing.history || []).length > 0;
  }

  function load() {
    HubSession.api('/api/admin/billing').then(fill, function (error) {
      S.result('billing-result', S.notAvailable(error, 'Billing'), false);
    });
  }

  S.section('billing', load);
})();
