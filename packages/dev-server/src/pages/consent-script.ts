/**
 * Browser script of the consent page, served as /consent.js. Plain ES2020 that acts as a signed-in user:
 * read the consent request, then post the decision and follow the returned redirect_uri.
 */
export const CONSENT_SCRIPT = `'use strict';
(function () {
  var root = document.getElementById('consent');
  var token = root.getAttribute('data-consent-token') || '';
  var apiKey = document.querySelector('meta[name="dev-server-api-key"]').getAttribute('content');
  var allow = document.getElementById('allow');
  var deny = document.getElementById('deny');
  var errorBox = document.getElementById('consent-error');
  var auth = { Authorization: 'Bearer ' + apiKey };

  function byId(id) { return document.getElementById(id); }
  function detailOf(body, fallback) {
    return (body && body.errors && body.errors[0] && body.errors[0].detail) || fallback;
  }
  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    root.setAttribute('aria-busy', 'false');
  }
  function setBusy(busy) {
    allow.disabled = busy;
    deny.disabled = busy;
  }
  function link(id, href) {
    if (!href) return;
    var a = byId(id);
    a.href = href;
    a.rel = 'noopener noreferrer';
    a.hidden = false;
    byId('links').hidden = false;
  }

  function render(data) {
    byId('client-name').textContent = data.name;
    byId('verified-badge').hidden = !data.verified;
    if (data.logo_uri) {
      var logo = byId('client-logo');
      logo.src = data.logo_uri;
      logo.alt = data.name + ' logo';
      logo.hidden = false;
    }
    byId('intro').hidden = false;
    var list = byId('scopes');
    data.requested_scopes.forEach(function (scope) {
      var item = document.createElement('li');
      var name = document.createElement('strong');
      name.textContent = scope.name;
      var description = document.createElement('span');
      description.textContent = ' ' + scope.description;
      item.appendChild(name);
      item.appendChild(description);
      item.setAttribute('data-scope', scope.id);
      list.appendChild(item);
    });
    var note = byId('redirect-note');
    note.textContent = 'You will be sent back to ' + new URL(data.redirect_uri).origin + '.';
    note.hidden = false;
    link('tos-link', data.tos_uri);
    link('policy-link', data.policy_uri);
    root.setAttribute('aria-busy', 'false');
    setBusy(false);
  }

  function load() {
    fetch('/v2/oauth/consent/' + encodeURIComponent(token), { headers: auth })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (!response.ok || !body || !body.data) {
            showError(detailOf(body, 'This authorization request is invalid or has expired.'));
            return;
          }
          render(body.data);
        });
      })
      .catch(function () { showError('Could not reach the server.'); });
  }

  function decide(allowed) {
    setBusy(true);
    fetch('/v2/oauth/grants', {
      method: 'POST',
      headers: Object.assign({ 'Content-Type': 'application/json' }, auth),
      body: JSON.stringify({ allowed: allowed, consent_token: token })
    })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (!response.ok || !body || !body.redirect_uri) {
            showError(detailOf(body, 'The decision could not be recorded.'));
            return;
          }
          window.location.assign(body.redirect_uri);
        });
      })
      .catch(function () {
        setBusy(false);
        showError('Could not reach the server.');
      });
  }

  allow.addEventListener('click', function () { decide(true); });
  deny.addEventListener('click', function () { decide(false); });
  load();
})();
`;
