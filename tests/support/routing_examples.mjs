// What the routing examples under tests/routing/AREA/ expect, in the words the pages use: the
// name of the service an example must be routed to, from the area's directory file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceDir } from './server.mjs';

const names = new Map();

export function expectedServiceName(area, example) {
  if (!names.has(area)) {
    const directory = JSON.parse(readFileSync(path.join(sourceDir, 'config/areas', area, 'directory.json'), 'utf8'));
    names.set(area, new Map(directory.services.map((s) => [s.id, s.name])));
  }
  const file = path.join(sourceDir, 'tests/routing', area, `${example}.json`);
  const name = names.get(area).get(JSON.parse(readFileSync(file, 'utf8')).expect.service);
  if (!name) throw new Error(`${area}/${example}: the expected service is not in the directory`);
  return name;
}
