// A node:test reporter that writes one line per skipped test (file, name and reason), so
// run-tests.mjs can refuse skips in CI and count them locally.
export default async function* skipReporter(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { skip, name, file } = event.data;
    if (skip === undefined || skip === false) continue;
    const reason = typeof skip === 'string' ? skip : 'skipped';
    yield `${JSON.stringify({ file: file ?? '', name, reason })}\n`;
  }
}
