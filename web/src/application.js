// Victim Gateway's only script: starts GOV.UK Frontend's components. Progressive enhancement:
// every page and form works without it. It must never add inline script or call other sites.
//
// The import path is rewritten by web/build.mjs to the content-hashed bundle.
import {
  Accordion,
  Button,
  CharacterCount,
  Checkboxes,
  ErrorSummary,
  ExitThisPage,
  NotificationBanner,
  PasswordInput,
  Radios,
  ServiceNavigation,
  SkipLink,
  Tabs,
  createAll,
} from './govuk-frontend.js';

// GOV.UK's page template sets these classes with an inline script; our CSP forbids inline
// script, and a module script only runs where GOV.UK Frontend is supported, so set them here.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

// Exit this page must leave nothing to go "back" to: replace the current history entry rather
// than push a new one, so the back button on the harmless site does not return here.
class ReplacingExitThisPage extends ExitThisPage {
  exitPage() {
    if (!this.$updateSpan) return;
    this.$updateSpan.textContent = '';
    document.body.classList.add('govuk-exit-this-page-hide-content');
    this.$overlay = document.createElement('div');
    this.$overlay.className = 'govuk-exit-this-page-overlay';
    this.$overlay.setAttribute('role', 'alert');
    this.$overlay.textContent = this.i18n.t('activated');
    document.body.appendChild(this.$overlay);
    window.location.replace(this.$button.href);
  }
}

for (const Component of [
  Accordion,
  Button,
  CharacterCount,
  Checkboxes,
  ErrorSummary,
  NotificationBanner,
  PasswordInput,
  Radios,
  ServiceNavigation,
  SkipLink,
  Tabs,
  ReplacingExitThisPage,
]) {
  createAll(Component);
}

// The staff referral form's live assessment: as the advisor fills the form in, the server
// assesses and routes what is there and sends back the panel, already escaped HTML it rendered.
// Without this script "Update assessment" does the same by posting the whole form.
function startLiveAssessment(form) {
  const panel = document.getElementById('assessment');
  if (!panel) return;
  let timer;
  let inFlight;
  const refresh = async () => {
    inFlight?.abort();
    inFlight = new AbortController();
    try {
      const response = await fetch(form.dataset.liveAssessment, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
        signal: inFlight.signal,
      });
      if (response.ok) {
        panel.innerHTML = await response.text();
        panel.dataset.refreshed = String(Number(panel.dataset.refreshed ?? 0) + 1);
      }
    } catch {
      // Offline or superseded: the last assessment stays, and sending still works.
    }
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  };
  form.addEventListener('input', soon);
  form.addEventListener('change', soon);
}

document.querySelectorAll('form[data-live-assessment]').forEach(startLiveAssessment);

// The directory search's filters (search.mustache): a <details> folded on phones so the results
// come first, and always open from tablet width up, where its "Show filters" toggle is hidden.
// Without JavaScript the stylesheet does the same in browsers that support ::details-content;
// this makes it so in every browser, and folds the filters again if the window narrows.
function startFilterToggle(details) {
  const wide = window.matchMedia('(min-width: 40.0625em)');
  let openedForWidth = false;
  const fit = () => {
    if (wide.matches && !details.open) {
      details.open = true;
      openedForWidth = true;
    } else if (!wide.matches && openedForWidth) {
      details.open = false;
      openedForWidth = false;
    }
  };
  fit();
  wide.addEventListener('change', fit);
}

document.querySelectorAll('details[data-module="app-filter-toggle"]').forEach(startFilterToggle);

// The DASH form's running count: as the assessor answers, the "yes" answers add up on screen.
// The server shows the same count when the page loads, and scores the saved answers itself.
function startDashCount(form) {
  const count = (prefix) =>
    form.querySelectorAll(`input[type="radio"][name^="${prefix}_"][value="yes"]:checked`).length;
  const update = () => {
    const dash = form.querySelector('[data-dash-yes]');
    const sdash = form.querySelector('[data-sdash-yes]');
    if (dash) dash.textContent = String(count('dash'));
    if (sdash) sdash.textContent = String(count('sdash'));
  };
  form.addEventListener('change', update);
}

document.querySelectorAll('form[data-dash-form]').forEach(startDashCount);

// Live chat (chat_conversation and staff_chat): over a WebSocket to this site, new messages, the
// other side typing and what they have seen appear without reloading, and the form sends without
// leaving the page. Without this script (or a socket) the page works as it is: post the form and
// "Check for new messages". Nothing is kept on the device: the number of the last event shown
// lives only in this page's memory, and a reconnection asks for everything after it.
function startLiveChat(list) {
  if (!('WebSocket' in window)) return;
  const side = list.dataset.side;
  const form = document.querySelector('form[data-live-chat-form]');
  const textarea = form?.querySelector('textarea');
  const typing = document.querySelector('[data-chat-typing]');
  const seen = document.querySelector('[data-chat-seen]');
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
  let lastSeq = 0;
  let lastMine = 0;
  list.querySelectorAll('[data-seq]').forEach((li) => {
    lastSeq = Math.max(lastSeq, Number(li.dataset.seq));
    if (li.classList.contains('app-chat-line--mine')) lastMine = Math.max(lastMine, Number(li.dataset.seq));
  });
  let socket;
  let retries = 0;
  let finished = false;
  let typingShown;
  let typingSent = 0;
  let otherRead = 0;

  const other = side === 'victim' ? 'advisor' : 'victim';
  const eventText = (kind) => ({
    started: side === 'victim' ? 'You started the chat' : 'The victim started the chat',
    taken: side === 'advisor' ? 'You took the chat' : 'An advisor joined the chat',
    ended: 'The chat ended',
  })[kind] ?? '';

  const paragraph = (className, text) => {
    const p = document.createElement('p');
    p.className = className;
    p.textContent = text;
    return p;
  };

  const append = (u) => {
    const li = document.createElement('li');
    const mine = u.kind === 'message' && u.party === side;
    li.className = `app-chat-line${mine ? ' app-chat-line--mine' : ''}`;
    li.dataset.seq = String(u.seq);
    const time = document.createElement('span');
    time.className = 'app-chat-time';
    time.textContent = clock.format(new Date(u.at));
    if (u.kind === 'message') {
      const who = paragraph('govuk-body-s govuk-!-margin-bottom-1', '');
      const strong = document.createElement('strong');
      strong.textContent = mine ? 'You' : (u.party === 'victim' ? 'Victim' : 'Advisor');
      who.append(strong, ' ', time);
      li.append(who, paragraph('govuk-body app-chat-text', u.text));
      if (mine) lastMine = u.seq;
    } else {
      const p = paragraph('govuk-body-s app-chat-event', `${eventText(u.kind)} `);
      p.append(time);
      li.append(p);
    }
    list.append(li);
  };

  const showSeen = () => {
    if (seen) seen.textContent = lastMine > 0 && otherRead >= lastMine ? 'Delivered' : '';
  };

  const send = (frame) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  };

  const acknowledge = () => {
    if (document.visibilityState === 'visible' && lastSeq > 0) send({ type: 'read', seq: lastSeq });
  };

  const showError = (message) => {
    const group = textarea?.closest('.govuk-form-group');
    if (!group) return;
    group.querySelector('[data-live-error]')?.remove();
    const p = paragraph('govuk-error-message', message);
    p.dataset.liveError = '';
    p.id = 'message-error';
    group.classList.add('govuk-form-group--error');
    textarea.setAttribute('aria-describedby', 'message-error');
    textarea.before(p);
  };

  const clearError = () => {
    const group = textarea?.closest('.govuk-form-group');
    group?.querySelector('[data-live-error]')?.remove();
    group?.classList.remove('govuk-form-group--error');
  };

  const handle = (u) => {
    if (u.type === 'event') {
      if (u.seq <= lastSeq) return;
      if (u.kind === 'referred' || u.kind === 'ended') {
        finished = true;
        // The other side's doing: the page shows it in full (the reference, the ended chat's
        // choices), so load it again. One's own (leaving, Exit this page) is already navigating
        // away, and must not be held back by a reload.
        if (u.party === other) window.location.reload();
        return;
      }
      append(u);
      lastSeq = u.seq;
      if (u.party === other && typing) typing.textContent = '';
      showSeen();
      acknowledge();
    } else if (u.type === 'typing' && typing) {
      typing.textContent = other === 'advisor' ? 'The advisor is typing…' : 'The victim is typing…';
      clearTimeout(typingShown);
      typingShown = setTimeout(() => { typing.textContent = ''; }, 4000);
    } else if (u.type === 'read') {
      otherRead = Math.max(otherRead, u.seq);
      showSeen();
    } else if (u.type === 'ready') {
      list.dataset.live = 'ready';
      acknowledge();
    } else if (u.type === 'sent') {
      clearError();
    } else if (u.type === 'error') {
      showError(u.message);
    }
  };

  const connect = () => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${window.location.host}${list.dataset.liveChat}?after=${lastSeq}`);
    socket.addEventListener('open', () => { retries = 0; });
    socket.addEventListener('message', (m) => handle(JSON.parse(m.data)));
    socket.addEventListener('close', (closed) => {
      delete list.dataset.live;
      if (finished) return;
      // The advisor's session ended (signed out in another tab, revoked, expired): the page loads
      // again, which leads to signing in and leaves nothing of the chat on the screen.
      if (closed.code === 1008 && closed.reason === 'Signed out') {
        finished = true;
        window.location.reload();
        return;
      }
      // Back off, up to half a minute; each try catches up from the last number shown.
      retries = Math.min(retries + 1, 6);
      setTimeout(connect, 500 * 2 ** retries);
    });
  };

  form?.addEventListener('submit', (event) => {
    if (socket?.readyState !== WebSocket.OPEN || !textarea) return;  // the form posts as usual
    event.preventDefault();
    send({ type: 'message', text: textarea.value });
    textarea.value = '';
    textarea.focus();
  });
  textarea?.addEventListener('input', () => {
    if (Date.now() - typingSent < 2000) return;
    typingSent = Date.now();
    send({ type: 'typing' });
  });
  document.addEventListener('visibilitychange', acknowledge);
  window.addEventListener('pagehide', () => { finished = true; socket?.close(); });
  connect();
}

document.querySelectorAll('[data-live-chat]').forEach(startLiveChat);
