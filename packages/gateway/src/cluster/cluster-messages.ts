// The primary's "drain and exit" to its workers. It travels over the cluster's IPC channel,
// not as a signal: on Ctrl-C the terminal already sent SIGINT to every worker, and a second
// signal means "exit at once", so a forwarded signal would cut the very requests it drains.

export const SHUTDOWN_MESSAGE = 'llmux:shutdown';
