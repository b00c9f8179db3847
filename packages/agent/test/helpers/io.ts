/**
 * Streams for `runCli` that keep what is written, so a test can read the command's output and errors.
 *
 * @example
 * ```ts
 * const { out, streams } = capturedIo();
 * await runCli(['--help'], {}, streams);
 * expect(out.stdout).toContain('Usage');
 * ```
 */
export function capturedIo() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    streams: {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
  };
}
