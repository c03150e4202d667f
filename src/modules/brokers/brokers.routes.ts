import { Type } from '@sinclair/typebox';
import { fenToWan } from '../../kernel/money.js';
import { bpToPercent, percentToBp } from '../../kernel/percent.js';
import { invalidField } from '../../kernel/errors.js';
import { errorResponses, type HttpApp, Nullable } from '../../kernel/http/index.js';
import { parseJsonArray } from '../../kernel/context.js';
import type { BrokersService, BrokerEntry } from './brokers.service.js';

const BrokerView = Type.Object({
  userId: Type.String(), name: Type.String(), organisationId: Nullable(Type.String()),
  certificateNo: Nullable(Type.String()), specialities: Type.Array(Type.String()), regions: Type.Array(Type.String()), bio: Type.String(), defaultCommissionPercent: Nullable(Type.String()),
  record: Type.Object({ handled: Type.Integer(), signed: Type.Integer(), amountWan: Type.String(), medianDaysMatchToContract: Nullable(Type.Number()), medianSample: Type.Integer() }),
});

function present(e: BrokerEntry) {
  return {
    userId: e.userId, name: e.name, organisationId: e.organisationId, certificateNo: e.profile?.certificate_no ?? null,
    specialities: parseJsonArray(e.profile?.specialities), regions: parseJsonArray(e.profile?.regions), bio: e.profile?.bio ?? '',
    defaultCommissionPercent: bpToPercent(e.profile?.default_commission_bp),
    record: { handled: e.record.handled, signed: e.record.signed, amountWan: fenToWan(e.record.amountFen)!, medianDaysMatchToContract: e.record.medianDaysMatchToContract, medianSample: e.record.medianSample },
  };
}

export function brokersRoutes(deps: { brokers: BrokersService }) {
  return async function (app: HttpApp) {
    const tags = ['brokers 科技经纪人'];
    app.get('/api/brokers', { config: { access: { roles: 'everyone' }, public: true },
      schema: {
        tags, summary: '经纪人名录与业绩（由对接项目计算，非自报）',
        querystring: Type.Object({ speciality: Type.Optional(Type.String({ maxLength: 40 })), region: Type.Optional(Type.String({ pattern: '^\\d{2,6}$' })) }),
        response: { 200: Type.Array(BrokerView), ...errorResponses },
      },
    }, async (req) => (await deps.brokers.directory(req.query)).map(present));
    app.get('/api/brokers/:userId', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, params: Type.Object({ userId: Type.String({ maxLength: 64 }) }), response: { 200: BrokerView, ...errorResponses } } }, async (req) => present(await deps.brokers.get(req.params.userId)));
    app.put('/api/brokers/me', {
      config: { access: { roles: ['broker'] } }, schema: {
        tags, summary: '维护我的经纪人资料',
        body: Type.Object({
          certificateNo: Type.String({ minLength: 1, maxLength: 40 }), specialities: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
          regions: Type.Array(Type.String({ pattern: '^\\d{6}$' }), { maxItems: 20 }), bio: Type.Optional(Type.String({ maxLength: 2000 })),
          defaultCommissionPercent: Type.Optional(Nullable(Type.String({ maxLength: 6 }))),
        }),
        response: { 200: BrokerView, ...errorResponses },
      },
    }, async (req) => {
      const b = req.body;
      let bp: number | null = null;
      if (b.defaultCommissionPercent) {
        bp = percentToBp(b.defaultCommissionPercent);
        if (bp === null) throw invalidField('defaultCommissionPercent', '比例应在 0–100 之间', 'must be between 0 and 100');
      }
      await deps.brokers.saveProfile(req.actor, { certificateNo: b.certificateNo, specialities: b.specialities, regions: b.regions, bio: b.bio, defaultCommissionBp: bp });
      return present(await deps.brokers.get((req.actor as { userId: string }).userId));
    });
  };
}
