// A small WebSocket client on node:net for tests (Node 20 has no global WebSocket, and the
// tests need what a browser would never let them do: any Origin, any cookie, an oversize
// frame). Text frames, masked as RFC 6455 requires of a client; answers pings; loopback only.
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

// Opens `path` on the server at `baseUrl` ("http://127.0.0.1:PORT"). Resolves with an open
// socket, or with { refused: status } when the server answers the handshake with anything but 101.
// `origin`: the Origin header (default: the server's own); null sends none.
export function openSocket(baseUrl, path, { origin = baseUrl, cookie, timeoutMs = 5_000 } = {}) {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: url.hostname, port: Number(url.port) });
    const key = randomBytes(16).toString('base64');
    const timer = setTimeout(() => { sock.destroy(); reject(new Error(`no handshake answer from ${path} in ${timeoutMs} ms`)); }, timeoutMs);
    let head = Buffer.alloc(0);
    sock.once('error', (e) => { clearTimeout(timer); reject(e); });
    sock.on('connect', () => {
      const lines = [`GET ${path} HTTP/1.1`, `Host: ${url.host}`, 'Upgrade: websocket', 'Connection: Upgrade',
        `Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13'];
      if (origin) lines.push(`Origin: ${origin}`);
      if (cookie) lines.push(`Cookie: ${cookie}`);
      sock.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    const onData = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      clearTimeout(timer);
      sock.off('data', onData);
      const text = head.subarray(0, end).toString('latin1');
      const status = Number(text.split(' ')[1]);
      const headers = Object.fromEntries(text.split('\r\n').slice(1).map((l) => {
        const i = l.indexOf(':');
        return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()];
      }));
      if (status !== 101) {
        sock.destroy();
        resolve({ refused: status, headers, body: head.subarray(end + 4).toString('utf8') });
        return;
      }
      const accept = createHash('sha1').update(key + GUID).digest('base64');
      if (headers['sec-websocket-accept'] !== accept) {
        sock.destroy();
        reject(new Error('bad Sec-WebSocket-Accept'));
        return;
      }
      resolve(new TestSocket(sock, head.subarray(end + 4), headers));
    };
    sock.on('data', onData);
  });
}

export class TestSocket {
  constructor(sock, rest, headers) {
    this.sock = sock;
    this.headers = headers;
    this.buffer = Buffer.alloc(0);
    this.messages = [];  // every text message received, parsed as JSON
    this.waiters = [];
    this.closed = null;  // { code, reason } once closed (code 1006: no close frame)
    sock.on('data', (chunk) => this.#receive(chunk));
    sock.on('close', () => this.#closed(1006, ''));
    sock.on('error', () => {});
    if (rest.length) this.#receive(rest);
  }

  send(value) { this.sendRaw(typeof value === 'string' ? value : JSON.stringify(value)); }

  // `text`: a string (sent as UTF-8) or a Buffer of the payload's bytes.
  sendRaw(text, opcode = 1) {
    const payload = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
    const mask = randomBytes(4);
    let header;
    if (payload.length < 126) {
      header = Buffer.from([0x80 | opcode, 0x80 | payload.length]);
    } else if (payload.length < 65536) {
      header = Buffer.alloc(4);
      header[0] = 0x80 | opcode; header[1] = 0x80 | 126; header.writeUInt16BE(payload.length, 2);
    } else {
      header = Buffer.alloc(10);
      header[0] = 0x80 | opcode; header[1] = 0x80 | 127; header.writeBigUInt64BE(BigInt(payload.length), 2);
    }
    const masked = Buffer.alloc(payload.length);
    for (let i = 0; i < payload.length; i++) masked[i] = payload[i] ^ mask[i % 4];
    if (!this.sock.destroyed) this.sock.write(Buffer.concat([header, mask, masked]));
  }

  close() {
    if (this.sock.destroyed) return;
    const body = Buffer.alloc(2);
    body.writeUInt16BE(1000, 0);
    this.sendRaw(body, 0x8);
    setTimeout(() => this.sock.destroy(), 200).unref();
  }

  // Drops the TCP connection without a close frame, as a network failure would.
  destroy() { this.sock.destroy(); }

  // Resolves with the first message (seen before or after this call) `match` accepts; fails
  // after `ms`, or when the socket closes first.
  waitFor(match, ms = 5_000) {
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`no matching message in ${ms} ms; got ${JSON.stringify(this.messages)}`));
        }, ms),
      };
      this.waiters.push(waiter);
    });
  }

  // Resolves with { code, reason } once the server closed the connection; fails after `ms`.
  waitClosed(ms = 5_000) {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not closed in ${ms} ms`)), ms);
      this.sock.once('close', () => { clearTimeout(timer); resolve(this.closed); });
    });
  }

  #receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0] & 0x0f;
      let length = this.buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2); offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2)); offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      const payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      if (opcode === 0x1) {
        const message = JSON.parse(payload.toString('utf8'));
        this.messages.push(message);
        for (const w of [...this.waiters]) {
          if (w.match(message)) {
            clearTimeout(w.timer);
            this.waiters = this.waiters.filter((x) => x !== w);
            w.resolve(message);
          }
        }
      } else if (opcode === 0x8) {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        this.#closed(code, payload.subarray(2).toString('utf8'));
        this.sock.end();
      } else if (opcode === 0x9) {
        this.sendRaw(Buffer.from(payload), 0xA);
      }
    }
  }

  #closed(code, reason) {
    if (!this.closed) this.closed = { code, reason };
  }
}
