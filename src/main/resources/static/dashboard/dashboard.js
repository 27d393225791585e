// The analytics dashboard: totals, daily trend, volume by hour, weekday x hour heat map, the AI analyses' intent
// mix and sentiment trend, and the agent leaderboard of the signed-in member's organization, from /api/analytics/*. Refreshes every 30 s and on focus.
(function () {
  'use strict';
  var REFRESH_MS = 30000;
  var COLORS = { answered: '#12a150', missed: '#d92d20', voicemail: '#f79009', calls: '#3056d3', rate: '#7a5af8',
    positive: '#12a150', neutral: '#98a2b3', negative: '#d92d20' };
  var INTENTS = { new_quote: 'New quote', policy_change: 'Policy change', claim: 'Claim', billing_payment: 'Billing / payment',
    renewal: 'Renewal', certificate_request: 'Certificate request', cancellation: 'Cancellation', other: 'Other' };
  var state = { from: null, to: null, today: null, direction: '', measure: 'answered', loading: false };
  var charts = {};

  function $(id) { return document.getElementById(id); }

  function text(id, value) { $(id).textContent = value; }

  function number(n) { return n == null ? '–' : Number(n).toLocaleString('en-US'); }

  function percent(rate) { return rate == null ? '–' : Math.round(rate * 1000) / 10 + '%'; }

  function duration(seconds) {
    if (seconds == null) { return '–'; }
    seconds = Math.round(seconds);
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    if (h > 0) { return h + 'h ' + (m < 10 ? '0' : '') + m + 'm'; }
    if (m > 0) { return m + 'm ' + (s < 10 ? '0' : '') + s + 's'; }
    return s + 's';
  }

  function addDays(isoDate, days) {
    var d = new Date(isoDate + 'T12:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function query(extra) {
    var params = new URLSearchParams();
    if (state.from) { params.set('from', state.from); }
    if (state.to) { params.set('to', state.to); }
    if (state.direction) { params.set('direction', state.direction); }
    Object.keys(extra || {}).forEach(function (k) { params.set(k, extra[k]); });
    return params.toString();
  }

  function showError(message) {
    var box = $('error');
    box.hidden = !message;
    box.textContent = message || '';
    $('live').classList.toggle('stale', !!message);
  }

  function load() {
    if (state.loading || !HubSession.current()) { return; }
    state.loading = true;
    Promise.all([
      HubSession.api('/api/analytics/totals?' + query()),
      HubSession.api('/api/analytics/trend?' + query()),
      HubSession.api('/api/analytics/heatmap?' + query()),
      HubSession.api('/api/analytics/leaderboard?' + query({ measure: state.measure })),
      HubSession.api('/api/analytics/intelligence?' + query())
    ]).then(function (answers) {
      var totals = answers[0];
      if (!state.today) { state.today = totals.to; }
      state.from = totals.from;
      state.to = totals.to;
      $('from').value = totals.from;
      $('to').value = totals.to;
      text('tz-note', 'hours in ' + totals.timeZone);
      renderTotals(totals);
      renderTrend(answers[1]);
      renderHours(answers[2]);
      renderHeatmap(answers[2]);
      renderLeaders(answers[3]);
      renderIntelligence(answers[4]);
      showError(null);
      text('updated', 'updated ' + new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
      document.body.dataset.loaded = 'true';
    }).catch(function (e) {
      showError(e.message);
    }).then(function () { state.loading = false; });
  }

  function renderTotals(t) {
    var c = t.calls;
    text('t-calls', number(c.calls));
    text('t-calls-note', number(c.inbound) + ' in · ' + number(c.outbound) + ' out');
    text('t-answered', number(c.answered));
    text('t-answered-note', percent(c.answerRate) + ' answer rate');
    text('t-missed', number(c.missed));
    text('t-missed-note', c.calls ? percent(c.missed / c.calls) + ' of calls' : '');
    text('t-voicemail', number(c.voicemail));
    text('t-voicemail-note', c.calls ? percent(c.voicemail / c.calls) + ' of calls' : '');
    text('t-ring', duration(c.avgRingSeconds));
    text('t-talk', duration(c.talkSeconds));
    text('t-talk-note', 'avg. ' + duration(c.avgTalkSeconds) + ' per answered call');
    text('t-sms', number(t.smsInbound + t.smsOutbound));
    text('t-sms-note', number(t.smsInbound) + ' in · ' + number(t.smsOutbound) + ' out');
    text('t-ams', number(t.amsSynced));
    text('t-ams-note', number(t.amsFailed) + ' failed · ' + number(t.amsUnmatched) + ' unmatched · '
      + number(t.amsNeedsChoice) + ' to choose');
  }

  function chart(id, config) {
    if (charts[id]) {
      charts[id].data = config.data;
      charts[id].update('none');
      return;
    }
    charts[id] = new Chart($(id), config);
  }

  function renderTrend(trend) {
    var days = trend.days;
    chart('trend-chart', {
      type: 'bar',
      data: {
        labels: days.map(function (d) {
          return new Date(d.date + 'T12:00:00Z').toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
        }),
        datasets: [
          { type: 'line', label: 'Answer rate', yAxisID: 'rate', data: days.map(function (d) { return d.calls.answerRate == null ? null : Math.round(d.calls.answerRate * 100); }),
            borderColor: COLORS.rate, backgroundColor: COLORS.rate, tension: 0.3, pointRadius: 2, spanGaps: true },
          { label: 'Answered', data: days.map(function (d) { return d.calls.answered; }), backgroundColor: COLORS.answered, stack: 'calls' },
          { label: 'Voicemail', data: days.map(function (d) { return d.calls.voicemail; }), backgroundColor: COLORS.voicemail, stack: 'calls' },
          { label: 'Missed', data: days.map(function (d) { return d.calls.missed; }), backgroundColor: COLORS.missed, stack: 'calls' }
        ]
      },
      options: {
        maintainAspectRatio: false, animation: false, interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' } },
        scales: {
          x: { stacked: true, grid: { display: false } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'calls' } },
          rate: { position: 'right', min: 0, max: 100, grid: { display: false }, title: { display: true, text: 'answer rate %' } }
        }
      }
    });
  }

  function renderIntelligence(ai) {
    $('no-intents').hidden = ai.intents.length > 0;
    text('intent-note', number(ai.analysed) + ' of ' + number(ai.calls) + ' calls analysed by AI');
    chart('intent-chart', {
      type: 'bar',
      data: {
        labels: ai.intents.map(function (i) { return INTENTS[i.intent] || i.intent; }),
        datasets: [{ label: 'Calls', data: ai.intents.map(function (i) { return i.calls; }), backgroundColor: COLORS.calls }]
      },
      options: {
        indexAxis: 'y', maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { grid: { display: false } } }
      }
    });
    chart('sentiment-chart', {
      type: 'bar',
      data: {
        labels: ai.sentiment.map(function (d) {
          return new Date(d.date + 'T12:00:00Z').toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
        }),
        datasets: ['positive', 'neutral', 'negative'].map(function (mood) {
          return { label: mood.charAt(0).toUpperCase() + mood.slice(1), data: ai.sentiment.map(function (d) { return d[mood]; }),
            backgroundColor: COLORS[mood], stack: 'mood' };
        })
      },
      options: {
        maintainAspectRatio: false, animation: false, interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' } },
        scales: { x: { stacked: true, grid: { display: false } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
    $('intent-chart').dataset.intents = ai.intents.map(function (i) { return i.intent + ':' + i.calls; }).join(',');
  }

  function sumByHour(matrix) {
    var hours = [];
    for (var h = 0; h < 24; h++) {
      hours.push(matrix.reduce(function (sum, day) { return sum + day[h]; }, 0));
    }
    return hours;
  }

  function renderHours(map) {
    var labels = [];
    for (var h = 0; h < 24; h++) { labels.push((h % 12 === 0 ? 12 : h % 12) + (h < 12 ? 'a' : 'p')); }
    chart('hour-chart', {
      type: 'bar',
      data: {
        labels: labels,
        datasets: [
          { label: 'Answered', data: sumByHour(map.answered), backgroundColor: COLORS.answered },
          { label: 'Voicemail', data: sumByHour(map.voicemail), backgroundColor: COLORS.voicemail },
          { label: 'Missed', data: sumByHour(map.missed), backgroundColor: COLORS.missed }
        ]
      },
      options: {
        maintainAspectRatio: false, animation: false, interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' } },
        scales: { x: { stacked: true, grid: { display: false } }, y: { stacked: true, beginAtZero: true } }
      }
    });
  }

  function renderHeatmap(map) {
    var grid = $('heatmap');
    grid.textContent = '';
    var max = 1;
    map.calls.forEach(function (day) { day.forEach(function (n) { max = Math.max(max, n); }); });
    var head = document.createElement('div');
    head.setAttribute('role', 'row');
    head.style.display = 'contents';
    head.appendChild(cell('', 'label', 'columnheader'));
    for (var h = 0; h < 24; h++) {
      head.appendChild(cell(h % 3 === 0 ? String(h) : '', 'hour', 'columnheader'));
    }
    grid.appendChild(head);
    map.weekdays.forEach(function (name, d) {
      var row = document.createElement('div');
      row.setAttribute('role', 'row');
      row.style.display = 'contents';
      row.appendChild(cell(name, 'label', 'rowheader'));
      for (var hour = 0; hour < 24; hour++) {
        var n = map.calls[d][hour];
        var c = cell('', 'cell', 'cell');
        var strength = n / max;
        c.style.background = n === 0 ? '#f2f4f7' : 'rgba(48, 86, 211, ' + (0.12 + 0.88 * strength).toFixed(2) + ')';
        c.title = name + ' ' + hour + ':00 – ' + n + ' call' + (n === 1 ? '' : 's');
        c.setAttribute('aria-label', c.title);
        row.appendChild(c);
      }
      grid.appendChild(row);
    });
  }

  function cell(content, className, role) {
    var el = document.createElement('div');
    el.className = className;
    el.setAttribute('role', role);
    el.textContent = content;
    return el;
  }

  function renderLeaders(board) {
    var body = $('leaders');
    body.textContent = '';
    $('no-agents').hidden = board.agents.length > 0;
    board.agents.forEach(function (a) {
      var tr = document.createElement('tr');
      var c = a.calls;
      tr.appendChild(td('<span class="rank"></span>', '', String(a.rank)));
      var who = td('', 'agent', a.agent);
      var detail = document.createElement('small');
      detail.textContent = a.memberId ? (a.provider + (a.extension ? ' · ext. ' + a.extension : '')) : 'not mapped to a member';
      who.appendChild(detail);
      tr.appendChild(who);
      tr.appendChild(td(null, 'num', number(c.calls)));
      tr.appendChild(td(null, 'num', number(c.answered)));
      tr.appendChild(td(null, 'num', number(c.missed)));
      tr.appendChild(td(null, 'num', number(c.voicemail)));
      var rate = document.createElement('td');
      rate.innerHTML = '<div class="rate"><div class="track"><div class="fill"></div></div><span></span></div>';
      rate.querySelector('.fill').style.width = ((c.answerRate || 0) * 100) + '%';
      rate.querySelector('span').textContent = percent(c.answerRate);
      tr.appendChild(rate);
      tr.appendChild(td(null, 'num', duration(c.talkSeconds)));
      tr.appendChild(td(null, 'num', duration(c.avgTalkSeconds)));
      tr.appendChild(td(null, 'num', duration(c.avgRingSeconds)));
      body.appendChild(tr);
    });
  }

  function td(html, className, content) {
    var el = document.createElement('td');
    if (className) { el.className = className; }
    if (html) {
      el.innerHTML = html;
      el.firstChild.textContent = content;
    } else {
      el.textContent = content;
    }
    return el;
  }

  function setRange(from, to) {
    state.from = from;
    state.to = to;
    load();
  }

  function showBoard() {
    var session = HubSession.current();
    $('sign-in').hidden = !!session;
    $('board').hidden = !session;
    $('range-form').hidden = !session;
    if (session) {
      text('org-line', (session.claims.email || session.claims.sub) + ' · your agency');
      load();
    }
  }

  function wire() {
    document.querySelectorAll('.presets button').forEach(function (button) {
      button.addEventListener('click', function () {
        document.querySelectorAll('.presets button').forEach(function (b) { b.classList.remove('active'); });
        button.classList.add('active');
        var to = state.today || state.to;
        setRange(addDays(to, 1 - Number(button.dataset.days)), to);
      });
    });
    ['from', 'to'].forEach(function (id) {
      $(id).addEventListener('change', function () {
        if ($('from').value && $('to').value) {
          document.querySelectorAll('.presets button').forEach(function (b) { b.classList.remove('active'); });
          setRange($('from').value, $('to').value);
        }
      });
    });
    $('direction').addEventListener('change', function () { state.direction = $('direction').value; load(); });
    $('measure').addEventListener('change', function () { state.measure = $('measure').value; load(); });
    $('range-form').addEventListener('submit', function (e) { e.preventDefault(); });
    $('sign-out').addEventListener('click', function () { HubSession.signOut(); });
    $('sign-in-again').addEventListener('click', function () { HubSession.signIn(); });
    HubSession.onSignedOut(function () { state.today = null; showBoard(); });
    setInterval(function () { if (!document.hidden) { load(); } }, REFRESH_MS);
    window.addEventListener('focus', load);
    document.addEventListener('visibilitychange', function () { if (!document.hidden) { load(); } });
  }

  document.addEventListener('DOMContentLoaded', function () {
    wire();
    HubSession.load().then(showBoard);
  });
})();
