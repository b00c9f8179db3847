export {
  type Format,
  parseSource,
  parseValueAddress,
  type Service,
  type SourceSpec,
  type ValueAddress,
} from './address.js';
export { toEnvName } from './envNames.js';
export { CliError, EXIT, type ExitCode, UsageError } from './errors.js';
export type { CliIo, InputStream, OutputStream, SignalSource } from './io.js';
export { runCli } from './runCli.js';
