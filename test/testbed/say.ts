/** Progress lines of the test bed, on stderr so that stdout stays for `status`. */
export function say(message: string): void {
  process.stderr.write(`testbed: ${message}\n`);
}
