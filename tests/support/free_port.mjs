// A loopback TCP port nothing listens on at the moment of asking (the kernel's pick), for a
// process a test starts on a port it must know in advance.
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
