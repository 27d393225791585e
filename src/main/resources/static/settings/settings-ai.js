// Settings › AI call analysis: the organization's switch and its Anthropic API key (write-only: the page only
// learns whether one is set, and whether Anthropic refused it), with today's tokens against the budget.
(function () {
  'use strict';
  var S = window.Settings;

  function fill(ai) {
    S.$('ai-enabled').checked = !!ai.enabled;
    S.$('ai-key').value = '';
    S.$('ai-key').placeholder = ai.keySet ? 'set (leave empty to keep it)' : '';
    S.$('ai-key-hint').textContent = ai.keyRefusedAt
      ? '(Anthropic refused this key on ' + new Date(ai.keyRefusedAt).toLocaleString() + ': enter a new one)'
      : '(starts with sk-ant-)';
    var last = ai.analysesLast24Hours || {};
    S.$('ai-usage').textContent = 'Model ' + ai.model + '. Today: ' + Number(ai.tokensSpentToday).toLocaleString('en-US')
      + ' of ' + Number(ai.dailyTokenBudget).toLocaleString('en-US') + ' tokens. Last 24 hours: '
      + (last.done || 0) + ' calls analysed, ' + ((last.pending || 0) + (last.analysing || 0)) + ' waiting, '
      + (last.dead || 0) + ' failed.';
  }

  function load() {
    HubSession.api('/api/admin/ai').then(fill, function (error) {
      S.result('ai-result', S.notAvailable(error, 'The AI analysis setting'), false);
    });
  }

  function save(event) {
    event.preventDefault();
    var body = { enabled: S.$('ai-enabled').checked };
    var key = S.$('ai-key').value.trim();
    if (key) { body.apiKey = key; }
    S.result('ai-result', 'Saving…', null);
    HubSession.api('/api/admin/ai', { method: 'PUT', body: JSON.stringify(body) }).then(function (ai) {
      fill(ai);
      S.result('ai-result', ai.enabled ? 'Saved: calls with a transcript are analysed.' : 'Saved: AI analysis is off.', true);
    }, function (error) {
      S.result('ai-result', error.message, false);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    S.$('ai-form').addEventListener('submit', save);
  });
  S.section('ai', load);
})();
