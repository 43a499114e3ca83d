// Matching for the HTTP contract cases in this folder: a small JSONPath, value matchers and
// subset comparison. Pure functions; every mismatch is returned as a message, never thrown.

// JSONPath subset: $, .name, ['name'], [n], [*]. Returns { many, values }: `many` when the path
// has a wildcard (then `values` lists every match), else values holds 0 or 1 value.
export function evalPath(root, path) {
  if (!path.startsWith('$')) throw new Error(`JSON path must start with $: ${path}`);
  const tokens = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\['([^']*)'\]|\[(\d+)\]|\[\*\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) throw new Error(`cannot read JSON path ${path} at ${re.lastIndex}`);
    if (m[1] !== undefined || m[2] !== undefined) tokens.push({ key: m[1] ?? m[2] });
    else if (m[3] !== undefined) tokens.push({ index: Number(m[3]) });
    else tokens.push({ all: true });
  }
  let values = [root];
  let many = false;
  for (const t of tokens) {
    const next = [];
    for (const v of values) {
      if (t.all) {
        many = true;
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === 'object') next.push(...Object.values(v));
      } else if (t.index !== undefined) {
        if (Array.isArray(v) && t.index < v.length) next.push(v[t.index]);
      } else if (v && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, t.key)) {
        next.push(v[t.key]);
      }
    }
    values = next;
  }
  return { many, values };
}

export function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
}

function isMatcher(x) {
  return x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length > 0 &&
    Object.keys(x).every((k) => k.startsWith('$'));
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v;
}

const show = (v) => JSON.stringify(v)?.slice(0, 300);

// Checks one actual value (or, for wildcard paths, the list of matches) against an expected
// value: a literal (deep equality) or a matcher object such as {"$gte": 1}. `ctx.root` is the
// whole body, for $eq_path.
export function matchValue(actual, expected, where, ctx = {}) {
  if (!isMatcher(expected)) {
    return deepEqual(actual, expected) ? [] : [`${where}: expected ${show(expected)}, got ${show(actual)}`];
  }
  const errors = [];
  const fail = (msg) => errors.push(`${where}: ${msg} (got ${show(actual)})`);
  for (const [op, arg] of Object.entries(expected)) {
    switch (op) {
      case '$eq': if (!deepEqual(actual, arg)) fail(`expected ${show(arg)}`); break;
      case '$ne': if (deepEqual(actual, arg)) fail(`expected not ${show(arg)}`); break;
      case '$gt': if (!(actual > arg)) fail(`expected > ${arg}`); break;
      case '$gte': if (!(actual >= arg)) fail(`expected >= ${arg}`); break;
      case '$lt': if (!(actual < arg)) fail(`expected < ${arg}`); break;
      case '$lte': if (!(actual <= arg)) fail(`expected <= ${arg}`); break;
      case '$exists': if ((actual !== undefined) !== arg) fail(arg ? 'expected to exist' : 'expected to be absent'); break;
      case '$type': if (typeOf(actual) !== arg && !(arg === 'number' && typeOf(actual) === 'integer')) fail(`expected type ${arg}`); break;
      case '$len': {
        const n = actual?.length;
        errors.push(...matchValue(n, arg, `${where}.length`, ctx));
        break;
      }
      case '$matches': if (typeof actual !== 'string' || !new RegExp(arg).test(actual)) fail(`expected to match /${arg}/`); break;
      case '$one_of': if (!arg.some((x) => deepEqual(x, actual))) fail(`expected one of ${show(arg)}`); break;
      case '$includes': {
        const want = Array.isArray(arg) ? arg : [arg];
        for (const w of want) {
          if (!Array.isArray(actual) || !actual.some((x) => deepEqual(x, w))) fail(`expected to include ${show(w)}`);
        }
        break;
      }
      case '$excludes': {
        const want = Array.isArray(arg) ? arg : [arg];
        for (const w of want) {
          if (Array.isArray(actual) && actual.some((x) => deepEqual(x, w))) fail(`expected not to include ${show(w)}`);
        }
        break;
      }
      case '$includes_any': {
        if (!Array.isArray(actual) || !arg.some((w) => actual.some((x) => deepEqual(x, w)))) fail(`expected to include one of ${show(arg)}`);
        break;
      }
      case '$every': {
        if (!Array.isArray(actual)) { fail('expected an array'); break; }
        actual.forEach((x, i) => errors.push(...matchValue(x, arg, `${where}[${i}]`, ctx)));
        break;
      }
      case '$eq_path': {
        const other = evalPath(ctx.root, arg);
        const v = other.many ? other.values : other.values[0];
        if (!deepEqual(actual, v)) fail(`expected to equal ${arg} (${show(v)})`);
        break;
      }
      case '$subset': errors.push(...matchSubset(actual, arg, where, ctx)); break;
      case '$keys': {
        // An object with exactly these members, in any order: nothing missing, nothing added.
        if (!actual || typeof actual !== 'object' || Array.isArray(actual)) { fail('expected an object'); break; }
        const have = Object.keys(actual).sort();
        const want = [...arg].sort();
        if (!deepEqual(have, want)) fail(`expected exactly the members ${show(want)}, has ${show(have)}`);
        break;
      }
      default: throw new Error(`unknown matcher ${op} at ${where}`);
    }
  }
  return errors;
}

// Every key of `expected` must be in `actual` and match (recursively); arrays match element
// by element with the same length. Matchers may appear anywhere.
export function matchSubset(actual, expected, where = '$', ctx = {}) {
  if (isMatcher(expected)) return matchValue(actual, expected, where, ctx);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${where}: expected an array, got ${show(actual)}`];
    if (actual.length !== expected.length) return [`${where}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((e, i) => matchSubset(actual[i], e, `${where}[${i}]`, ctx));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${where}: expected an object, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([k, e]) => matchSubset(actual[k], e, `${where}.${k}`, ctx));
  }
  return matchValue(actual, expected, where, ctx);
}

// {"$.a": 1, "$.b[*].c": {"$includes": "x"}} against a body.
export function matchPaths(root, paths, where = '') {
  const errors = [];
  for (const [path, expected] of Object.entries(paths)) {
    const { many, values } = evalPath(root, path);
    errors.push(...matchValue(many ? values : values[0], expected, `${where}${path}`, { root }));
  }
  return errors;
}

// Paths where a value is null: the API leaves optional fields out instead.
export function findNulls(value, path = '$', out = []) {
  if (value === null) out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => findNulls(v, `${path}[${i}]`, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) findNulls(v, `${path}.${k}`, out);
  return out;
}

// The HSDS page envelope rules (ORUK-CHECKS.md §4), given the page and per_page asked for.
export function envelopeErrors(body, page, perPage) {
  const errors = [];
  const need = ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'];
  for (const k of need) if (!(k in body)) errors.push(`envelope: missing ${k}`);
  if (errors.length) return errors;
  const n = body.contents.length;
  const check = (ok, msg) => { if (!ok) errors.push(`envelope: ${msg} (${JSON.stringify({ ...body, contents: `[${n} items]` })})`); };
  check(Array.isArray(body.contents), 'contents is an array');
  check(body.size === n, 'size equals the number of items in contents');
  check(body.page_number === page, `page_number is the page asked for (${page})`);
  check(body.first_page === (page === 1), 'first_page exactly when page 1');
  check(body.last_page === (page >= body.total_pages), 'last_page exactly when no page follows');
  check(body.empty === (n === 0), 'empty exactly when contents is empty');
  check(body.total_pages === Math.ceil(body.total_items / perPage), `total_pages is ceil(total_items / ${perPage})`);
  if (page < body.total_pages) check(n === perPage, `a page before the last holds per_page (${perPage}) items`);
  if (page === body.total_pages) check(n === body.total_items - (page - 1) * perPage, 'the last page holds the rest');
  if (page > body.total_pages) check(n === 0, 'a page past the last is empty');
  return errors;
}
