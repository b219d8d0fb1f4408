/** The command line was wrong: exit 2 with the message and a pointer to --help. */
export class UsageError extends Error {}

/** Something the user can fix (missing file, nothing to connect to): exit 1 with the message only. */
export class CliError extends Error {}
