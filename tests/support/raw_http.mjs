// Raw HTTP/1.1 over one TCP connection, for tests where fetch would hide (or refuse to send) what
// is on the wire: lying lengths, broken chunking, partial heads, CRLF where it does not belong.
import net from 'node:net';

// Sends raw bytes on one connection and resolves with everything received until the server
// closes it (or `ms` pass). Used where fetch would hide what is on the wire.
export function rawExchange(url, steps, ms = 10_000) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let received = '';
    const timer = setTimeout(() => { socket.destroy(); resolve(received); }, ms);
    socket.on('data', (d) => { received += d.toString('latin1'); });
    // A reset after the answer (the server closing with unread bytes) still leaves the answer.
    socket.on('error', (e) => { clearTimeout(timer); if (received) resolve(received); else reject(e); });
    socket.on('close', () => { clearTimeout(timer); resolve(received); });
    socket.on('connect', async () => {
      for (const step of steps) {
        if (typeof step === 'string' || Buffer.isBuffer(step)) socket.write(step);
        else await step();
      }
    });
  });
}

// One raw connection whose progress a test can wait for: `until(condition)` resolves once the
// condition on what has been received (or on `closed`) holds, and fails after `ms`.
export function rawConnection(url) {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port) });
  const waiting = new Set();
  const conn = {
    socket,
    received: '',
    closed: false,
    connected: new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); }),
    // Resolves once the bytes are handed to the kernel (on loopback: to the server's side).
    send: (data) => new Promise((resolve, reject) => socket.write(data, (e) => (e ? reject(e) : resolve()))),
    until(condition, what, ms = 10_000) {
      if (condition()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const waiter = () => { if (condition()) { clearTimeout(timer); waiting.delete(waiter); resolve(); } };
        const timer = setTimeout(() => {
          waiting.delete(waiter);
          reject(new Error(`waited ${ms} ms for ${what}; received: ${JSON.stringify(conn.received)}`));
        }, ms);
        waiting.add(waiter);
      });
    },
  };
  const changed = () => { for (const w of [...waiting]) w(); };
  socket.on('data', (d) => { conn.received += d.toString('latin1'); changed(); });
  socket.on('error', () => {});
  socket.on('close', () => { conn.closed = true; changed(); });
  return conn;
}

// The first response in `raw`: status, headers (names lower-cased; repeats joined by ", ") and
// the body as sent (Content-Length bodies only, which is all this server sends).
export function firstResponse(raw) {
  const end = raw.indexOf('\r\n\r\n');
  if (!raw.startsWith('HTTP/1.') || end < 0) return { status: 0, headers: {}, body: '', raw };
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  const length = Number(headers['content-length'] ?? 0);
  return { status: Number(statusLine.split(' ')[1]), headers, body: raw.slice(end + 4, end + 4 + length), raw };
}
