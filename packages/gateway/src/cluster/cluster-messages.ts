// What the --num_workers primary and its workers tell each other over the cluster's IPC
// channel. Shutdown travels here, not as a signal: on Ctrl-C the terminal already sent
// SIGINT to every worker, and a second signal means "exit at once", so a forwarded signal
// would cut the very requests it drains. Reload goes both ways: SIGHUP reaches the primary,
// POST /config/reload one worker, and every process must re-read the file.

export const SHUTDOWN_MESSAGE = 'llmux:shutdown';
export const RELOAD_MESSAGE = 'llmux:reload';
