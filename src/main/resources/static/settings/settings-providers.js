// Settings › Phone providers: add an account per provider (chosen from the installed connectors), its webhook URL
// with a Copy button, the connector's own setup steps and events, the last webhook received, rotation of the
// secret and of the endpoint key, and removal (revocation: the provider's next webhook is refused).
(function () {
  'use strict';
  var S = window.Settings;
  var catalogue = {};
  var ONCE_FIELDS = { secret: 'Webhook secret', webhookSecret: 'Webhook secret', signingSecret: 'Signing secret',
    endpointKey: 'Endpoint key', verificationToken: 'Verification token' };

  function text(item) {
    if (typeof item === 'string') { return item; }
    return (item && (item.text || item.title || item.name || item.event)) || JSON.stringify(item);
  }

  function titleOf(provider) {
    return (catalogue[provider] && catalogue[provider].title) || S.title(provider);
  }

  function fillChoices(connectors) {
    var select = S.$('provider-choice');
    select.textContent = '';
    if (!connectors) {
      S.$('provider-form').hidden = true;
      S.result('providers-result', 'Adding an account is not available yet on this hub.', null);
      return;
    }
    connectors.forEach(function (c) {
      catalogue[c.provider] = c;
      select.appendChild(S.el('option', { value: c.provider, text: c.title || c.provider }));
    });
    describeChoice();
  }

  function describeChoice() {
    var chosen = catalogue[S.$('provider-choice').value];
    S.$('provider-description').textContent = chosen ? chosen.description || '' : '';
  }

  function setupOf(account) {
    return account.setup || (catalogue[account.provider] && catalogue[account.provider].setup) || { steps: [], events: [] };
  }

  function card(account) {
    var name = titleOf(account.provider);
    var urlId = 'webhook-url-' + account.id;
    var secretId = 'rotate-secret-' + account.id;
    var setup = setupOf(account);
    var last = account.lastWebhookAt
      ? 'Last webhook: ' + S.when(account.lastWebhookAt) + (account.lastWebhookStatus ? ' (' + account.lastWebhookStatus + ')' : '')
      : account.lastWebhookAt === null ? 'No webhook received yet.' : '';
    var copy = S.el('button', { type: 'button', 'class': 'copy', 'aria-label': 'Copy the ' + name + ' webhook URL', text: 'Copy' });
    copy.addEventListener('click', function () { copyUrl(urlId, name); });
    var rotateSecret = S.el('form', { 'class': 'rotate-form', novalidate: '' }, [
      S.el('label', { 'for': secretId, text: 'New ' + name + ' webhook secret' }),
      S.el('input', { id: secretId, type: 'password', autocomplete: 'off', maxlength: '512' }),
      S.el('button', { type: 'submit', text: 'Rotate secret', 'aria-label': 'Rotate the ' + name + ' secret' })
    ]);
    rotateSecret.addEventListener('submit', function (event) { event.preventDefault(); rotate(account, secretId); });
    var rotateKey = S.el('button', { type: 'button', text: 'New webhook URL', 'aria-label': 'New ' + name + ' webhook URL' });
    rotateKey.addEventListener('click', function () { newKey(account); });
    var remove = S.el('button', { type: 'button', 'class': 'danger', text: 'Remove ' + name + ' account' });
    remove.addEventListener('click', function () { removeAccount(account); });
    return S.el('li', { 'class': 'account' + (account.enabled === false ? ' disabled' : ''), 'data-account': account.id,
      'data-provider': account.provider }, [
      S.el('h3', { text: name }),
      S.el('p', { 'class': 'meta', text: 'Added ' + S.when(account.createdAt) + ' · ' + (account.enabled === false ? 'disabled' : 'enabled')
        + ' · API token ' + (account.apiTokenSet ? 'set' : 'not set') }),
      last ? S.el('p', { 'class': 'meta last-webhook', text: last }) : null,
      S.el('label', { 'for': urlId, text: 'Webhook URL (paste it into ' + name + ')' }),
      S.el('div', { 'class': 'copy-row' }, [S.el('input', { id: urlId, readonly: '', value: account.webhookUrl }), copy]),
      setup.steps && setup.steps.length ? S.el('h4', { text: 'Steps in ' + name }) : null,
      setup.steps && setup.steps.length ? S.el('ol', { 'class': 'steps' }, setup.steps.map(function (s) { return S.el('li', { text: text(s) }); })) : null,
      setup.events && setup.events.length ? S.el('h4', { text: 'Events to subscribe to' }) : null,
      setup.events && setup.events.length ? S.el('ul', { 'class': 'events' }, setup.events.map(function (e) {
        return S.el('li', {}, [S.el('code', { text: text(e) })]);
      })) : null,
      rotateSecret,
      S.el('div', { 'class': 'actions' }, [rotateKey, remove])
    ]);
  }

  function copyUrl(inputId, name) {
    var input = S.$(inputId);
    var done = function () { S.result('providers-result', 'The ' + name + ' webhook URL is copied.', true); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { input.select(); document.execCommand('copy'); done(); });
    } else {
      input.select();
      document.execCommand('copy');
      done();
    }
  }

  function list() {
    return HubSession.api('/api/admin/provider-accounts').then(function (accounts) {
      var ul = S.$('provider-accounts');
      ul.textContent = '';
      accounts.forEach(function (a) { ul.appendChild(card(a)); });
      S.$('no-providers').hidden = accounts.length > 0;
      return accounts;
    }, function (error) {
      S.result('providers-result', S.notAvailable(error, 'The provider accounts'), false);
    });
  }

  function showOnce(answer) {
    var values = S.$('provider-once-values');
    values.textContent = '';
    Object.keys(ONCE_FIELDS).forEach(function (key) {
      if (answer && typeof answer[key] === 'string') {
        values.appendChild(S.el('dt', { text: ONCE_FIELDS[key] }));
        values.appendChild(S.el('dd', {}, [S.el('code', { text: answer[key] })]));
      }
    });
    S.$('provider-once').hidden = !values.children.length;
    if (values.children.length) { S.$('provider-once').focus(); }
  }

  function add(event) {
    event.preventDefault();
    var provider = S.$('provider-choice').value;
    var body = { provider: provider };
    if (S.$('provider-secret').value) { body.secret = S.$('provider-secret').value; }
    if (S.$('provider-token').value) { body.apiToken = S.$('provider-token').value; }
    S.result('providers-result', 'Adding…', null);
    HubSession.api('/api/admin/provider-accounts', { method: 'POST', body: JSON.stringify(body) }).then(function (answer) {
      S.$('provider-secret').value = '';
      S.$('provider-token').value = '';
      S.result('providers-result', titleOf(provider) + ' account added: paste its webhook URL into ' + titleOf(provider)
        + ' and follow the steps below.', true);
      showOnce(answer);
      return list().then(function () { S.changed(); });
    }, function (error) {
      S.result('providers-result', error.message, false);
    });
  }

  function rotate(account, inputId) {
    var secret = S.$(inputId).value;
    if (!secret) { S.result('providers-result', 'Enter the new webhook secret first.', false); S.$(inputId).focus(); return; }
    HubSession.api('/api/admin/provider-accounts/' + encodeURIComponent(account.id) + '/secret',
      { method: 'POST', body: JSON.stringify({ secret: secret }) }).then(function (answer) {
      S.$(inputId).value = '';
      S.result('providers-result', 'The ' + titleOf(account.provider) + ' secret is replaced.', true);
      showOnce(answer);
    }, function (error) { S.result('providers-result', error.message, false); });
  }

  function newKey(account) {
    var name = titleOf(account.provider);
    if (!window.confirm('Give the ' + name + ' account a new webhook URL? The current one stops working at once: paste the new one into ' + name + '.')) { return; }
    HubSession.api('/api/admin/provider-accounts/' + encodeURIComponent(account.id) + '/endpoint-key', { method: 'POST' }).then(function (answer) {
      S.result('providers-result', 'New ' + name + ' webhook URL: ' + (answer && answer.webhookUrl || 'see below') + '. Paste it into ' + name + '.', true);
      showOnce(answer);
      list();
    }, function (error) { S.result('providers-result', error.message, false); });
  }

  function removeAccount(account) {
    var name = titleOf(account.provider);
    if (!window.confirm('Remove the ' + name + ' account? This revokes it: ' + name + '\'s webhooks are refused from now on.')) { return; }
    HubSession.api('/api/admin/provider-accounts/' + encodeURIComponent(account.id), { method: 'DELETE' }).then(function () {
      S.result('providers-result', 'The ' + name + ' account is removed: its webhooks are refused.', true);
      list().then(function () { S.changed(); });
    }, function (error) { S.result('providers-result', error.message, false); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    S.$('provider-form').addEventListener('submit', add);
    S.$('provider-choice').addEventListener('change', describeChoice);
  });
  S.section('providers', function () {
    S.connectors().then(function (connectors) { fillChoices(connectors); return list(); });
  });
})();
