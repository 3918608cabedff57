/** What the project's command-line scripts share. */

/** Says what went wrong, on stderr, and exits with 1. */
export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** With `--help`, prints the usage and exits with 0. */
export function printUsageIfAsked(help: boolean | undefined, usage: string): void {
  if (!help) return;
  console.log(usage);
  process.exit(0);
}
