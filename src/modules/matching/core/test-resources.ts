/** Small inline resources for unit tests (the core does no I/O, so tests pass text in). */
import type { AnalyzerResources } from './types.js';

export const TEST_RESOURCES: AnalyzerResources = {
  dictionary: ['静电卡盘 3000 nz', '谐波减速器 3000 nz', '减速器 5000 nz', '电主轴 5000 nz', 'PEM电解槽 3000 eng', '刻蚀 5000 nz', '回差 5000 nz', '锂离子电池 3000 nz', '隔膜 5000 nz'].join('\n'),
  thesaurus: [
    '# test thesaurus',
    '减速器,减速机',
    '谐波减速器,谐波减速机 > 减速器',
    '回差,背隙,空程',
    '锂离子电池,锂电,li-ion',
    '增材制造,3D打印',
    '定向能量沉积,DED > 增材制造',
    '机器视觉,视觉检测',
    'opc ua,opcua',
    '质子交换膜,PEM',
    '碳化硅,SiC',
  ].join('\n'),
  genericWords: ['技术', '研究', '系统', '开发', '需要', '高性能', '智能', '装置', '方法', '应用'].join('\n'),
};
