// Opening a text the notes key sealed (src/app/security/notes_cipher.h: libsodium
// crypto_secretbox_easy, XSalsa20-Poly1305, the nonce first, base64), so a test can hold what the
// database keeps against what was sent without asking the server under test. Only the XSalsa20
// stream is undone; the Poly1305 tag is not checked: compare the result with a known text, never
// trust it on its own.

const rotl = (v, n) => ((v << n) | (v >>> (32 - n))) >>> 0;

// Salsa20's twenty rounds over the sixteen words `x` (in place).
function rounds(x) {
  const qr = (a, b, c, d) => {
    x[b] ^= rotl((x[a] + x[d]) >>> 0, 7);
    x[c] ^= rotl((x[b] + x[a]) >>> 0, 9);
    x[d] ^= rotl((x[c] + x[b]) >>> 0, 13);
    x[a] ^= rotl((x[d] + x[c]) >>> 0, 18);
  };
  for (let i = 0; i < 10; i++) {
    qr(0, 4, 8, 12); qr(5, 9, 13, 1); qr(10, 14, 2, 6); qr(15, 3, 7, 11);
    qr(0, 1, 2, 3); qr(5, 6, 7, 4); qr(10, 11, 8, 9); qr(15, 12, 13, 14);
  }
}

// The state for `key` (32 bytes) and the sixteen bytes `middle` (nonce and counter).
function state(key, middle) {
  const k = (i) => key.readUInt32LE(4 * i);
  const m = (i) => middle.readUInt32LE(4 * i);
  return Uint32Array.of(0x61707865, k(0), k(1), k(2), k(3), 0x3320646e, m(0), m(1), m(2), m(3),
    0x79622d32, k(4), k(5), k(6), k(7), 0x6b206574);
}

function hsalsa20(key, nonce16) {
  const x = state(key, nonce16);
  rounds(x);
  const out = Buffer.alloc(32);
  [0, 5, 10, 15, 6, 7, 8, 9].forEach((w, i) => out.writeUInt32LE(x[w], 4 * i));
  return out;
}

// `length` bytes of XSalsa20's key stream for `key` and the 24-byte `nonce`.
function xsalsa20Stream(key, nonce, length) {
  const subkey = hsalsa20(key, nonce.subarray(0, 16));
  const out = Buffer.alloc(Math.ceil(length / 64) * 64);
  const middle = Buffer.alloc(16);
  nonce.copy(middle, 0, 16, 24);
  for (let block = 0; block * 64 < length; block++) {
    middle.writeUInt32LE(block, 8);
    const input = state(subkey, middle);
    const x = Uint32Array.from(input);
    rounds(x);
    for (let i = 0; i < 16; i++) out.writeUInt32LE((x[i] + input[i]) >>> 0, 64 * block + 4 * i);
  }
  return out.subarray(0, length);
}

// The plain text of `sealed` (base64 of nonce, tag, cipher text) under the notes key `keyHex`.
export function openSealed(keyHex, sealed) {
  const key = Buffer.from(keyHex, 'hex');
  const box = Buffer.from(sealed, 'base64');
  const nonce = box.subarray(0, 24);
  const cipher = box.subarray(24 + 16);
  const stream = xsalsa20Stream(key, nonce, 32 + cipher.length);
  const plain = Buffer.alloc(cipher.length);
  for (let i = 0; i < cipher.length; i++) plain[i] = cipher[i] ^ stream[32 + i];
  return plain.toString('utf8');
}

// A referral's document as the database keeps it, opened when sealed (its key id not empty) under
// the tests' notes key (tests/support/server.mjs sets VG_NOTES_KEY).
export function storedDocument(document, keyId, keyHex = process.env.VG_NOTES_KEY) {
  return keyId ? openSealed(keyHex, document) : document;
}

// Every referral's document, opened, from the rows of
// SELECT document_key_id || '|' || document FROM referrals (one a line; not a space, which a
// trimmed output would lose before a plain document): what a search of the
// plain text must look through now that the column holds sealed text.
export function openedDocuments(rows, keyHex = process.env.VG_NOTES_KEY) {
  return rows.split('\n').filter((line) => line.trim() !== '').map((line) => {
    const bar = line.indexOf('|');
    return storedDocument(line.slice(bar + 1), line.slice(0, bar), keyHex);
  });
}
