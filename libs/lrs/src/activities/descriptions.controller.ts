import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { agentKey, personOf, type JsonObject } from '@hocba/xapi';
import { canReadDescriptions } from '../clients/lrs-client';
import { LrsClientsService } from '../clients/lrs-clients.service';
import { agent, iri, onlyParams, required } from '../http/query-params';
import { openXapiRequest, type AuthenticatedXapiRequest } from '../http/xapi-context';
import { LrsError } from '../lrs.errors';
import { ActivitiesRepository } from './activities.repository';

/** GET /xapi/activities (the canonical Activity) and GET /xapi/agents (the Person). HEAD comes with GET. */
@Controller('xapi')
export class DescriptionsController {
  constructor(
    private readonly clients: LrsClientsService,
    private readonly activities: ActivitiesRepository,
  ) {}

  private async open(request: FastifyRequest, reply: FastifyReply): Promise<AuthenticatedXapiRequest> {
    const x = await openXapiRequest(request, reply, this.clients);
    if (x.method !== 'GET' && x.method !== 'HEAD')
      throw new LrsError('lrs.method_not_allowed', `${x.method} is not allowed here; use GET`);
    if (!canReadDescriptions(x.client))
      throw new LrsError('lrs.forbidden', 'This LRS client may not read activities or agents');
    return x;
  }

  @Get('activities')
  async activity(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const x = await this.open(request, reply);
    onlyParams(x.params, new Set(['activityId']), 'GET /activities');
    required(x.params, 'activityId', 'GET /activities');
    const id = iri(x.params, 'activityId') as string;
    const definition = await this.activities.definition(id);
    // An activity never seen is still an Activity: its id alone.
    const body: JsonObject = { objectType: 'Activity', id, ...(definition ? { definition } : {}) };
    void reply.status(200).type('application/json').send(JSON.stringify(body));
  }

  @Get('agents')
  async person(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const x = await this.open(request, reply);
    onlyParams(x.params, new Set(['agent']), 'GET /agents');
    required(x.params, 'agent', 'GET /agents');
    const asked = agent(x.params, 'agent', x.version) as { agent: JsonObject; key: string };
    const seen = (await this.activities.actorsOf(asked.key)).filter((a) => agentKey(a) === asked.key);
    void reply
      .status(200)
      .type('application/json')
      .send(JSON.stringify(personOf([asked.agent, ...seen])));
  }
}
