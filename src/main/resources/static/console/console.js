// The agent console: sign in, open the screen-pop stream (Server-Sent Events with a single-use ticket), show each
// ringing call as a card (and a desktop notification when allowed), let the agent pick the caller among several
// AMS clients, and list the agent's calls of the day. No inline scripts: the CSP forbids them.
(function () {
  'use strict';

  var lastEventId = 0;
  var seen = {};
  var source = null;
  var retryTimer = null;
  var LOOKUP_TEXT = {
    matched: 'Found in the AMS',
    several: 'Several AMS clients have this number: pick the caller',
    none: 'No AMS client has this number',
    find: 'This AMS has no phone search: find the caller there and enter the applicant id',
    'no-ams': 'No AMS connected: number only',
    unavailable: 'AMS lookup unavailable right now: number only'
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function time(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso.replace(' ', 'T').replace(/\+00$/, 'Z'));
    return isNaN(d) ? iso : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function when(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso.replace(' ', 'T').replace(/\+00$/, 'Z'));
    return isNaN(d) ? iso : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  }

  function announce(text) {
    $('announcer').textContent = text;
  }

  // --- sign-in

  function showSignIn(message) {
    stopStream();
    $('console').hidden = true;
    $('who').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = message || '';
  }

  function signedIn(session) {
    var claims = session.claims || {};
    $('who-name').textContent = 'Signed in as ' + (claims.email || claims.sub || 'a member');
    $('who').hidden = false;
    $('sign-in').hidden = true;
    $('console').hidden = false;
    setUpNotifications();
    connect();
    loadCalls();
  }

  // --- the stream

  function status(text) { $('stream-status').textContent = text; }

  function stopStream() {
    if (source) { source.close(); source = null; }
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
  }

  function retry(delay) {
    stopStream();
    if (HubSession.current()) { retryTimer = setTimeout(connect, delay); }
  }

  function connect() {
    stopStream();
    HubSession.api('/api/screen-pops/stream-ticket', { method: 'POST' }).then(function (answer) {
      // a new EventSource cannot send Last-Event-ID itself, so the last seen pop travels as a parameter
      var url = answer.stream + '?ticket=' + encodeURIComponent(answer.ticket)
        + (lastEventId ? '&lastEventId=' + lastEventId : '');
      source = new EventSource(url);
      source.addEventListener('open', function () { status('Connected: waiting for calls.'); });
      source.addEventListener('pop', function (event) {
        var pop = JSON.parse(event.data);
        lastEventId = Math.max(lastEventId, Number(event.lastEventId) || pop.id);
        if (!seen[pop.id]) {
          seen[pop.id] = true;
          showPop(pop);
        }
      });
      // the ticket was single-use: every reconnect takes a new one
      source.addEventListener('error', function () {
        status('Connection lost: reconnecting…');
        retry(2000);
      });
    }, function (error) {
      status('Cannot connect to the hub (' + error.message + '). Retrying…');
      retry(5000);
    });
  }

  // --- pop cards

  function callerTitle(pop) {
    var c = pop.candidates || [];
    if (c.length === 1) { return c[0].name || c[0].id; }
    if (c.length > 1) { return c.length + ' possible clients'; }
    return pop.callerName || pop.number || 'Unknown number';
  }

  function showPop(pop) {
    $('no-pops').hidden = true;
    var title = callerTitle(pop);
    var kind = pop.lookup === 'several' ? 'several' : (pop.lookup === 'matched' ? 'matched' : 'unknown');
    var headingId = 'pop-' + pop.id + '-title';
    var card = el('li', { 'class': 'pop-card ' + kind, 'aria-labelledby': headingId, tabindex: '0', 'data-pop': String(pop.id) });
    var verb = pop.direction === 'outbound' ? 'Outbound call to ' : 'Incoming call from ';
    card.appendChild(el('h3', { id: headingId, text: title }));
    card.appendChild(el('div', { 'class': 'pop-meta', text: verb + (pop.number || 'an unknown number')
      + (pop.callerName && pop.callerName !== title ? ' · caller ID: ' + pop.callerName : '')
      + ' · ' + (pop.provider || '') + ' · ' + time(pop.createdAt) }));
    card.appendChild(el('p', { 'class': 'lookup', text: LOOKUP_TEXT[pop.namesRecord ? 'find' : pop.lookup] || '' }));
    if (pop.lastActivity) {
      var last = pop.lastActivity;
      card.appendChild(el('p', { 'class': 'last', text: 'Last activity: ' + (last.direction || 'call') + ' call '
        + when(last.at) + (last.outcome ? ' · ' + last.outcome : '') + (last.agent ? ' · with ' + last.agent : '') }));
    } else {
      card.appendChild(el('p', { 'class': 'last muted', text: 'No earlier call from this number.' }));
    }
    var list = el('ul', { 'class': 'candidates', 'aria-label': 'AMS clients with this number' });
    (pop.candidates || []).forEach(function (client) { list.appendChild(candidate(pop, client, card)); });
    if ((pop.candidates || []).length) { card.appendChild(list); }
    var note = el('p', { 'class': 'chosen-note', role: 'status' });
    if (pop.namesRecord) { card.appendChild(namedRecordForm(pop, card)); }
    card.appendChild(note);
    if (pop.chosen) { markChosen(card, pop.chosen); }
    var dismiss = el('button', { type: 'button', text: 'Dismiss', 'aria-label': 'Dismiss the pop of ' + title });
    dismiss.addEventListener('click', function () {
      var next = card.nextElementSibling || card.previousElementSibling;
      card.remove();
      if (next) { next.focus(); } else { $('no-pops').hidden = false; $('pops').focus(); }
    });
    card.appendChild(el('div', { 'class': 'card-actions' }, [dismiss]));
    $('pop-list').insertBefore(card, $('pop-list').firstChild);
    announce(verb + title + (pop.number ? ', ' + pop.number : ''));
    notify(verb + title, pop);
    loadCalls();
  }

  function candidate(pop, client, card) {
    var item = el('li', { 'class': 'candidate', 'data-client': client.id });
    item.appendChild(el('span', { 'class': 'name', text: client.name || '(no name)' }));
    item.appendChild(el('span', { 'class': 'client-id', text: 'AMS id ' + client.id }));
    Object.keys(client).forEach(function (key) {
      if (['id', 'name', 'link'].indexOf(key) < 0 && client[key] !== null && typeof client[key] !== 'object') {
        item.appendChild(el('span', { 'class': 'field', text: key + ': ' + client[key] }));
      }
    });
    if (client.link) {
      item.appendChild(el('a', { href: client.link, target: '_blank', rel: 'noopener noreferrer',
        text: 'Open in the AMS', 'aria-label': 'Open ' + (client.name || client.id) + ' in the AMS' }));
    }
    if ((pop.candidates || []).length > 1) {
      var pick = el('button', { type: 'button', 'class': 'primary pick', text: 'This is the caller',
        'aria-label': 'Choose ' + (client.name || client.id) + ' as the caller' });
      pick.addEventListener('click', function () { choose(pop, client, card, pick); });
      item.appendChild(pick);
    }
    return item;
  }

  // An AMS without a phone search (EZLynx): the agent finds the applicant there and enters its id; the hub checks
  // live that the applicant has the caller's number before the note can go there.
  function namedRecordForm(pop, card) {
    var inputId = 'pop-' + pop.id + '-record';
    var input = el('input', { id: inputId, type: 'text', inputmode: 'numeric', pattern: '[0-9]{1,18}', required: 'required',
      autocomplete: 'off' });
    var submit = el('button', { type: 'submit', 'class': 'primary', text: 'Confirm applicant' });
    var form = el('form', { 'class': 'named-record' }, [
      el('label', { 'for': inputId, text: (pop.amsType === 'ezlynx' ? 'EZLynx' : 'AMS') + ' applicant id (find the caller there)' }),
      input, submit]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      submit.disabled = true;
      HubSession.api('/api/screen-pops/' + pop.id + '/choice', { method: 'POST', body: JSON.stringify({ targetId: input.value.trim() }) })
        .then(function (answer) {
          submit.disabled = false;
          var who = (answer && answer.name) || input.value.trim();
          card.querySelector('.chosen-note').textContent = 'The call note will go to ' + who + ' (caller\'s number confirmed in the AMS).';
          announce('The call note will go to ' + who);
        }, function (error) {
          submit.disabled = false;
          card.querySelector('.chosen-note').textContent = 'Not saved: ' + error.message;
        });
    });
    return form;
  }

  function choose(pop, client, card, button) {
    button.disabled = true;
    HubSession.api('/api/screen-pops/' + pop.id + '/choice', { method: 'POST', body: JSON.stringify({ targetId: client.id }) })
      .then(function () {
        markChosen(card, client.id);
        announce('The call note will go to ' + (client.name || client.id));
      }, function (error) {
        button.disabled = false;
        card.querySelector('.chosen-note').textContent = 'Not saved: ' + error.message;
      });
  }

  function markChosen(card, clientId) {
    Array.prototype.forEach.call(card.querySelectorAll('.candidate'), function (item) {
      var chosen = item.getAttribute('data-client') === clientId;
      item.classList.toggle('chosen', chosen);
      var button = item.querySelector('button.pick');
      if (button) { button.disabled = chosen; }
      if (chosen) {
        card.querySelector('.chosen-note').textContent = 'The call note will go to '
          + item.querySelector('.name').textContent + '.';
      }
    });
  }

  // --- desktop notifications

  function setUpNotifications() {
    var button = $('notify');
    if (!('Notification' in window) || Notification.permission !== 'default') { button.hidden = true; return; }
    button.hidden = false;
    button.onclick = function () {
      Notification.requestPermission().then(function () { button.hidden = true; });
    };
  }

  function notify(title, pop) {
    if (!('Notification' in window) || Notification.permission !== 'granted' || !document.hidden) { return; }
    var n = new Notification(title, { body: pop.number || '', tag: 'callintel-pop-' + pop.id });
    n.onclick = function () {
      window.focus();
      var card = document.querySelector('[data-pop="' + pop.id + '"]');
      if (card) { card.focus(); }
      n.close();
    };
  }

  // --- today's calls

  function loadCalls() {
    HubSession.api('/api/screen-pops/my-calls').then(function (calls) {
      var body = $('calls');
      body.textContent = '';
      calls.forEach(function (c) {
        body.appendChild(el('tr', {}, [
          el('td', { text: time(c.startedAt) }),
          el('td', { text: (c.externalName ? c.externalName + ' ' : '') + (c.externalNumber || '') }),
          el('td', { text: c.direction || '' }),
          el('td', { text: c.outcome || c.state || '' }),
          el('td', { text: (c.amsStatus || '').replace('_', ' ') })
        ]));
      });
      $('no-calls').hidden = calls.length > 0;
    }, function () { /* the stream status already tells of connection trouble */ });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('sign-in-again').addEventListener('click', function () { HubSession.signIn(); });
    $('sign-out').addEventListener('click', function () { HubSession.signOut(); });
    $('refresh-calls').addEventListener('click', loadCalls);
    HubSession.onSignedOut(function (reason) {
      showSignIn(reason === 'expired' ? 'Your session ended: please sign in again.' : '');
    });
    HubSession.load().then(function (session) {
      if (!session) { showSignIn(''); return; }
      if (!session.orgId) { showSignIn('This sign-in belongs to no organization (a platform operator): the console is for agents.'); return; }
      signedIn(session);
    });
  });
})();
