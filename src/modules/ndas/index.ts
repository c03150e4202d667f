import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  NDA_NOT_FOUND: { status: 404, zh: '保密协议申请不存在', en: 'NDA request not found' },
  NDA_STATUS_INVALID: { status: 409, zh: '保密协议申请当前状态（{status}）不能变为 {to}', en: 'The NDA request cannot move from {status} to {to}' },
  NDA_ALREADY_REQUESTED: { status: 409, zh: '您的单位已提交过该条目的保密协议申请', en: 'Your organisation already has an open NDA request for this listing' },
  NDA_ALREADY_GRANTED: { status: 409, zh: '您已可查看该条目的保密详情', en: 'You can already read this listing’s confidential detail' },
  NDA_OWN_LISTING: { status: 400, zh: '不能对本单位的条目申请保密协议', en: 'You cannot request an NDA for your own organisation’s listing' },
  NDA_NEEDS_ORGANISATION: { status: 403, zh: '须以单位身份申请保密协议', en: 'An NDA is signed on behalf of an organisation' },
  NDA_VERSION_MISMATCH: { status: 409, zh: '保密协议文本版本不一致（应为 {expected}），请重新阅读', en: 'NDA text version mismatch (expected {expected}); read it again' },
});

export { NdasService, NDA_TEXT, type NdaStatus } from './ndas.service.js';
export { ndasRoutes } from './ndas.routes.js';
