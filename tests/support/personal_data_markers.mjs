// The marks every invented person in the tests carries, so a test can find their details wherever
// they must not be: names and addresses with "Invented" in them (Robin Inventedname, 9 Invented
// Close), notes beginning "Invented", Ofcom's drama telephone numbers (0151 496 0xxx, 07700 900xxx),
// and example.com email addresses. startServer (server.mjs) checks every line a test server logged
// against them when it stops: the server must never log personal data.
const kMarks = [
  /invented/i,
  /\b0\d{3} ?496 ?0\d{3}\b/,
  /\b07700 ?900 ?\d{3}\b/,
  /@example\.com\b/i,
];

// The lines of `text` that show a mark, each cut to 300 characters.
export function linesWithPersonalData(text) {
  return text.split('\n').filter((line) => kMarks.some((m) => m.test(line))).map((line) => line.slice(0, 300));
}
