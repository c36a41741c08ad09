// What a provider with a moderation endpoint of its own offers (an adapter's optional
// `moderation` member). Others are bridged to a chat model by moderation(); see
// moderation-bridge.ts.

import type { ModerationRequest, ModerationResponse } from '../spec/index.js';
import type { ProviderCallContext } from './provider-adapter.js';

export interface ModerationSupport {
  moderate(request: ModerationRequest, context: ProviderCallContext): Promise<ModerationResponse>;
}
