import assert from "node:assert/strict";

// syslog(3) with LOG_PERROR also writes each message to stderr, so a child
// process shows what reached the system log without needing /dev/log.
const SCRIPT = `
import { closeSyslog, LOG_PERROR, openSyslog, syslog, SyslogFacility, SyslogLevel } from "${
  new URL("./syslog.ts", import.meta.url).href
}";
openSyslog({ ident: "edge6-test", facility: SyslogFacility.LOCAL3, options: LOG_PERROR });
syslog(SyslogLevel.WARNING, "renew failed: 100% %s %n literal");
closeSyslog();
`;

Deno.test("syslog writes the message verbatim under the given identity", async () => {
  const result = await new Deno.Command(Deno.execPath(), {
    args: ["eval", SCRIPT],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(result.stderr);
  assert.ok(result.success, stderr);
  // "%s" and "%n" are printed as text: the message is an argument, never a format.
  assert.match(stderr, /edge6-test: renew failed: 100% %s %n literal/);
});
