/** Response schemas of the incubation GET routes (they document the API and type the web client). */
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../kernel/http/index.js';

const S = Type.String();

export const CarrierView = Type.Object({ id: S, organisationId: S, kind: S, name: S, intro: Nullable(S), stages: Type.Array(S), services: Type.Array(S), industries: Type.Array(S), regionCode: Nullable(S), seats: Nullable(Type.Integer()) });
export const IncubationApplicationView = Type.Object({ id: S, carrierId: S, applicantOrgId: Nullable(S), kind: S, teamName: S, achievementId: Nullable(S), stage: S, plan: Nullable(S), status: S, decisionReason: Nullable(S), createdAt: S, decidedAt: Nullable(S) });
export const ResidentView = Type.Object({ id: S, carrierId: S, applicationId: Nullable(S), organisationId: Nullable(S), teamName: S, stage: S, enteredOn: S, status: S, leftOn: Nullable(S), nextStage: Nullable(S), outcome: Nullable(S) });
