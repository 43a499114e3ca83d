// Reading and writing the forms of server-rendered pages in HTTP tests (no browser).
import assert from 'node:assert/strict';

// An application/x-www-form-urlencoded body from {name: value | [values]} or [[name, value]].
export function formBody(fields) {
  const body = new URLSearchParams();
  for (const [k, v] of Array.isArray(fields) ? fields : Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  }
  return body.toString();
}

// The GOV.UK error summary's links: [{anchor, message}], each message passed through `decode`.
export function errorSummaryLinks(html, decode = (s) => s) {
  const summary = html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/);
  assert.ok(summary, 'the page has a GOV.UK error summary');
  return [...summary[0].matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => ({ anchor: m[1], message: decode(m[2]) }));
}
