// `deploymentId` pins one call to one deployment of its group (a follow-up to state only that
// deployment holds): whatever the strategy would pick, cooling down or not, retries included;
// a group without that deployment is routed as usual.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Router } from './router.js';
import { hi, scenarioDeployment as deployment, useScenarioUpstreams } from './__fixtures__/scenario-deployments.js';

const upstream = useScenarioUpstreams();

describe('Router deploymentId', () => {
  it('serves the call on the pinned deployment, not the one the strategy picks', async () => {
    const first = await upstream();
    const second = await upstream();
    // random 0 always picks the first deployment.
    const router = new Router({ modelList: [deployment('m', first, 'one'), deployment('m', second, 'two')], random: () => 0 });
    for (let index = 0; index < 4; index += 1) {
      assert.equal((await router.completion({ model: 'm', messages: hi, deploymentId: 'two' })).llmux.deploymentId, 'two');
    }
    assert.equal((await router.completion({ model: 'm', messages: hi })).llmux.deploymentId, 'one');
    assert.equal(second.calls, 4);
  });

  it('retries on the pinned deployment, even cooling down', async () => {
    const flaky = await upstream({ steps: [{ status: 500 }] });
    const healthy = await upstream();
    const router = new Router({
      modelList: [deployment('m', healthy, 'healthy'), deployment('m', flaky, 'flaky')],
      random: () => 0,
      num_retries: 1,
      retry_backoff: 0.001,
      allowed_fails: 0,
      cooldown_time: 60,
    });
    const reply = await router.completion({ model: 'm', messages: hi, deploymentId: 'flaky' });
    assert.equal(reply.llmux.deploymentId, 'flaky');
    assert.equal(flaky.calls, 2);
    assert.equal(healthy.calls, 0);
  });

  it('routes as usual when the group has no such deployment', async () => {
    const only = await upstream();
    const router = new Router({ modelList: [deployment('m', only, 'only')] });
    assert.equal((await router.completion({ model: 'm', messages: hi, deploymentId: 'gone' })).llmux.deploymentId, 'only');
  });
});
