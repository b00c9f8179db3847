import type { ParameterTier } from '@aws-sdk/client-ssm';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { MAX_ADVANCED_VALUE, MAX_STANDARD_VALUE, ssmHistory } from '../store/ssm.js';
import type { Write } from './importReport.js';

/** Secrets Manager holds up to 64 KiB a value, text (in UTF-8) or bytes. */
const MAX_SECRET_BYTES = 65_536;

/**
 * Refuses, before anything is written, values too large for where they go, so that an import does not stop halfway
 * on a size the file already showed: a secret over 64 KiB, a parameter over 8 KB (no tier holds it), and a parameter
 * over 4 KB that would be Standard (new without `--tier`, `--tier Standard`, or an existing Standard one). Only the
 * tiers of existing parameters with a large new value are looked up (one GetParameterHistory each).
 */
export async function checkSizes(
  context: Context,
  service: 'ssm' | 'secrets',
  writes: readonly Write[],
  tier: ParameterTier | undefined,
): Promise<void> {
  const keys = (list: readonly Write[]) => list.map((write) => write.key).join(', ');
  if (service === 'secrets') {
    const large = writes.filter((write) => byteLength(write) > MAX_SECRET_BYTES);
    if (large.length > 0) {
      throw new UsageError(
        `nothing written: Secrets Manager holds up to 64 KiB a value; these are larger: ${keys(large)}`,
      );
    }
    return;
  }
  const tooLarge = writes.filter((write) => write.value.length > MAX_ADVANCED_VALUE);
  if (tooLarge.length > 0) {
    throw new UsageError(
      `nothing written: a parameter holds up to ${MAX_ADVANCED_VALUE} characters (Advanced tier); these are longer: ` +
        `${keys(tooLarge)} (store them in a secrets folder: up to 64 KiB)`,
    );
  }
  if (tier === 'Advanced' || tier === 'Intelligent-Tiering') return;
  const large = writes.filter((write) => write.value.length > MAX_STANDARD_VALUE);
  const standard: Write[] = [];
  for (const write of large) {
    if (
      tier === 'Standard' ||
      write.existing === undefined ||
      (await currentTier(context, write.name)) === 'Standard'
    ) {
      standard.push(write);
    }
  }
  if (standard.length > 0) {
    throw new UsageError(
      `nothing written: the Standard tier holds up to ${MAX_STANDARD_VALUE} characters, and these are longer: ` +
        `${keys(standard)} (add --tier Intelligent-Tiering, which makes only those Advanced, or --tier Advanced)`,
    );
  }
}

function byteLength(write: Write): number {
  return write.binary ? Buffer.from(write.value, 'base64').byteLength : Buffer.byteLength(write.value, 'utf8');
}

async function currentTier(context: Context, name: string): Promise<string | undefined> {
  const history = await ssmHistory(context.ssm, name, false);
  return history.at(-1)?.tier ?? 'Standard';
}
