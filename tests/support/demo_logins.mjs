// The demo log-ins as `victim-gateway demo-data` prints them: one line each, "email  password
// authenticator-key  Role label" (the key "-" for a role that signs in without a second factor).
// The printed lines are the one source of the demo keys: the tests read them, nothing else.
export function parseDemoLogins(output) {
  const logins = [];
  for (const line of output.split('\n')) {
    const m = line.match(/^\s+([\w.+-]+@[\w.-]+\.\w+)\s+(\S+)\s+(\S+)\s+(.+?)\s*$/);
    if (m) logins.push({ email: m[1], password: m[2], totpSecret: m[3] === '-' ? null : m[3], role: m[4] });
  }
  return logins;
}
