// The signed-in user of the hub's own pages (agent console, analytics dashboard).
// A session is an access token of the identity provider kept in sessionStorage (gone when the tab closes).
// In the default run the built-in development identity provider signs users in with one click; elsewhere the
// user pastes a token of the agency's identity provider. Pages must not use inline scripts (the CSP forbids them).
(function () {
  'use strict';
  var KEY = 'callintel.session';

  function decodeClaims(token) {
    var part = token.split('.')[1] || '';
    var json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(decodeURIComponent(Array.prototype.map.call(json, function (c) {
      return '%' + ('00' + c.charCodeAt(0).toString(16)).slice(-2);
    }).join('')));
  }

  function store(token) {
    var claims = decodeClaims(token);
    var session = { token: token, claims: claims, expiresAt: (claims.exp || 0) * 1000 };
    sessionStorage.setItem(KEY, JSON.stringify(session));
    return session;
  }

  function current() {
    var raw = sessionStorage.getItem(KEY);
    if (!raw) { return null; }
    var session = JSON.parse(raw);
    if (session.expiresAt && session.expiresAt < Date.now() + 5000) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  }

  var listeners = [];
  function signedOut(reason) {
    sessionStorage.removeItem(KEY);
    listeners.forEach(function (listener) { listener(reason); });
  }

  window.HubSession = {
    /** The session ({token, claims, expiresAt}) or null. */
    current: current,

    /** Whether the hub runs its development identity provider (the sandbox). */
    devIssuerAvailable: function () {
      return fetch('/dev/.well-known/jwks.json').then(function (r) { return r.ok; }, function () { return false; });
    },

    /** Signs in as a demo user ('agent' or 'admin') of the development identity provider. */
    signInAsDemoUser: function (user) {
      return fetch('/dev/token?user=' + encodeURIComponent(user), { method: 'POST' }).then(function (r) {
        if (!r.ok) { throw new Error('The development identity provider refused: HTTP ' + r.status); }
        return r.json();
      }).then(function (answer) { return store(answer.access_token); });
    },

    /** Signs in with an access token issued by the agency's identity provider. */
    signInWithToken: function (token) {
      return Promise.resolve(store(token.trim()));
    },

    signOut: function () { signedOut('signed-out'); },

    /** Called with a reason when the session ends (sign-out, expiry, a 401 from the hub). */
    onSignedOut: function (listener) { listeners.push(listener); },

    /** fetch() with the session's bearer token; a 401 ends the session. Rejects with the problem's detail. */
    api: function (path, options) {
      var session = current();
      if (!session) {
        signedOut('expired');
        return Promise.reject(new Error('Please sign in again.'));
      }
      options = options || {};
      var headers = Object.assign({ 'Accept': 'application/json' }, options.headers || {});
      headers.Authorization = 'Bearer ' + session.token;
      if (options.body && !headers['Content-Type']) { headers['Content-Type'] = 'application/json'; }
      return fetch(path, Object.assign({}, options, { headers: headers })).then(function (r) {
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
