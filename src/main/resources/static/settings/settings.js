// The Settings page's frame: the signed-in admin, small DOM helpers the sections share, the setup checklist and the
// sections' loading. Each section lives in a file of its own (settings-*.js) and registers itself with
// Settings.section(name, load). No inline scripts: the CSP forbids them.
(function () {
  'use strict';

  var sections = [];
  var ITEM_TITLES = {
    provider: 'Connect a phone provider', providers: 'Connect a phone provider',
    'provider-connected': 'Connect a phone provider', ams: 'Connect your AMS', 'ams-connected': 'Connect your AMS',
    agents: 'Map your agents', 'agents-mapped': 'Map your agents', team: 'Map your agents',
    'alert-mail': 'Set the alert email', 'alert-email': 'Set the alert email', alertEmail: 'Set the alert email'
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] === undefined || attrs[key] === null) { return; }
      if (key === 'text') { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) {
      if (child) { node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); }
    });
    return node;
  }

  function when(iso) {
    if (!iso) { return ''; }
    var d = new Date(String(iso).replace(' ', 'T').replace(/\+00(:00)?$/, 'Z'));
    return isNaN(d) ? String(iso) : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  }

  /** Writes a section's result line: ok true (green), false (red, the problem's detail) or null (neutral). */
  function result(id, text, ok) {
    var node = $(id);
    node.textContent = text || '';
    node.className = 'result' + (ok === true ? ' ok' : ok === false ? ' bad' : '');
  }

  /** An endpoint the running hub does not have yet answers 404 with no problem of its own. */
  function missing(error) {
    return error && error.status === 404 && !(error.problem && /^No such /.test(error.problem.detail || ''));
  }

  function notAvailable(error, what) {
    return missing(error) ? what + ' is not available yet on this hub.' : error.message;
  }

  function announce(text) { $('announcer').textContent = text; }

  function title(text) {
    return String(text || '').replace(/[-_]+/g, ' ').replace(/^./, function (c) { return c.toUpperCase(); });
  }

  // --- the setup checklist

  function loadChecklist() {
    return HubSession.api('/api/admin/setup').then(function (answer) {
      var items = (answer && answer.items) || [];
      var list = $('checklist-items');
      list.textContent = '';
      items.forEach(function (item) {
        var state = item.done ? 'Done' : 'To do';
        list.appendChild(el('li', { 'class': item.done ? 'done' : 'todo', 'data-item': item.id, 'data-section': item.section }, [
          el('span', { 'class': 'mark', 'aria-hidden': 'true', text: item.done ? '✓' : '○' }),
          el('span', { 'class': 'visually-hidden', text: state + ':' }),
          el('span', {}, [
            el('a', { href: '#' + item.section, text: ITEM_TITLES[item.id] || title(item.id) }),
            item.detail ? el('span', { 'class': 'detail', text: ' — ' + item.detail }) : null
          ])
        ]));
      });
      var done = items.filter(function (i) { return i.done; }).length;
      $('checklist-summary').textContent = items.length === 0 ? 'Nothing to set up.'
        : done === items.length ? 'All set: ' + done + ' of ' + items.length + ' done.'
        : done + ' of ' + items.length + ' done.';
    }, function (error) {
      $('checklist-items').textContent = '';
      $('checklist-summary').textContent = notAvailable(error, 'The setup checklist');
    });
  }

  // A checklist link moves the keyboard focus to its section, not only the view.
  function followSectionLinks(event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link) { return; }
    var target = $(link.getAttribute('href').slice(1));
    if (target && target.classList.contains('panel')) {
      event.preventDefault();
      target.scrollIntoView();
      target.focus();
      history.replaceState(null, '', '#' + target.id);
    }
  }

  // --- the page

  function showSignIn(message) {
    $('settings').hidden = true;
    $('who').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = message || '';
  }

  function loadAll() {
    loadChecklist();
    sections.forEach(function (s) { s.load(); });
  }

  window.Settings = {
    $: $, el: el, when: when, result: result, missing: missing, notAvailable: notAvailable, announce: announce,
    title: title,

    /** Registers a section's loader; it runs once signed in. */
    section: function (name, load) { sections.push({ name: name, load: load }); },

    /** A change that may tick a checklist item: the checklist asks again. */
    changed: function () { return loadChecklist(); },

    /** The installed VoIP connectors ([{provider, title, description, setup}]), asked once; null when unavailable. */
    connectors: function () { return installed('voip'); },

    /** The installed AMS types ([{type, title, description, credentials}]), from the same answer; null when unavailable. */
    amsTypes: function () { return installed('ams'); }
  };

  /** GET /api/admin/connectors, asked once: VoIP connectors and AMS types, told apart by kind. */
  var allConnectors = null;
  function installed(kind) {
    if (!allConnectors) {
      allConnectors = HubSession.api('/api/admin/connectors').then(function (list) { return list || []; }, function () { return null; });
    }
    return allConnectors.then(function (list) {
      return list && list.filter(function (c) { return (c.kind || 'voip') === kind; });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('sign-in-again').addEventListener('click', function () { HubSession.signIn(); });
    $('sign-out').addEventListener('click', function () { HubSession.signOut(); });
    $('checklist-refresh').addEventListener('click', loadChecklist);
    document.addEventListener('click', followSectionLinks);
    HubSession.onSignedOut(function (reason) {
      showSignIn(reason === 'expired' ? 'Your session ended: please sign in again.' : '');
    });
    HubSession.load().then(function (session) {
      if (!session) { showSignIn(''); return; }
      if (!session.orgId) { showSignIn('This sign-in belongs to no organization: the settings are for an agency\'s admins.'); return; }
      $('who-name').textContent = 'Signed in as ' + (session.email || session.userId);
      $('who').hidden = false;
      $('sign-in').hidden = true;
      $('settings').hidden = false;
      loadAll();
    });
  });
})();
