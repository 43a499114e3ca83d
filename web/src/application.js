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
