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
