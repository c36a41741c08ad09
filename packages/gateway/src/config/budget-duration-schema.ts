// LiteLLM's duration text for budgets (`30s`, `10m`, `24h`, `1d`, `30d`, `1mo`), checked at
// start so a typo names its field instead of becoming a budget that never resets.

import { z } from 'zod';
import { parseDuration } from '../limits/budget-period.js';

export const budgetDuration = z.string().refine((text) => parseDuration(text) !== null, { message: 'is not a duration; write e.g. 30s, 10m, 24h, 1d, 30d or 1mo' });
