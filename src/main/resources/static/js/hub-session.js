// The signed-in user of the hub's own pages (agent console, analytics dashboard, settings).
// The browser signs in with the identity provider (OpenID Connect): the hub keeps the session in an HttpOnly cookie,
// so no token ever reaches the page. The page asks the hub who is signed in (GET /session), which also hands it the
// CSRF token that every state-changing API call sends back. Pages must not use inline scripts (the CSP forbids them).
(function () {
  'use strict';
  var session = null;
  var listeners = [];

  function signedOut(reason) {
    session = null;
    listeners.forEach(function (listener) { listener(reason); });
  }

  function load() {
    return fetch('/session', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { session = null; return null; }
      return r.json().then(function (answer) {
        // claims: what pages showed when the session was a token (email, sub)
        answer.claims = { email: answer.email, sub: answer.userId };
        session = answer;
        return session;
      });
    }, function () { session = null; return null; });
  }

  window.HubSession = {
    /** Asks the hub who is signed in: resolves to the session ({userId, email, role, orgId, operator, csrf}) or null. */
    load: load,

    /** The session loaded last, or null. */
    current: function () { return session; },

    /** Signs in again through the identity provider, coming back to this page. */
    signIn: function () { window.location.reload(); },

    /** Ends the hub's session and the identity provider's, then shows the signed-out page. */
    signOut: function () {
      var headers = { 'Accept': 'application/json' };
      if (session && session.csrf) { headers[session.csrf.header] = session.csrf.token; }
      return fetch('/logout', { method: 'POST', headers: headers, credentials: 'same-origin' }).then(function (r) {
        return r.ok ? r.json() : { location: '/signed-out/' };
      }, function () { return { location: '/signed-out/' }; }).then(function (answer) {
        signedOut('signed-out');
        window.location.assign(answer.location || '/signed-out/');
      });
    },

    /** Called with a reason when the session ends (sign-out, expiry, a 401 from the hub). */
    onSignedOut: function (listener) { listeners.push(listener); },

    /** fetch() with the session (and its CSRF token on changes); a 401 ends the session. Rejects with the problem's detail. */
    api: function (path, options) {
      if (!session) {
        signedOut('expired');
        return Promise.reject(new Error('Please sign in again.'));
      }
      options = options || {};
      var method = (options.method || 'GET').toUpperCase();
      var headers = Object.assign({ 'Accept': 'application/json' }, options.headers || {});
      if (method !== 'GET' && method !== 'HEAD' && session.csrf) { headers[session.csrf.header] = session.csrf.token; }
      if (options.body && !headers['Content-Type']) { headers['Content-Type'] = 'application/json'; }
      return fetch(path, Object.assign({}, options, { headers: headers, credentials: 'same-origin' })).then(function (r) {
        if (r.status === 401) { signedOut('expired'); }
        if (!r.ok) {
          return r.json().catch(function () { return {}; }).then(function (problem) {
            var error = new Error(problem.detail || problem.title || ('HTTP ' + r.status));
            error.status = r.status;
            error.problem = problem;
            throw error;
          });
        }
        return r.status === 204 ? null : r.json();
      });
    }
  };
})();
