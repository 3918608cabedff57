/**
 * Runs the upstream simulator by hand:
 *   node_modules/.bin/node test/upstream/main.ts [port]   (default 8790)
 */
import { TOKENS, startUpstream } from "./server.ts";

const port = Number(process.argv[2] ?? "8790");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`usage: node test/upstream/main.ts [port]   (got ${process.argv[2]})`);
  process.exit(2);
}

const upstream = await startUpstream({ port });
console.log(`Upstream simulator listening on ${upstream.url}
  GitHub    ${upstream.url}/user              tokens ${TOKENS.octocat}, ${TOKENS.hubot}
  Gmail     ${upstream.url}/gmail/v1/users/me/messages
  Calendar  ${upstream.url}/calendar/v3/users/me/calendarList   tokens ${TOKENS.alice}, ${TOKENS.bob}
  Control   ${upstream.url}/_sim

  Try:  curl -H "Authorization: Bearer ${TOKENS.octocat}" ${upstream.url}/repos/octocat/hello-world/issues
`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void upstream.close().then(() => process.exit(0));
  });
}
