/**
 * The documents an insurance-compensation application needs, as attachment metadata (name, type, size, SHA-256):
 * the platform stores no files, so it checks that each required document is declared, well-formed and within limits.
 * Pure.
 */
export const DOCUMENT_TYPES = ['certificate', 'insurance_contract', 'premium_invoice', 'sales_contract', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_ZH: Record<DocumentType, string> = { certificate: '首台套（首批次、首版次）认定证书', insurance_contract: '保险合同', premium_invoice: '保费发票', sales_contract: '销售合同', other: '其他材料' };
export const DOCUMENT_EN: Record<DocumentType, string> = { certificate: 'recognition certificate', insurance_contract: 'insurance contract', premium_invoice: 'premium invoice', sales_contract: 'sales contract', other: 'other' };

export interface DocumentMeta {
  type: DocumentType;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface DocumentLimits {
  required: DocumentType[];
  maxBytes: number;
  mimes: string[];
  maxDocuments: number;
}

export interface DocumentCheck {
  ok: boolean;
  missing: DocumentType[];
  problems: { field: string; zh: string; en: string }[];
}

export function checkDocuments(docs: readonly DocumentMeta[], limits: DocumentLimits): DocumentCheck {
  const problems: DocumentCheck['problems'] = [];
  if (docs.length > limits.maxDocuments) problems.push({ field: 'documents', zh: `材料不超过 ${limits.maxDocuments} 份`, en: `at most ${limits.maxDocuments} documents` });
  const hashes = new Set<string>();
  docs.forEach((d, i) => {
    const f = `documents[${i}]`;
    if (!/^[0-9a-f]{64}$/.test(d.sha256)) problems.push({ field: `${f}.sha256`, zh: 'SHA-256 应为 64 位十六进制小写字符', en: 'sha256 must be 64 lowercase hex characters' });
    else if (hashes.has(d.sha256)) problems.push({ field: `${f}.sha256`, zh: '同一文件重复上传', en: 'the same file appears twice' });
    hashes.add(d.sha256);
    if (!Number.isSafeInteger(d.size) || d.size <= 0) problems.push({ field: `${f}.size`, zh: '文件为空', en: 'the file is empty' });
    else if (d.size > limits.maxBytes) problems.push({ field: `${f}.size`, zh: `文件超过 ${Math.floor(limits.maxBytes / 1048576)} MB`, en: `the file exceeds ${Math.floor(limits.maxBytes / 1048576)} MB` });
    if (!limits.mimes.includes(d.mime)) problems.push({ field: `${f}.mime`, zh: `文件类型须为 ${limits.mimes.join('、')}`, en: `the type must be one of ${limits.mimes.join(', ')}` });
  });
  const missing = limits.required.filter((t) => !docs.some((d) => d.type === t));
  return { ok: !problems.length && !missing.length, missing, problems };
}
